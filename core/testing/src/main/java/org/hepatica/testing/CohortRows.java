package org.hepatica.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.hepatica.cohort.CohortView;
import org.hepatica.cohort.TimeUnit;

/**
 * A cohort written row by row, then read as a canonical CSV by the platform's parser (so a row is
 * understood exactly as an imported one). A cell is a String, a Number, a Boolean (written 1/0), a
 * {@link java.time.LocalDate} (ISO-8601) or null for a missing value.
 */
public final class CohortRows {
    private final List<String> header;
    private final List<List<Object>> rows = new ArrayList<>();
    private TimeUnit unit = TimeUnit.DAYS;

    CohortRows(String... header) {
        if (header.length == 0) {
            throw new IllegalArgumentException("a cohort needs a header, e.g. rows(\"patient_id\", \"os_time\", \"os_event\")");
        }
        this.header = List.of(header);
    }

    /** One patient, one cell per header column. */
    public CohortRows row(Object... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("row " + (rows.size() + 1) + " has " + cells.length + " cells, the header "
                    + header.size() + " columns " + header);
        }
        rows.add(java.util.Arrays.asList(cells.clone()));
        return this;
    }

    /** Durations ({@code os_time}, {@code dfs_time}) given in {@code unit}; days unless said. */
    public CohortRows timeUnit(TimeUnit unit) {
        this.unit = unit;
        return this;
    }

    /** The rows as canonical CSV text. */
    public String toCsv() {
        StringBuilder b = new StringBuilder();
        line(b, new ArrayList<>(header));
        for (List<Object> r : rows) {
            line(b, r);
        }
        return b.toString();
    }

    /** The read-only cohort; a row the platform would reject fails, naming its line and the reason. */
    public CohortView build() {
        return TestCohorts.parse("test", toCsv().getBytes(StandardCharsets.UTF_8), unit);
    }

    private static void line(StringBuilder b, List<?> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(cell(cells.get(i)));
        }
        b.append('\n');
    }

    private static String cell(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Boolean flag) {
            return flag ? "1" : "0";
        }
        if (v instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
            return Long.toString(d.longValue());
        }
        if (v instanceof Number) {
            return v.toString();
        }
        String s = v.toString();
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }
}
