package dev.verity.kernel.sweep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One run to start: a new {@code verity run FILE --out runs/<id> --set … [--classpath JARS]}, or {@code verity run
 * --resume DIR} for a run whose directory exists (killed, interrupted or failed), which continues it from its
 * checkpoints with the jars its jars.json records.
 *
 * @param args verity's arguments
 */
record RunLaunch(RunEntry entry, List<String> args) {

  static RunLaunch of(Sweep sweep, RunEntry entry) {
    Optional<Path> dir = sweep.runDir(entry.id());
    if (dir.isPresent()) {
      return new RunLaunch(entry, List.of("run", "--resume", dir.get().toString()));
    }
    List<String> args = new ArrayList<>(List.of("run", sweep.record().file(), "--out",
        sweep.runFolder(entry.id()).toString()));
    for (String o : entry.overrides()) {
      args.add("--set");
      args.add(o);
    }
    List<String> jars = sweep.record().classpath();
    if (!jars.isEmpty()) {
      args.add("--classpath");
      args.add(String.join(":", jars));
    }
    return new RunLaunch(entry, args);
  }

  String id() {
    return entry.id();
  }
}
