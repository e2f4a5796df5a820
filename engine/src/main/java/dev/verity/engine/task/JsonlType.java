package dev.verity.engine.task;

import dev.verity.engine.catalog.Args;
import dev.verity.engine.catalog.Param;
import dev.verity.engine.catalog.ParamType;
import java.util.List;
import java.util.Optional;

/**
 * The definition of {@code jsonl(path, prompt: "question", answer: "answer")}: user data. Its knob is the
 * optional level field, whose levels are only known once the file is read; any positive level is allowed here.
 */
final class JsonlType implements TaskType {
  private static final LevelRange ANY_LEVEL = new LevelRange(1, Integer.MAX_VALUE);

  @Override
  public String name() {
    return "jsonl";
  }

  @Override
  public String doc() {
    return "User data: problems read from a JSON-lines file.";
  }

  @Override
  public List<Param> params() {
    return List.of(
        Param.of("path", ParamType.PATH).unnamed().doc("a JSON-lines file, one problem per line"),
        Param.text("prompt").doc("the field holding the prompt"),
        Param.text("answer").doc("the field holding the exact answer"),
        Param.text("trace").orNone().doc("a field with a step-by-step solution (enables scratchpad traces)"),
        Param.text("level").orNone().doc("an integer field used as difficulty (enables curricula)"));
  }

  @Override
  public Optional<Knob> knob(Args args) {
    return args.optional("level", String.class).map(field -> new Knob("level", ANY_LEVEL, ANY_LEVEL));
  }

  @Override
  public Task create(Args args) {
    return JsonlTask.load(args.path("path"), args.text("prompt"), args.text("answer"),
        args.optional("trace", String.class).orElse(null), args.optional("level", String.class).orElse(null));
  }
}
