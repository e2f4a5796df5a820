package dev.verity.kernel.render;

import dev.verity.engine.report.Verdict;

/** A check's verdict: a tick or a cross, then its text; green or red in HTML. */
public final class VerdictRenderer implements Renderer<Verdict> {
  @Override
  public MimeBundle render(Verdict verdict) {
    String mark = verdict.passed() ? "✓ passed: " : "✗ failed: ";
    String color = verdict.passed() ? "#1a7f37" : "#cf222e";
    String html = "<div class=\"verity-verdict\" style=\"color:" + color + "\">"
        + Html.escape(mark + verdict.text()) + "</div>";
    return MimeBundle.of(MimeBundle.HTML, html, mark + verdict.text());
  }
}
