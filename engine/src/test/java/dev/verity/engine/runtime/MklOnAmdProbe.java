package dev.verity.engine.runtime;

import com.sun.jna.NativeLibrary;

/**
 * Run in a fresh JVM by {@link MklOnAmdTest}: loads the library as {@link MklOnAmd} does, then looks its function up
 * in the process's global scope, where libtorch would find it, and prints what it answers.
 */
public final class MklOnAmdProbe {
  private MklOnAmdProbe() {}

  public static void main(String[] args) {
    System.load(args[0]);
    System.out.println(NativeLibrary.getProcess().getFunction("mkl_serv_intel_cpu_true").invokeInt(new Object[0]));
  }
}
