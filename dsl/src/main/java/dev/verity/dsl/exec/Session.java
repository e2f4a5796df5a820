package dev.verity.dsl.exec;

import ai.djl.Device;
import dev.verity.dsl.Alphabets;
import dev.verity.dsl.BaseDir;
import dev.verity.dsl.Compilation;
import dev.verity.dsl.Compiler;
import dev.verity.dsl.Environment;
import dev.verity.dsl.Overrides;
import dev.verity.engine.eval.EvalReport;
import dev.verity.engine.model.ModelSpec;
import dev.verity.engine.model.Policy;
import dev.verity.engine.rng.Seeds;
import dev.verity.engine.run.Recorder;
import dev.verity.engine.runtime.TorchRuntime;
import dev.verity.engine.task.FrozenSet;
import dev.verity.engine.task.Problem;
import dev.verity.engine.task.Task;
import dev.verity.engine.task.TaskSpec;
import dev.verity.engine.tokenizer.CharTokenizer;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The live state of an experiment across cells: the checker's environment, the seed, declared tasks and
 * models, trained weights, and what each stage and evaluation produced. A notebook keeps one per kernel; a
 * headless run uses one for the whole file.
 */
public final class Session implements AutoCloseable {
  private Map<String, String> markers = Map.of();
  private final BaseDir baseDir;
  private final Optional<Recorder> recorder;
  private Optional<SavedCopies> savedCopies = Optional.empty();
  private boolean stopsAtFailedChecks;
  private boolean stopEndsRun;
  private final AtomicBoolean stop = new AtomicBoolean();
  private Environment environment = Environment.EMPTY;
  private String experiment = "experiment";
  private long seed;
  private Device device = TorchRuntime.defaultDevice();
  private int stageCounter;
  private final Map<String, TaskSpec> taskSpecs = new LinkedHashMap<>();
  private final Map<String, Task> tasks = new LinkedHashMap<>();
  private final Map<TaskSpec, Task> checkedTasks = new HashMap<>();
  private final Map<String, List<Problem>> frozenSets = new LinkedHashMap<>();
  private final Map<String, ModelSpec> modelSpecs = new LinkedHashMap<>();
  private final Map<String, Policy> policies = new LinkedHashMap<>();
  private final Map<String, StageRecord> stages = new LinkedHashMap<>();
  private final Map<String, EvalReport> evals = new LinkedHashMap<>();
  private final Map<String, Long> stopAfter = new LinkedHashMap<>();

  /**
   * @param baseDir the folder relative paths in sources resolve against
   * @param recorder the run to record into, if any: a new one, or a stopped one to continue (see
   *     {@link Recorder#resume}), whose finished stages are then restored from their checkpoints and records and
   *     whose first unfinished one continues from its latest checkpoint
   */
  public Session(Path baseDir, Optional<Recorder> recorder) {
    this(BaseDir.fileFolder(baseDir), recorder);
  }

  /** As above, with a folder chosen other than as the file's own (a replay's), which errors explain. */
  public Session(BaseDir baseDir, Optional<Recorder> recorder) {
    this.baseDir = baseDir;
    this.recorder = recorder;
  }

  /** Checks a cell against what earlier cells bound; nothing changes until {@link #accept}. */
  public Compilation compile(String source, String file, Overrides overrides) {
    return Compiler.compile(source, file, baseDir, environment, overrides);
  }

  /** Makes the names a successfully compiled cell binds visible to later cells. */
  public void accept(Compilation compilation) {
    if (compilation.ok()) {
      environment = compilation.environment();
    }
  }

  public Environment environment() {
    return environment;
  }

  public Path baseDir() {
    return baseDir.folder();
  }

  /** The base folder and how it was chosen, for errors about a missing file. */
  BaseDir base() {
    return baseDir;
  }

  /**
   * From now on {@code save} writes under {@code folder} (a replay's run directory) instead of the path it names,
   * and a {@code load} of a path saved so reads the copy: see {@link SavedCopies}.
   */
  public void keepSavesIn(Path folder) {
    savedCopies = Optional.of(new SavedCopies(baseDir.folder(), folder));
  }

  /** Where a {@code save} to {@code path} writes. */
  Path saveTarget(Path path) {
    return savedCopies.map(c -> c.saveTarget(path)).orElse(path);
  }

  /** Where a {@code load} of {@code path} reads. */
  Path loadSource(Path path) {
    return savedCopies.map(c -> c.loadSource(path)).orElse(path);
  }

  /** The run this session records into, if any. */
  public Optional<Recorder> recorder() {
    return recorder;
  }

  /** Whether a failed check is a run-time failure that stops the run, or only a verdict to show. */
  public boolean stopsAtFailedChecks() {
    return stopsAtFailedChecks;
  }

  /**
   * Headless runs stop at a failed check, so nothing trains on a reward its own test says is wrong; a notebook
   * shows the verdict and goes on, as the researcher is there to fix it.
   */
  public void setStopsAtFailedChecks(boolean stop) {
    this.stopsAtFailedChecks = stop;
  }

  /**
   * Headless runs end at a stop: one pressed during a statement that is not a stage (an evaluation, a chart) is
   * honoured before the next statement, in this cell or a later one. A notebook's stop ends only the cell in
   * flight (after the stage's step, or before the next statement) and is cleared when the next cell runs, as the
   * researcher is there to decide what runs next.
   */
  public void setStopEndsRun(boolean ends) {
    this.stopEndsRun = ends;
  }

  boolean stopEndsRun() {
    return stopEndsRun;
  }

  public String experiment() {
    return experiment;
  }

  public long seed() {
    return seed;
  }

  public void setSeed(long seed) {
    this.seed = seed;
  }

  void setExperiment(String name, long seed) {
    this.experiment = name;
    this.seed = seed;
  }

  public Device device() {
    return device;
  }

  /** The device new models are created on; models that exist stay where they are. */
  public void setDevice(Device device) {
    this.device = device;
  }

  /** Asks the stage in flight to stop after its current step; cleared when the next statement starts. */
  public void requestStop() {
    stop.set(true);
  }

  boolean stopRequested() {
    return stop.get();
  }

  /** Stops {@code stage} after {@code steps} steps, as a recorded session's user did (replays use this). */
  public void stopStageAfter(String stage, long steps) {
    stopAfter.put(stage, steps);
  }

  /** Where a recorded session's user stopped {@code stage}, if they did. */
  Optional<Long> stopLimit(String stage) {
    return Optional.ofNullable(stopAfter.get(stage));
  }

  /** Whether {@code stage}, having run {@code done} steps, should stop now. */
  boolean shouldStop(String stage, long done) {
    Long limit = stopAfter.get(stage);
    return stop.get() || (limit != null && done >= limit);
  }

  void clearStop() {
    stop.set(false);
  }

  /** The index of the next stage or evaluation: a coordinate of every random stream it draws. */
  int nextStageIndex() {
    return stageCounter++;
  }

  // tasks

  void declareTask(String name, TaskSpec spec) {
    taskSpecs.put(name, spec);
    tasks.remove(name);
    frozenSets.remove(name);
  }

  /**
   * Per model, the characters the plan about to run trains it to write beyond its tasks' (see {@code Plan}): a
   * model whose weights are made while it runs reads them.
   */
  void offerMarkers(Map<String, String> planned) {
    markers = Map.copyOf(planned);
  }

  /** Tasks the checker built, which {@link #task} takes instead of building them again. */
  void offerCheckedTasks(Map<TaskSpec, Task> built) {
    checkedTasks.putAll(built);
  }

  /**
   * The task declared as {@code name}, built once: the checker's when it built that spec (a jsonl file is read
   * and validated once per run), else here.
   */
  Task task(String name, TaskSpec spec) {
    return tasks.computeIfAbsent(name, n -> {
      Task checked = checkedTasks.get(spec);
      return checked != null ? checked : spec.create();
    });
  }

  /**
   * A frozen task's first {@code spec.count()} problems, drawn from the seed, keyed by the task's name. Sets of
   * one name are drawn in the same order whatever their size, so an evaluation of fewer ({@code count: 8}) takes
   * the first problems of the largest set drawn so far, which training holds out.
   */
  List<Problem> frozen(String name, TaskSpec spec) {
    int count = Math.max(1, spec.count());
    String key = name + "@" + seed;
    List<Problem> drawn = frozenSets.get(key);
    if (drawn == null || drawn.size() < count) {
      drawn = FrozenSet.draw(task(name, spec), seed, name, count);
      frozenSets.put(key, drawn);
    }
    return drawn.size() <= count ? drawn : drawn.subList(0, count);
  }

  /**
   * Every evaluation set of generator {@code type} declared or drawn so far, by task name: the declared frozen
   * tasks ({@code count > 0}) and the sets already drawn for evaluations of endless tasks. Training holds their
   * prompts out; sets of other kinds are not drawn.
   */
  Map<String, List<Problem>> evaluationSets(String type) {
    Map<String, List<Problem>> sets = new LinkedHashMap<>();
    taskSpecs.forEach((name, spec) -> {
      if (spec.count() > 0 && spec.type().name().equals(type)) {
        sets.put(name, frozen(name, spec));
      }
    });
    String suffix = "@" + seed;
    frozenSets.forEach((key, problems) -> {
      if (key.endsWith(suffix)) {
        String name = key.substring(0, key.length() - suffix.length());
        TaskSpec spec = taskSpecs.get(name);
        if (spec != null && spec.type().name().equals(type)) {
          sets.putIfAbsent(name, problems);
        }
      }
    });
    return sets;
  }

  // models

  void declareModel(String name, ModelSpec spec) {
    modelSpecs.put(name, spec);
    Policy old = policies.remove(name);
    if (old != null) {
      old.close();
    }
  }

  Optional<ModelSpec> modelSpec(String name) {
    return Optional.ofNullable(modelSpecs.get(name));
  }

  boolean hasWeights(String name) {
    return policies.containsKey(name);
  }

  /**
   * The model's weights, created on first use from the seed, with a tokenizer over every character of every
   * task declared so far (so one model can be trained on one task and evaluated on another).
   */
  Policy policy(String name) {
    Policy policy = policies.get(name);
    if (policy == null) {
      ModelSpec spec = modelSpecs.get(name);
      StringBuilder alphabet = new StringBuilder(markers.getOrDefault(name, ""));
      taskSpecs.forEach((task, taskSpec) -> alphabet.append(task(task, taskSpec).alphabet()));
      long init = Seeds.stream(seed, "model:" + name).nextLong();
      policy = Policy.initialise(spec, CharTokenizer.of(alphabet.toString()), init, device);
      policies.put(name, policy);
    }
    return policy;
  }

  /**
   * The model's weights, which must read every character of {@code task}: a model's alphabet is fixed when its
   * weights are made (from the tasks declared before its first use) or loaded (the checkpoint's), and a character
   * outside it would otherwise fail deep in training, after earlier stages ran.
   */
  Policy policy(String name, String taskName, Task task) {
    Policy policy = policy(name);
    String missing = Alphabets.missing(policy.tokenizer().alphabet(), task.alphabet());
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("model '" + name + "' cannot read task '" + taskName + "': its alphabet \""
          + policy.tokenizer().alphabet() + "\" lacks " + Alphabets.list(missing) + "; a model reads the"
          + " characters of the tasks declared before its first use (a loaded one, those of the model it was saved"
          + " from): declare task '" + taskName + "' before that first use, or train a new model on it");
    }
    return policy;
  }

  /** Replaces a model's weights (after {@code copy} or {@code load}). */
  void putPolicy(String name, Policy policy) {
    Policy old = policies.put(name, policy);
    if (old != null && old != policy) {
      old.close();
    }
    modelSpecs.put(name, policy.spec());
  }

  // results

  StageRecord newStage(String name, String kind, String model) {
    StageRecord record = new StageRecord(name, kind, model);
    stages.put(name, record);
    return record;
  }

  public Optional<StageRecord> stage(String name) {
    return Optional.ofNullable(stages.get(name));
  }

  public Map<String, StageRecord> stages() {
    return Collections.unmodifiableMap(stages);
  }

  void putEval(String name, EvalReport report) {
    evals.put(name, report);
  }

  public Optional<EvalReport> eval(String name) {
    return Optional.ofNullable(evals.get(name));
  }

  @Override
  public void close() {
    policies.values().forEach(Policy::close);
    policies.clear();
  }
}
