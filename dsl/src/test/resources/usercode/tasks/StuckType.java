package tasks;

import dev.verity.engine.catalog.Args;
import dev.verity.engine.catalog.Param;
import dev.verity.engine.task.Knob;
import dev.verity.engine.task.Task;
import dev.verity.engine.task.TaskType;
import java.util.List;
import java.util.Optional;

/** {@link Reverse}'s definition, made by a constructor that never returns: the checker must not hang on it. */
public class StuckType implements TaskType {
  public StuckType() {
    while (true) {} // never checks for interruption
  }

  @Override
  public String name() {
    return "stuck";
  }

  @Override
  public String doc() {
    return Reverse.TYPE.doc();
  }

  @Override
  public List<Param> params() {
    return Reverse.TYPE.params();
  }

  @Override
  public Optional<Knob> knob(Args args) {
    return Reverse.TYPE.knob(args);
  }

  @Override
  public Task create(Args args) {
    return Reverse.TYPE.create(args);
  }
}
