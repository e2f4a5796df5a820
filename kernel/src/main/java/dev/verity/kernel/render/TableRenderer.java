package dev.verity.kernel.render;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.NumberColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * A Tablesaw table as an HTML table (first {@code maxRows} rows, cells escaped) and as Tablesaw's text layout,
 * numbers rounded for reading.
 */
public final class TableRenderer implements Renderer<Table> {
  public static final int DEFAULT_MAX_ROWS = 100;

  private final int maxRows;

  public TableRenderer(int maxRows) {
    this.maxRows = maxRows;
  }

  @Override
  public MimeBundle render(Table table) {
    Table shown = forDisplay(table);
    return MimeBundle.of(MimeBundle.HTML, html(shown), shown.print(maxRows));
  }

  /** A copy whose fractional columns print as {@link NumberText}; the caller's table keeps its own formats. */
  private static Table forDisplay(Table table) {
    Table copy = table.copy();
    for (Column<?> column : copy.columns()) {
      if (column instanceof DoubleColumn || column instanceof FloatColumn) {
        ((NumberColumn<?, ?>) column).setPrintFormatter(NumberText.formatter());
      }
    }
    return copy;
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
