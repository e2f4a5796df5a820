package dev.verity.kernel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.engine.EngineException;
import org.junit.jupiter.api.Test;

/** The line an unexpected failure is reported as names its root cause, whatever wraps it. */
class FailuresTest {
  private static final String REPORT = " (please report it with the command you ran)";

  /** A class whose initialiser fails, as DJL's do when a device or a native library is missing. */
  static final class NoDevice {
    static int uses;

    static {
      if (Boolean.TRUE) {
        throw new IllegalStateException("no CUDA device");
      }
    }
  }

  static final class NoNatives {
    static int uses;

    static {
      if (Boolean.TRUE) {
        throw new EngineException("Failed to load PyTorch native library",
            new UnsatisfiedLinkError("/root/.djl.ai/pytorch/libtorch.so: cannot open shared object file"));
      }
    }
  }

  static final class NoJni {
    static int uses;

    static {
      if (Boolean.TRUE) {
        throw new UnsatisfiedLinkError("no djl_torch in java.library.path");
      }
    }
  }

  @Test
  void anInitialiserThatFailedIsNamedWithWhatItThrew() {
    Throwable first = assertThrows(ExceptionInInitializerError.class, () -> NoDevice.uses++);
    String name = NoDevice.class.getName();
    assertEquals("internal error: java.lang.ExceptionInInitializerError in the static initialiser of " + name
        + ", caused by java.lang.IllegalStateException: no CUDA device" + REPORT, Failures.message(first));
    // the class's next use: the JDK names only the class, and keeps what it threw the first time
    Throwable again = assertThrows(NoClassDefFoundError.class, () -> NoDevice.uses++);
    assertEquals("internal error: java.lang.NoClassDefFoundError: Could not initialize class " + name
        + ", which failed earlier with java.lang.IllegalStateException: no CUDA device" + REPORT,
        Failures.message(again));
  }

  @Test
  void pytorchsNativesFailingInAnInitialiserGetTheirHint() {
    Throwable engine = assertThrows(ExceptionInInitializerError.class, () -> NoNatives.uses++);
    assertEquals("PyTorch did not start: Failed to load PyTorch native library, caused by"
        + " java.lang.UnsatisfiedLinkError: /root/.djl.ai/pytorch/libtorch.so: cannot open shared object file"
        + NativesHint.forLoadFailure(), Failures.message(engine));

    Throwable link = assertThrows(UnsatisfiedLinkError.class, () -> NoJni.uses++);
    assertEquals("PyTorch did not start: java.lang.UnsatisfiedLinkError: no djl_torch in java.library.path"
        + NativesHint.forLoadFailure(), Failures.message(link));
    Throwable again = assertThrows(NoClassDefFoundError.class, () -> NoJni.uses++);
    assertEquals("PyTorch did not start: java.lang.NoClassDefFoundError: Could not initialize class "
        + NoJni.class.getName() + ", which failed earlier with java.lang.UnsatisfiedLinkError: no djl_torch in"
        + " java.library.path" + NativesHint.forLoadFailure(), Failures.message(again));
  }

  @Test
  void anotherLibraryIsNotTakenForPyTorch() {
    Throwable fonts = new UnsatisfiedLinkError("libfontmanager.so: libfreetype.so.6: cannot open shared object file");
    assertEquals("internal error: java.lang.UnsatisfiedLinkError: libfontmanager.so: libfreetype.so.6: cannot open"
        + " shared object file" + REPORT, Failures.message(fonts));
  }

  @Test
  void aUsersMistakeIsItsOwnMessage() {
    assertEquals("no such file: x.verity", Failures.message(new CliException("no such file: x.verity")));
    assertEquals("internal error: java.lang.IllegalStateException: x" + REPORT,
        Failures.message(new IllegalStateException("x")));
  }
}
