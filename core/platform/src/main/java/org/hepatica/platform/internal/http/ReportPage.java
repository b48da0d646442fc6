package org.hepatica.platform.internal.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hepatica.analysis.Provenance;
import org.hepatica.analysis.ResultTable;
import org.hepatica.analysis.StoredResult;
import org.hepatica.cohort.CohortSummary;
import org.hepatica.figure.Figure;
import org.hepatica.figure.Format;
import org.hepatica.platform.internal.json.Json;

/**
 * The report of a stored result ({@code GET /results/{id}/report.html}): one self-contained page,
 * CSS and the figure's SVG inline, no script, font or image fetched from anywhere, laid out for A4:
 * title, cohort (name, version, checksum), the figure, warnings, the result's tables, provenance.
 * The tables are the result's own JSON tree laid out generically (a list of objects is a table, an
 * object a two-column table), so that every plugin's result has a report, an institution's too.
 */
final class ReportPage {
    /** Longer tables show their first rows; the whole result is at {@code GET /results/{id}}. */
    static final int MAX_ROWS = 60;

    private static final String CSS = """
            @page { size: A4; margin: 16mm 14mm; }
            body { font-family: Helvetica, Arial, sans-serif; font-size: 10.5pt; color: #111; max-width: 182mm;
                   margin: 0 auto; line-height: 1.35; }
            h1 { font-size: 16pt; margin: 0 0 2mm; }
            h2 { font-size: 12.5pt; margin: 7mm 0 2mm; border-bottom: 0.4pt solid #999; padding-bottom: 1mm;
                 break-after: avoid; }
            h3 { font-size: 11pt; margin: 5mm 0 1.5mm; break-after: avoid; }
            .sub { color: #444; margin: 0 0 4mm; }
            table { border-collapse: collapse; margin: 1mm 0 3mm; font-size: 9.5pt; max-width: 100%; }
            th { overflow-wrap: anywhere; }
            th, td { border-bottom: 0.3pt solid #ccc; padding: 0.8mm 2.5mm 0.8mm 0; text-align: left;
                     vertical-align: top; }
            th { font-weight: bold; border-bottom: 0.6pt solid #666; }
            td.num { text-align: right; font-variant-numeric: tabular-nums; }
            tr { break-inside: avoid; }
            figure { margin: 2mm 0 4mm; break-inside: avoid; }
            figure svg { display: block; width: 100%; max-width: 155mm; height: auto; }
            figcaption { font-size: 9.5pt; color: #333; margin-top: 1mm; }
            .warn li { color: #7a3e00; }
            .note { color: #555; font-size: 9pt; }
            table.publication { border-top: 1pt solid #111; border-bottom: 1pt solid #111; }
            table.publication caption { caption-side: top; text-align: left; font-weight: bold; margin-bottom: 1mm; }
            table.publication th, table.publication td { border-bottom: none; }
            table.publication thead th { border-bottom: 0.6pt solid #111; }
            table.publication td.num, table.publication th.num { text-align: right; white-space: nowrap; }
            code { font-family: Menlo, Consolas, monospace; font-size: 9pt; word-break: break-all; }
            """;

    private ReportPage() {
    }

    static String render(StoredResult result, String analysisName, Optional<CohortSummary> cohort,
            Optional<Figure> figure) {
        return render(result, analysisName, cohort, figure, Optional.empty());
    }

    /** The report, with the plugin's publication table (when there is one) right after the figure. */
    static String render(StoredResult result, String analysisName, Optional<CohortSummary> cohort,
            Optional<Figure> figure, Optional<ResultTable> table) {
        StringBuilder h = new StringBuilder(32_768);
        String title = (analysisName == null ? result.analysis() : analysisName);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(esc(title)).append(" – result ").append(esc(result.id())).append("</title>\n<style>\n")
                .append(CSS).append("</style>\n</head>\n<body>\n");
        h.append("<h1>").append(esc(title)).append("</h1>\n<p class=\"sub\">Result <code>").append(esc(result.id()))
                .append("</code> of analysis <code>").append(esc(result.analysis())).append("</code></p>\n");

        h.append("<h2>Cohort</h2>\n<table>\n");
        Provenance p = result.provenance();
        if (cohort.isPresent()) {
            CohortSummary c = cohort.get();
            row(h, "Name", esc(c.name()) + " (version " + c.version() + ")");
            row(h, "Patients", Integer.toString(c.patients()));
            row(h, "Imported", esc(String.valueOf(c.importedAt())));
        } else {
            row(h, "Name", "the cohort has been deleted since");
        }
        row(h, "Cohort id", "<code>" + esc(result.cohort()) + "</code>");
        row(h, "Checksum (SHA-256)", "<code>" + esc(p == null ? "" : p.cohortChecksum()) + "</code>");
        h.append("</table>\n");

        h.append("<h2>Figure</h2>\n");
        if (figure.isPresent()) {
            h.append("<figure>\n").append(inline(figure.get().svg())).append("\n<figcaption>")
                    .append(esc(figure.get().description())).append("</figcaption>\n</figure>\n");
        } else {
            h.append("<p class=\"note\">This result has no figure.</p>\n");
        }
        table.ifPresent(t -> h.append("<h2>Table</h2>\n").append(TableHtml.render(t)));

        Set<String> warnings = new LinkedHashSet<>();
        collectWarnings(result.result(), warnings);
        h.append("<h2>Warnings</h2>\n");
        if (warnings.isEmpty()) {
            h.append("<p class=\"note\">None.</p>\n");
        } else {
            h.append("<ul class=\"warn\">\n");
            warnings.forEach(w -> h.append("<li>").append(esc(w)).append("</li>\n"));
            h.append("</ul>\n");
        }

        h.append("<h2>Results</h2>\n");
        tables(h, "Result", result.result());

        h.append("<h2>Provenance</h2>\n<table>\n");
        if (p != null) {
            row(h, "Analysis", "<code>" + esc(p.analysisId()) + "</code>");
            row(h, "Plugin bundle", "<code>" + esc(p.pluginBundle()) + "</code> " + esc(p.pluginVersion()));
            row(h, "Platform version", esc(p.platformVersion()));
            row(h, "Parameters", "<code>" + esc(Json.write(p.parameters())) + "</code>");
            row(h, "Started", esc(String.valueOf(p.startedAt())));
            row(h, "Duration", p.durationMs() + " ms");
        }
        row(h, "Result id", "<code>" + esc(result.id()) + "</code>");
        h.append("</table>\n<p class=\"note\">The complete result, every row of every table, is at "
                + "<code>GET /api/v1/results/").append(esc(result.id())).append("</code>.</p>\n</body>\n</html>\n");
        return h.toString();
    }

    /** The SVG as an element of the page (its XML declaration, if any, left out). */
    private static String inline(String svg) {
        String s = svg.strip();
        if (s.startsWith("<?xml")) {
            s = s.substring(s.indexOf("?>") + 2).strip();
        }
        // inside HTML an svg element is SVG without its namespace: the page names no URL at all
        return s.replaceFirst(" xmlns=\"http://www.w3.org/2000/svg\"", "");
    }

    private static void row(StringBuilder h, String key, String valueHtml) {
        h.append("<tr><th>").append(esc(key)).append("</th><td>").append(valueHtml).append("</td></tr>\n");
    }

    @SuppressWarnings("unchecked")
    private static void collectWarnings(Object node, Set<String> out) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                if ("warnings".equals(k) && v instanceof List<?> list) {
                    list.forEach(w -> out.add(String.valueOf(w)));
                } else {
                    collectWarnings(v, out);
                }
            });
        } else if (node instanceof List<?> list) {
            list.forEach(v -> collectWarnings(v, out));
        }
    }

    /**
     * Lays out a JSON node: an object's plain values as one two-column table, then each of its lists
     * of objects as a table of their own, and each nested object in turn, headed by its path.
     */
    private static void tables(StringBuilder h, String path, Object node) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> plain = new LinkedHashMap<>();
            List<Map.Entry<?, ?>> nested = new ArrayList<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if ("warnings".equals(e.getKey())) {
                    continue;
                }
                if (isPlain(e.getValue())) {
                    plain.put(String.valueOf(e.getKey()), e.getValue());
                } else {
                    nested.add(e);
                }
            }
            if (!plain.isEmpty()) {
                h.append("<h3>").append(esc(path)).append("</h3>\n<table>\n");
                plain.forEach((k, v) -> h.append("<tr><th>").append(esc(k)).append("</th><td")
                        .append(v instanceof Number ? " class=\"num\">" : ">").append(esc(text(v))).append("</td></tr>\n"));
                h.append("</table>\n");
            }
            for (Map.Entry<?, ?> e : nested) {
                tables(h, path + " › " + e.getKey(), e.getValue());
            }
        } else if (node instanceof List<?> list && !list.isEmpty() && list.stream().allMatch(x -> x instanceof Map)) {
            rowsTable(h, path, list);
        } else if (node instanceof List<?> list && !list.isEmpty()) {
            for (int i = 0; i < list.size(); i++) {
                tables(h, path + " [" + (i + 1) + "]", list.get(i));
            }
        }
    }

    /** A list of objects: one row per object, one column per plain field; nested parts follow, per row. */
    private static void rowsTable(StringBuilder h, String path, List<?> rows) {
        List<String> columns = new ArrayList<>();
        for (Object r : rows) {
            flatten("", (Map<?, ?>) r).keySet().forEach(k -> {
                if (!columns.contains(k)) {
                    columns.add(k);
                }
            });
        }
        if (!columns.isEmpty()) {
            h.append("<h3>").append(esc(path)).append("</h3>\n<table>\n<tr>");
            columns.forEach(c -> h.append("<th>").append(esc(c)).append("</th>"));
            h.append("</tr>\n");
            int shown = Math.min(rows.size(), MAX_ROWS);
            for (int i = 0; i < shown; i++) {
                Map<String, Object> flat = flatten("", (Map<?, ?>) rows.get(i));
                h.append("<tr>");
                for (String c : columns) {
                    Object v = flat.get(c);
                    h.append(v instanceof Number ? "<td class=\"num\">" : "<td>").append(esc(text(v))).append("</td>");
                }
                h.append("</tr>\n");
            }
            h.append("</table>\n");
            if (rows.size() > shown) {
                h.append("<p class=\"note\">The first ").append(shown).append(" of ").append(rows.size())
                        .append(" rows.</p>\n");
            }
        }
        for (int i = 0; i < rows.size(); i++) {
            Map<?, ?> r = (Map<?, ?>) rows.get(i);
            String name = r.get("label") != null ? String.valueOf(r.get("label"))
                    : r.get("curve") != null ? String.valueOf(r.get("curve")) : Integer.toString(i + 1);
            for (Map.Entry<?, ?> e : r.entrySet()) {
                Object v = e.getValue();
                if (!"warnings".equals(e.getKey()) && v instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof Map) {
                    rowsTable(h, path + " › " + name + " › " + e.getKey(), l);
                }
            }
        }
    }

    /** The plain fields of an object, those of objects inside it under dotted names ({@code median.lower}). */
    private static Map<String, Object> flatten(String prefix, Map<?, ?> row) {
        Map<String, Object> out = new LinkedHashMap<>();
        row.forEach((k, v) -> {
            String key = prefix + k;
            if ("warnings".equals(k)) {
                return;
            }
            if (isPlain(v)) {
                out.put(key, v);
            } else if (v instanceof Map<?, ?> m) {
                out.putAll(flatten(key + ".", m));
            }
        });
        return out;
    }

    private static boolean isPlain(Object v) {
        return v == null || v instanceof String || v instanceof Number || v instanceof Boolean
                || (v instanceof List<?> l && l.stream().allMatch(x -> x == null || x instanceof String
                        || x instanceof Number || x instanceof Boolean));
    }

    static String text(Object v) {
        if (v == null) {
            return "–";
        }
        if (v instanceof List<?> l) {
            List<String> parts = new ArrayList<>();
            l.forEach(x -> parts.add(text(x)));
            return String.join(", ", parts);
        }
        if (v instanceof Double || v instanceof Float || v instanceof java.math.BigDecimal) {
            double d = ((Number) v).doubleValue();
            if (d == Math.rint(d) && Math.abs(d) < 1e9) {
                return Long.toString((long) d);
            }
            if (d != 0 && Math.abs(d) < 0.001) {
                return String.format(Locale.ROOT, "%.3g", d);
            }
            String s = String.format(Locale.ROOT, "%.4f", d);
            return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
        }
        return String.valueOf(v);
    }

    static String esc(String s) {
        return Format.markup(s);
    }
}
