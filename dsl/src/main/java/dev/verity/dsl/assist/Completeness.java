package dev.verity.dsl.assist;

/** Whether a cell can run as typed, needs more lines (a call or block still open), or cannot parse. */
public enum Completeness {
  COMPLETE, INCOMPLETE, INVALID
}
