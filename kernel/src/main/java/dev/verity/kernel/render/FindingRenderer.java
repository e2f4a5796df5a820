package dev.verity.kernel.render;

import dev.verity.engine.doctor.Finding;

/**
 * A finding of the doctor as a warning banner: amber, the stage and step, the cause, then the fix; as text, the
 * line the command line prints.
 */
public final class FindingRenderer implements Renderer<Finding> {
  @Override
  public MimeBundle render(Finding f) {
    String html = "<div class=\"verity-doctor\" style=\"border-left:4px solid #d4a72c;background:#fff8c5;"
        + "color:#4d2d00;padding:6px 10px;margin:4px 0\">"
        + "<b>⚠ doctor: " + Html.escape(f.stage() + " step " + (f.step() + 1)) + "</b> (" + Html.escape(f.rule())
        + "): " + Html.escape(f.message()) + "<br>→ " + Html.escape(f.suggestion()) + "</div>";
    return MimeBundle.of(MimeBundle.HTML, html, f.line());
  }
}
