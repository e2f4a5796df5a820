package dev.verity.kernel.jshell;

import java.util.Arrays;
import java.util.Map;
import jdk.jshell.execution.LocalExecutionControlProvider;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * JShell's local execution engine, with one change: before a cell's classes load, their calls to {@code
 * System.exit}, {@code Runtime.exit} and {@code Runtime.halt} (direct, or as method references) are rewritten to
 * {@link CellExit}'s, which throw. Cells run in the kernel's own process, so without this one {@code System.exit}
 * in a cell ended the kernel and every unsaved result of the session. A library the cell calls that exits still
 * ends it; Java 17 offers no other hook short of a security manager, which would tax every call the engine makes.
 */
final class ExitGuard implements ExecutionControlProvider {
  private static final String CELL_EXIT = CellExit.class.getName().replace('.', '/');
  private static final String RUNTIME = "java/lang/Runtime";

  private final LocalExecutionControlProvider local = new LocalExecutionControlProvider();

  @Override
  public String name() {
    return "verity-local";
  }

  @Override
  public Map<String, String> defaultParameters() {
    return local.defaultParameters();
  }

  @Override
  public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) throws Throwable {
    return new Guarded(local.generate(env, parameters));
  }

  /** {@code bytecode} with its exits rewritten; the same array when it has none. */
  static byte[] rewrite(byte[] bytecode) {
    ClassReader reader = new ClassReader(bytecode);
    ClassWriter writer = new ClassWriter(reader, 0); // same stack shapes: no frames to recompute
    boolean[] changed = {false};
    reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
      @Override
      public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
          String[] exceptions) {
        return new MethodVisitor(Opcodes.ASM9, super.visitMethod(access, name, descriptor, signature, exceptions)) {
          @Override
          public void visitMethodInsn(int opcode, String owner, String method, String desc, boolean itf) {
            String replacement = replacement(owner, method, desc);
            if (replacement == null) {
              super.visitMethodInsn(opcode, owner, method, desc, itf);
            } else {
              changed[0] = true;
              super.visitMethodInsn(Opcodes.INVOKESTATIC, CELL_EXIT, replacement, guardDescriptor(owner), false);
            }
          }

          @Override
          public void visitInvokeDynamicInsn(String name, String desc, Handle bootstrap, Object... arguments) {
            Object[] args = arguments.clone();
            for (int i = 0; i < args.length; i++) {
              String replacement = args[i] instanceof Handle h ? replacement(h.getOwner(), h.getName(), h.getDesc())
                  : null;
              if (replacement != null) { // System::exit, Runtime.getRuntime()::exit
                changed[0] = true;
                args[i] = new Handle(Opcodes.H_INVOKESTATIC, CELL_EXIT, replacement,
                    guardDescriptor(((Handle) args[i]).getOwner()), false);
              }
            }
            super.visitInvokeDynamicInsn(name, desc, bootstrap, args);
          }
        };
      }
    }, 0);
    return changed[0] ? writer.toByteArray() : bytecode;
  }

  /** The method of CellExit that stands in for {@code owner.method(desc)}, or null when it is no exit. */
  private static String replacement(String owner, String method, String desc) {
    if (!"(I)V".equals(desc)) {
      return null;
    }
    if ("java/lang/System".equals(owner) && "exit".equals(method)) {
      return "systemExit";
    }
    if (RUNTIME.equals(owner) && ("exit".equals(method) || "halt".equals(method))) {
      return "exit".equals(method) ? "runtimeExit" : "runtimeHalt";
    }
    return null;
  }

  /** Runtime's are instance methods: their stand-ins take the receiver first, so the stack is the same. */
  private static String guardDescriptor(String owner) {
    return RUNTIME.equals(owner) ? "(L" + RUNTIME + ";I)V" : "(I)V";
  }

  /** The local engine's control, every class it loads rewritten first. */
  private record Guarded(ExecutionControl engine) implements ExecutionControl {
    @Override
    public void load(ClassBytecodes[] classes)
        throws ClassInstallException, NotImplementedException, EngineTerminationException {
      engine.load(guarded(classes));
    }

    @Override
    public void redefine(ClassBytecodes[] classes)
        throws ClassInstallException, NotImplementedException, EngineTerminationException {
      engine.redefine(guarded(classes));
    }

    @Override
    public String invoke(String className, String methodName)
        throws RunException, EngineTerminationException, InternalException {
      return engine.invoke(className, methodName);
    }

    @Override
    public String varValue(String className, String varName)
        throws RunException, EngineTerminationException, InternalException {
      return engine.varValue(className, varName);
    }

    @Override
    public void addToClasspath(String path) throws EngineTerminationException, InternalException {
      engine.addToClasspath(path);
    }

    @Override
    public void stop() throws EngineTerminationException, InternalException {
      engine.stop();
    }

    @Override
    public Object extensionCommand(String command, Object arg)
        throws RunException, EngineTerminationException, InternalException {
      return engine.extensionCommand(command, arg);
    }

    @Override
    public void close() {
      engine.close();
    }

    private static ClassBytecodes[] guarded(ClassBytecodes[] classes) {
      return Arrays.stream(classes).map(c -> new ClassBytecodes(c.name(), rewrite(c.bytecodes())))
          .toArray(ClassBytecodes[]::new);
    }
  }
}
