package dev.verity.dsl.builtin;

import dev.verity.engine.metric.Metric;
import dev.verity.engine.run.RunDirectory;
import dev.verity.engine.task.Task;
import dev.verity.engine.task.TaskType;
import dev.verity.engine.user.RewardFunction;
import dev.verity.engine.user.UserCode;
import dev.verity.engine.user.UserDefinitions;

/**
 * The "Tasks and reward terms in Java" section of docs/dsl.md: {@code java("CLASS", …)}, the interfaces a class
 * implements, where classes come from, and what happens when user code fails. Names of interfaces, fields, files
 * and metrics are read from the code, so the page follows a rename.
 */
final class JavaDocs {
  private JavaDocs() {}

  static void section(StringBuilder md) {
    String task = "`" + Task.class.getName() + "`";
    String reward = "`" + RewardFunction.class.getName() + "`";
    md.append("## Tasks and reward terms in Java\n\n")
        .append("`java(\"CLASS\", …)` names a class written in Java where a task or a reward term goes:\n\n```\n")
        .append("task pal       = java(\"org.example.Palindromes\", level: 1..4)\n")
        .append("reward partial = exact_answer() + 0.5 * java(\"PartialCredit\")\n```\n\n")
        .append("- A task class implements ").append(task).append(", as the built-in tasks do, and declares its"
            + " definition — name, parameters with limits and defaults, difficulty knob, factory — in `public"
            + " static final ").append(TaskType.class.getSimpleName()).append(" ").append(UserDefinitions.TYPE_FIELD)
        .append("` (usually a `GeneratorType`, as `AdditionTask.TYPE`); a class implementing `TaskType` itself"
            + " is made with its no-argument constructor. Its arguments, `count` included, are checked like a"
            + " built-in's, and curricula move its knob.\n")
        .append("- A reward term class implements ").append(reward).append(": `double score(Rollout rollout)`, from"
            + " the rollout's problem (prompt, answer, level), response, length in tokens and truncation. It is"
            + " made with its no-argument constructor and takes no arguments, or declares its parameters and factory"
            + " in `public static final Definition<RewardFunction> ").append(UserDefinitions.TYPE_FIELD)
        .append("`. It combines with the built-in terms like any term and is recorded under its class's simple"
            + " name.\n")
        .append("- Classes come from the jars (or class folders) given with `--classpath` to `verity run`, `check`,"
            + " `replay` and `sweep` (which gives them to each of its runs), and in a notebook from its `%%java`"
            + " cells (by simple name) and `%classpath`. Compile a jar's classes against `kernel/target/verity.jar`,"
            + " which `bin/verity` builds and whose manifest brings the engine's classes: `javac -cp"
            + " kernel/target/verity.jar -d classes src/*.java && jar cf mine.jar -C classes .`. The"
            + " checker finds the class and checks its interface, its definition and the arguments when the cell"
            + " is checked, at `file:line:col`. What the check runs of the class — its static initialiser and"
            + " constructor, its factory, and what its task says of itself (levels, alphabet, lengths) — must return"
            + " within the same limit as a verifier's call; one that runs longer is stopped and reported at the"
            + " class's name.\n")
        .append("- User code cannot take a run down: a verifier, answer extraction or score that throws or runs"
            + " longer than ").append(UserCode.DEFAULT_LIMIT.toSeconds()).append(" s scores that rollout 0 and is"
            + " counted in `").append(Metric.USER_CODE_ERRORS.id()).append("`; the first failure of a stage is"
            + " reported once with its message (a `user_code` line, also in doctor.jsonl), and the run goes on. A"
            + " call that runs too long is stopped with `Thread.stop`; Java 20 and later refuse that, so there its"
            + " thread is abandoned and spins on in the background (a daemon: it costs a core until the program"
            + " ends, but does not keep it running), the failure is counted all the same, and its message says"
            + " so.\n")
        .append("- A run records each `--classpath` jar's SHA-256 in `").append(RunDirectory.JARS).append("`. `verity"
            + " replay` uses the recorded jars unless given `--classpath`, and refuses, naming the jar, when one"
            + " differs from the one the run used.\n\n");
  }
}
