package dev.verity.dsl.check;

import dev.verity.dsl.ast.Block;
import dev.verity.dsl.ast.Expr;
import dev.verity.dsl.ast.Program;
import dev.verity.dsl.ast.Stmt;
import dev.verity.engine.task.TraceStyle;
import java.util.HashMap;
import java.util.Map;

/**
 * The characters each model must read beyond its tasks' because a stage of the same source (a file, or a
 * notebook cell) trains it on a style that writes them: {@code reflect}'s correction mark. A model's alphabet is
 * fixed at its first use, which may come before that stage (an evaluation before fine-tuning); looking ahead in the
 * source lets it include them without changing the alphabet of any model that never learns such traces.
 */
final class PlannedMarkers {
  private PlannedMarkers() {}

  /** Model name to the marker characters of the trace styles its stages in {@code program} name. */
  static Map<String, String> of(Program program) {
    Map<String, String> markers = new HashMap<>();
    for (Stmt statement : program.statements()) {
      if (statement instanceof Stmt.Stage stage) {
        for (Block.Setting setting : stage.block().settings()) {
          if (setting.key().text().equals("traces")) {
            String chars = named(setting.value());
            if (!chars.isEmpty()) {
              markers.merge(stage.model().text(), chars, (a, b) -> a.contains(b) ? a : a + b);
            }
          }
        }
      }
    }
    return markers;
  }

  /** The markers of every style {@code e} names: {@code reflect}, {@code reflect(p: …)}, {@code mix(reflect: …)}. */
  private static String named(Expr e) {
    StringBuilder out = new StringBuilder();
    for (TraceStyle style : TraceStyle.values()) {
      if (!style.markers().isEmpty() && names(e, style.id())) {
        out.append(style.markers());
      }
    }
    return out.toString();
  }

  private static boolean names(Expr e, String id) {
    if (e instanceof Expr.Ref r) {
      return r.name().equals(id);
    }
    if (e instanceof Expr.Call c) {
      return c.callee().text().equals(id) || c.args().stream().anyMatch(a -> a.name().map(n -> n.text().equals(id)
          && !(a.value() instanceof Expr.Num n0 && n0.value() == 0)).orElse(false));
    }
    return false;
  }
}
