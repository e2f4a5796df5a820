package dev.verity.kernel.jupyter;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ParentWatchTest {

  @Test
  void callsBackSoonAfterTheWatchedProcessDies() throws Exception {
    Process parent = new ProcessBuilder("sleep", "60").start();
    CountDownLatch gone = new CountDownLatch(1);
    ParentWatch.watch(Long.toString(parent.pid()), gone::countDown);
    assertFalse(gone.await(1500, TimeUnit.MILLISECONDS), "no call while the process lives");
    parent.destroyForcibly().waitFor();
    assertTrue(gone.await(3, TimeUnit.SECONDS), "called within 3 s of the death");
  }

  @Test
  void aParentAlreadyGoneIsReportedAtOnce() throws Exception {
    Process parent = new ProcessBuilder("true").start();
    parent.waitFor();
    CountDownLatch gone = new CountDownLatch(1);
    ParentWatch.watch(Long.toString(parent.pid()), gone::countDown);
    assertTrue(gone.await(100, TimeUnit.MILLISECONDS));
  }

  @Test
  void noOrAnUnreadablePidWatchesNothing() throws Exception {
    CountDownLatch gone = new CountDownLatch(1);
    ParentWatch.watch(null, gone::countDown);
    ParentWatch.watch("", gone::countDown);
    ParentWatch.watch("not-a-pid", gone::countDown);
    assertFalse(gone.await(1200, TimeUnit.MILLISECONDS));
  }
}
