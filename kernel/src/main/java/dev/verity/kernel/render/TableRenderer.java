package dev.verity.kernel.render;

import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** A Tablesaw table as an HTML table (first {@code maxRows} rows, cells escaped) and as Tablesaw's text layout. */
public final class TableRenderer implements Renderer<Table> {
  public static final int DEFAULT_MAX_ROWS = 100;

  private final int maxRows;

  public TableRenderer(int maxRows) {
    this.maxRows = maxRows;
  }

  @Override
  public MimeBundle render(Table table) {
    return MimeBundle.of(MimeBundle.HTML, html(table), table.print(maxRows));
  }

  private String html(Table table) {
    int shown = Math.min(maxRows, table.rowCount());
    StringBuilder out = new StringBuilder("<table class=\"dataframe verity-table\">\n");
    if (table.name() != null && !table.name().isBlank()) {
      out.append("<caption>").append(Html.escape(table.name())).append("</caption>\n");
    }
    out.append("<thead><tr>");
    for (Column<?> column : table.columns()) {
      out.append("<th>").append(Html.escape(column.name())).append("</th>");
    }
    out.append("</tr></thead>\n<tbody>\n");
    for (int row = 0; row < shown; row++) {
      out.append("<tr>");
      for (Column<?> column : table.columns()) {
        out.append("<td>").append(Html.escape(column.getString(row))).append("</td>");
      }
      out.append("</tr>\n");
    }
    out.append("</tbody>\n</table>\n");
    if (shown < table.rowCount()) {
      out.append("<p>").append(table.rowCount() - shown).append(" more rows not shown</p>\n");
    }
    return out.toString();
  }
}
