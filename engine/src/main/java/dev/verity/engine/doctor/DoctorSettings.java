package dev.verity.engine.doctor;

import dev.verity.engine.catalog.Bound;
import dev.verity.engine.catalog.Definition;
import dev.verity.engine.catalog.Param;
import java.util.List;

/**
 * Whether the doctor watches an RL stage, and the thresholds of its rules. Declared once as the two built-ins an
 * {@code rl} block's {@code doctor:} setting takes: {@code warn(…)} (the default) and {@code off}.
 */
public record DoctorSettings(
    boolean on,
    double zeroStd, // share of groups without spread that counts as no signal
    int window, // ... for this many steps in a row
    double truncated, // share of a step's responses cut at max_tokens
    double spike, // a KL or gradient norm this many times the median of the earlier steps
    double entropy, // entropy below this fraction of its start counts as collapsed
    double evalDrop) { // periodic eval accuracy this far below its best

  public static final Definition<DoctorSettings> WARN = Definition.of("warn",
      "Watches the stage and warns, once per rule, when it is not learning: groups without reward spread,"
          + " collapsed entropy, truncated responses, training reward up while evaluation accuracy falls, KL or"
          + " gradient-norm spikes, a non-finite loss. Warnings show on the command line and in the notebook and"
          + " are recorded in doctor.jsonl; they never change the run.",
      List.of(
          Param.number("zero_std").bounded(Bound.aboveUpTo(0, 1)).byDefault(0.75)
              .doc("share of groups without reward spread (frac_zero_std) at or above this in each of the last"
                  + " `window` steps warns: no learning signal"),
          Param.whole("window").within(2, 1000).byDefault(10).doc("steps the zero_std rule looks back"),
          Param.number("truncated").bounded(Bound.aboveUpTo(0, 1)).byDefault(0.2)
              .doc("share of a step's responses cut at max_tokens that warns"),
          Param.number("spike").bounded(Bound.above(1)).byDefault(10.0)
              .doc("KL or gradient norm this many times the median of the earlier steps (5 at least) warns"),
          Param.number("entropy").bounded(Bound.strictlyBetween(0, 1)).byDefault(0.1)
              .doc("entropy below this fraction of its first 3 steps' mean, while accuracy has not risen, warns"),
          Param.number("eval_drop").bounded(Bound.aboveUpTo(0, 1)).byDefault(0.1)
              .doc("periodic eval accuracy this far below its best, while the training reward has not fallen,"
                  + " warns")),
      a -> new DoctorSettings(true, a.number("zero_std"), a.whole("window"), a.number("truncated"),
          a.number("spike"), a.number("entropy"), a.number("eval_drop")));

  public static final Definition<DoctorSettings> OFF = Definition.of("off",
      "No doctor: the stage runs without its warnings.", List.of(), a -> DoctorSettings.off());

  /** Both, in the order the reference lists them. */
  public static final List<Definition<DoctorSettings>> BUILT_IN = List.of(WARN, OFF);

  /** {@code warn()}: every threshold at its default. */
  public static DoctorSettings defaults() {
    return WARN.create(WARN.defaults());
  }

  /** {@code off}: the thresholds are kept at their defaults, unused. */
  public static DoctorSettings off() {
    DoctorSettings d = WARN.create(WARN.defaults());
    return new DoctorSettings(false, d.zeroStd, d.window, d.truncated, d.spike, d.entropy, d.evalDrop);
  }
}
