package org.hepatica.platform.internal.http;

import org.hepatica.analysis.ResultTable;
import org.hepatica.figure.Format;

/**
 * A result's table as the report shows it: a publication table (caption, header rule, the first
 * column as labels, written once for a run of rows that share it (a variable over its levels), the
 * second column as text, the others right-aligned, footnotes under it); every text escaped.
 */
final class TableHtml {
    private TableHtml() {
    }

    static String render(ResultTable table) {
        StringBuilder h = new StringBuilder(8192);
        h.append("<table class=\"publication\">\n<caption>").append(Format.markup(table.title())).append("</caption>\n");
        h.append("<thead><tr>");
        for (int i = 0; i < table.headers().size(); i++) {
            h.append(i < 2 ? "<th scope=\"col\">" : "<th scope=\"col\" class=\"num\">")
                    .append(Format.markup(table.headers().get(i))).append("</th>");
        }
        h.append("</tr></thead>\n<tbody>\n");
        String previous = null;
        for (var row : table.rows()) {
            h.append("<tr>");
            for (int i = 0; i < row.size(); i++) {
                String cell = row.get(i);
                if (i == 0) {
                    // a variable's name heads its first row only; the rows under it are its levels
                    boolean first = !cell.equals(previous);
                    previous = cell;
                    h.append("<th scope=\"row\">").append(first ? Format.markup(cell) : "").append("</th>");
                } else {
                    h.append(i == 1 ? "<td>" : "<td class=\"num\">").append(Format.markup(cell)).append("</td>");
                }
            }
            h.append("</tr>\n");
        }
        h.append("</tbody>\n</table>\n");
        if (!table.notes().isEmpty()) {
            h.append("<p class=\"note\">");
            for (int i = 0; i < table.notes().size(); i++) {
                h.append(i > 0 ? "<br>" : "").append(Format.markup(table.notes().get(i)));
            }
            h.append("</p>\n");
        }
        return h.toString();
    }
}
