package dev.verity.dsl.assist;

import dev.verity.dsl.builtin.Builtin;
import dev.verity.dsl.builtin.Builtins;
import dev.verity.dsl.builtin.Kind;
import dev.verity.dsl.builtin.Setting;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What may be typed at a cursor context: the candidates before filtering by the typed prefix. */
final class Candidates {
  private final CursorContext context;
  private final Map<String, String> names;
  private final List<Candidate> out = new ArrayList<>();

  Candidates(CursorContext context, Map<String, String> names) {
    this.context = context;
    this.names = names;
  }

  List<Candidate> all() {
    switch (context.frame().kind()) {
      case CALL -> inCall();
      case BLOCK -> inBlock();
      default -> atTop();
    }
    return out;
  }

  private void inCall() {
    List<String> clause = context.clauseTexts();
    String callee = context.frame().name();
    Optional<Builtin> builtin = Assist.owner(context.frame());
    if (names.getOrDefault(callee, "").equals("reward")) {
      if (clause.isEmpty()) {
        List.of("prompt", "response", "answer").forEach(a -> add(a + ": ", "argument", "a string"));
      }
      return;
    }
    if (builtin.isEmpty()) {
      return;
    }
    if (clause.isEmpty()) {
      for (Setting p : builtin.get().params()) {
        add(p.name() + ": ", "argument", p.describeType());
      }
      builtin.get().params().stream().filter(Setting::positional).findFirst().ifPresent(this::values);
    } else if (clause.size() >= 2 && clause.get(1).equals(":") && endsOpen(clause)) {
      builtin.get().param(clause.get(0)).ifPresent(this::values);
    } else if (endsOpen(clause) && builtin.get().kind() == Kind.REWARD_TERM) {
      rewards();
    }
  }

  private void inBlock() {
    List<String> clause = context.clauseTexts();
    Optional<Builtin> statement = Assist.owner(context.frame());
    if (statement.isEmpty()) {
      return;
    }
    if (clause.isEmpty()) {
      statement.get().params().forEach(p -> add(p.name() + ": ", "setting", p.describeType()));
      return;
    }
    if (clause.size() < 2 || !clause.get(1).equals(":") || !endsOpen(clause)) {
      return;
    }
    String last = clause.get(clause.size() - 1);
    if (last.equals("with")) {
      named("sampling");
      add("sample", "sampling", Builtins.find("sample", Kind.SAMPLING).orElseThrow().signature());
    } else if (!last.equals("every")) {
      statement.get().param(clause.get(0)).ifPresent(this::values);
    }
  }

  private void atTop() {
    List<String> st = context.statementTexts();
    if (st.isEmpty()) {
      Builtins.STATEMENTS.forEach(k -> add(k, "keyword", Builtins.statement(k).signature()));
      return;
    }
    String first = st.get(0);
    String last = st.get(st.size() - 1);
    switch (first) {
      case "task", "model", "reward", "sampling" -> {
        if (st.size() >= 3 && st.get(2).equals("=") && endsOpen(st)) {
          declarationValue(first);
        }
      }
      case "sft", "rl", "eval" -> {
        if (last.equals("on")) {
          named("task");
        } else if (last.equals("with")) {
          named("sampling");
        } else if (st.size() == 1 || (st.size() == 3 && last.equals(":"))) {
          named("model");
        }
      }
      case "plot" -> {
        if (last.equals("by")) {
          builtins(Kind.AXIS);
        } else if (st.contains("for")) {
          named("stage");
          named("eval");
        } else if (st.size() == 1 || last.equals(",")) {
          builtins(Kind.METRIC);
        }
      }
      case "table" -> {
        if (st.size() == 1) {
          builtins(Kind.TABLE_SOURCE);
          named("eval");
          named("stage");
        } else if (last.equals("for")) {
          named("stage");
        }
      }
      case "save", "load" -> {
        if (st.size() == 1) {
          named("model");
        } else if (st.size() == 2) {
          add(first.equals("save") ? "to" : "from", "keyword", "");
        }
      }
      case "check" -> {
        if (st.size() == 1) {
          named("reward");
        }
      }
      case "experiment" -> {
        if (st.size() == 2) {
          add("seed", "keyword", "fixes all randomness");
        }
      }
      default -> { }
    }
  }

  private void declarationValue(String kind) {
    switch (kind) {
      case "task" -> builtins(Kind.TASK);
      case "model" -> builtins(Kind.MODEL);
      case "sampling" -> {
        builtins(Kind.SAMPLING);
        named("sampling");
      }
      default -> rewards();
    }
  }

  private void values(Setting p) {
    switch (p.type()) {
      case REWARD -> rewards();
      case SAMPLING -> {
        named("sampling");
        builtins(Kind.SAMPLING);
      }
      case TASK, PERIODIC_EVAL -> named("task");
      case MODEL -> named("model");
      case ALGORITHM -> builtins(Kind.ALGORITHM);
      case KL -> builtins(Kind.KL_ESTIMATOR);
      case DOCTOR -> builtins(Kind.DOCTOR);
      case SCHEDULE -> builtins(Kind.SCHEDULE);
      case TRACES -> builtins(Kind.TRACE_MIX);
      case CURRICULUM -> builtins(Kind.CURRICULUM);
      case CHOICE -> p.choices().forEach(c -> add(c, "choice", p.doc()));
      default -> { }
    }
    if (p.defaultSource().filter("none"::equals).isPresent()) {
      add("none", "keyword", "turns it off");
    }
  }

  private void rewards() {
    named("reward");
    builtins(Kind.REWARD_TERM);
    builtins(Kind.SCHEDULE);
  }

  private void named(String kind) {
    names.forEach((name, k) -> {
      if (k.equals(kind)) {
        add(name, kind, "");
      }
    });
  }

  private void builtins(Kind kind) {
    Builtins.ofKind(kind).forEach(b -> add(b.name(), kind.label(), b.signature()));
  }

  private void add(String text, String kind, String detail) {
    out.add(new Candidate(text, kind, detail));
  }

  /** Whether the clause so far expects a value next: it ends in ':' '=' ',' an operator, 'with', 'on'…. */
  private static boolean endsOpen(List<String> tokens) {
    String last = tokens.get(tokens.size() - 1);
    return List.of(":", "=", ",", "+", "-", "*", "/", "(", "->", "==", "!=", "<", "<=", ">", ">=", "and", "or",
        "if", "then", "else", "with").contains(last);
  }
}
