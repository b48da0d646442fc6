package org.hepatica.platform.internal.http;

import java.util.List;
import org.hepatica.analysis.ResultTable;

/**
 * A result's table as CSV ({@code GET /results/{id}/table.csv}): RFC 4180, the header row first,
 * CRLF line ends, a field quoted when it holds a comma, a quote, CR or LF (quotes doubled), so that
 * a spreadsheet opens it with one row per table row.
 */
final class TableCsv {
    private TableCsv() {
    }

    static String write(ResultTable table) {
        StringBuilder out = new StringBuilder(4096);
        line(out, table.headers());
        table.rows().forEach(r -> line(out, r));
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(field(cells.get(i)));
        }
        out.append("\r\n");
    }

    /** One field, quoted where RFC 4180 requires it. */
    static String field(String s) {
        if (s == null) {
            return "";
        }
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\r') < 0 && s.indexOf('\n') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
