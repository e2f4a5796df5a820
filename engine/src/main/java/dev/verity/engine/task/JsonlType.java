package dev.verity.engine.task;

import dev.verity.engine.catalog.Args;
import dev.verity.engine.catalog.Param;
import dev.verity.engine.catalog.ParamType;
import java.util.List;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

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
        Param.text("level").orNone().doc("an integer field used as difficulty (enables curricula)"),
        Param.of("extract", ParamType.REGEX).orNone().doc("reads a response's final answer: the regex's last match,"
            + " capture group 1 (the whole match without a group), instead of what follows the last >"),
        choice("compare", AnswerRule.Comparison.values()).doc("how the final answer must agree with the data's:"
            + " exact; trimmed (blanks at the ends ignored); caseless (trimmed, any case); numeric (as numbers,"
            + " within tolerance)"),
        Param.number("tolerance").atLeast(0).byDefault(0.0).doc("with compare: numeric, the largest difference"
            + " still counted right"),
        choice("split", JsonlSplit.Part.values()).doc("all of the file, or its train or test part (a problem's"
            + " part follows from a hash of its prompt)"),
        Param.number("held_out").within(0.01, 0.99).byDefault(0.2).doc("the share of problems in the test part"));
  }

  private static Param choice(String name, Enum<?>[] values) {
    return Param.choice(name, Arrays.stream(values).map(v -> v.name().toLowerCase(Locale.ROOT))
        .toArray(String[]::new));
  }

  @Override
  public Optional<Knob> knob(Args args) {
    return args.optional("level", String.class).map(field -> new Knob("level", ANY_LEVEL, ANY_LEVEL));
  }

  @Override
  public Task create(Args args) {
    JsonlTask.Source source = new JsonlTask.Source(args.path("path"), args.text("prompt"), args.text("answer"),
        args.optional("trace", String.class).orElse(null), args.optional("level", String.class).orElse(null));
    AnswerRule rule = new AnswerRule(args.optional("extract", String.class).map(Pattern::compile),
        AnswerRule.Comparison.of(args.text("compare")), args.number("tolerance"));
    JsonlSplit split = new JsonlSplit(JsonlSplit.Part.of(args.text("split")), args.number("held_out"));
    return JsonlTask.load(source, rule, split);
  }
}
