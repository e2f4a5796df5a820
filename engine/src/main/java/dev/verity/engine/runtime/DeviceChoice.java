package dev.verity.engine.runtime;

import java.util.Locale;

/** Where tensors live, as a user asks for it: {@code auto} (the GPU when one is usable), {@code cpu} or {@code gpu}. */
public enum DeviceChoice {
  AUTO,
  CPU,
  GPU;

  /** {@code auto}, {@code cpu} or {@code gpu}, any case; anything else is refused naming the three. */
  public static DeviceChoice parse(String text) {
    for (DeviceChoice choice : values()) {
      if (choice.label().equalsIgnoreCase(text.strip())) {
        return choice;
      }
    }
    throw new IllegalArgumentException("'" + text + "' is not a device: give auto, cpu or gpu");
  }

  /** As a user writes it. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
