package dev.verity.dsl.assist;

import java.util.List;

/** Completions for the text between {@code start} and {@code end} (character offsets), which they replace. */
public record Completion(int start, int end, List<Candidate> candidates) {
  public Completion {
    candidates = List.copyOf(candidates);
  }

  public List<String> texts() {
    return candidates.stream().map(Candidate::text).toList();
  }
}
