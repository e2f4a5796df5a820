package dev.verity.dsl.check;

import dev.verity.dsl.Alphabets;
import dev.verity.dsl.Symbol;
import dev.verity.dsl.ast.Span;
import dev.verity.engine.task.Task;
import dev.verity.engine.task.TaskSpec;
import java.util.Map;
import java.util.Optional;

/**
 * A model reads only the characters of the tasks declared before its first use: the executor makes its weights
 * then, with a tokenizer over those tasks. A task declared later may hold characters it cannot read, which would
 * fail the run only at that stage, after earlier ones trained; this says so at check time, with the fix.
 */
final class ModelAlphabets {
  private final Context ctx;
  /** Per model, what the source's stages will train it to write beyond its tasks' characters. */
  private Map<String, String> planned = Map.of();

  ModelAlphabets(Context ctx) {
    this.ctx = ctx;
  }

  /** Looks ahead in the source being checked: see {@link PlannedMarkers}. */
  void plan(Map<String, String> markers) {
    planned = Map.copyOf(markers);
  }

  Map<String, String> planned() {
    return planned;
  }

  /**
   * Whether the model can write {@code markers} (a trace style's own characters); reports the fix when its
   * alphabet, fixed before this source named the style, lacks them.
   */
  boolean writes(String modelName, String markers, Span use, Span at) {
    if (markers.isEmpty() || ctx.scope.isPoisoned(modelName)) {
      return true; // a model refused as a whole has no alphabet; its own error says why
    }
    Symbol.Alphabet alphabet = fix(modelName, use);
    if (markers.isEmpty() || alphabet.chars().isEmpty()) {
      return true; // loaded from a checkpoint: the executor checks when it runs
    }
    String missing = Alphabets.missing(alphabet.chars().get(), markers);
    if (missing.isEmpty()) {
      return true;
    }
    String first = alphabet.at().file().equals(use.file()) ? "line " + alphabet.at().line()
        : alphabet.at().file() + ":" + alphabet.at().line();
    ctx.error(at, "model '" + modelName + "' cannot write these traces: its alphabet was fixed at its first use ("
        + first + "), before reflect traces were named, so it lacks " + Alphabets.list(missing) + ": name them in"
        + " the same cell or file as that first use, or train a new model on them");
    return false;
  }

  /** The model's alphabet; a first use ({@code use}) fixes it from every task in scope now. */
  Symbol.Alphabet fix(String name, Span use) {
    Symbol.Model model = (Symbol.Model) ctx.scope.get(name).orElseThrow();
    if (model.alphabet().isPresent()) {
      return model.alphabet().get();
    }
    StringBuilder chars = new StringBuilder(planned.getOrDefault(name, ""));
    boolean known = true;
    for (Symbol symbol : ctx.scope.names().values()) {
      if (symbol instanceof Symbol.Task t) {
        Optional<Task> task = ctx.data.task(t.spec());
        known &= task.isPresent();
        task.ifPresent(x -> chars.append(x.alphabet()));
      }
    }
    Symbol.Alphabet alphabet = new Symbol.Alphabet(known ? Optional.of(chars.toString()) : Optional.empty(), use);
    ctx.scope.update(name, new Symbol.Model(model.spec(), Optional.of(alphabet), model.span(), model.traces()));
    return alphabet;
  }

  /** Reports {@code task}'s characters that the model, used at {@code use}, cannot read; {@code at} is the place. */
  void reads(String modelName, String taskName, TaskSpec spec, Span use, Span at) {
    Symbol.Alphabet alphabet = fix(modelName, use);
    Optional<Task> task = ctx.data.task(spec);
    if (alphabet.chars().isEmpty() || task.isEmpty()) {
      return; // loaded from a checkpoint, or data the task statement reports: the executor checks when it runs
    }
    String missing = Alphabets.missing(alphabet.chars().get(), task.get().alphabet());
    if (missing.isEmpty()) {
      return;
    }
    String first = alphabet.at().file().equals(use.file()) ? "line " + alphabet.at().line()
        : alphabet.at().file() + ":" + alphabet.at().line();
    Span declared = ((Symbol.Model) ctx.scope.get(modelName).orElseThrow()).span();
    boolean ownUse = declared.file().equals(alphabet.at().file()) && declared.line() <= alphabet.at().line();
    ctx.error(at, "model '" + modelName + "' cannot read task '" + taskName + "': its alphabet comes from the"
        + " tasks declared before its first use (" + first + "), so it lacks " + Alphabets.list(missing)
        + ": declare task '" + taskName + "' before " + first
        + (ownUse ? ", e.g. before model '" + modelName + "'" : "")); // a copy's alphabet is its source's
  }
}
