package org.hepatica.stats;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Test fixture: a reference cohort CSV (../contract/cohort-csv.md) with its endpoints. Replaced
 * by the platform's real parser at merge time, so it stays small: RFC 4180 quotes, names matched
 * case-insensitively, dates turned into OS / DFS times and the DFS competing-risk cause.
 */
final class ReferenceCohort {

    private final Map<String, String[]> columns;
    private final int size;
    final double[] osTime;
    final int[] osEvent;
    final double[] dfsTime;
    final int[] dfsEvent;
    /** 1 recurrence first (same day as death counts), 2 death without recurrence, 0 censored. */
    final int[] dfsCause;

    private ReferenceCohort(Map<String, String[]> columns, int size) {
        this.columns = columns;
        this.size = size;
        osTime = new double[size];
        osEvent = new int[size];
        dfsTime = new double[size];
        dfsEvent = new int[size];
        dfsCause = new int[size];
        if (columns.containsKey("treatment_date")) {
            for (int i = 0; i < size; i++) {
                LocalDate t0 = LocalDate.parse(text("treatment_date")[i]);
                LocalDate rec = date("recurrence_date", i);
                LocalDate death = date("death_date", i);
                LocalDate last = LocalDate.parse(text("last_followup_date")[i]);
                osTime[i] = ChronoUnit.DAYS.between(t0, death != null ? death : last);
                osEvent[i] = death != null ? 1 : 0;
                LocalDate first = rec != null ? rec : death;
                if (death != null && rec != null && death.isBefore(rec)) {
                    first = death;
                }
                dfsTime[i] = ChronoUnit.DAYS.between(t0, first != null ? first : last);
                dfsEvent[i] = first != null ? 1 : 0;
                dfsCause[i] = rec != null ? 1 : death != null ? 2 : 0;
            }
        } else {
            double[] ot = numeric("os_time");
            double[] oe = numeric("os_event");
            for (int i = 0; i < size; i++) {
                osTime[i] = ot[i];
                osEvent[i] = (int) oe[i];
                dfsTime[i] = Double.NaN;
            }
        }
    }

    /** Reads {@code NAME.csv} from {@link ReferenceData#dir()}. */
    static ReferenceCohort load(String dataset) {
        String text;
        try {
            text = Files.readString(ReferenceData.dir().resolve(dataset + ".csv"),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<List<String>> rows = parse(text);
        List<String> header = rows.get(0);
        Map<String, String[]> cols = new LinkedHashMap<>();
        int n = rows.size() - 1;
        for (int c = 0; c < header.size(); c++) {
            String[] values = new String[n];
            for (int r = 0; r < n; r++) {
                List<String> row = rows.get(r + 1);
                values[r] = c < row.size() ? row.get(c) : "";
            }
            cols.put(header.get(c).trim().toLowerCase(Locale.ROOT), values);
        }
        return new ReferenceCohort(cols, n);
    }

    /** RFC 4180: quoted fields may hold commas, doubled quotes and line breaks. */
    private static List<List<String>> parse(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (ch == '\n' || ch == '\r') {
                if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                field.append(ch);
            }
        }
        if (field.length() > 0 || !row.isEmpty()) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows;
    }

    int size() {
        return size;
    }

    /** A column's cells as text ("" = missing). */
    String[] text(String name) {
        String[] v = columns.get(name.toLowerCase(Locale.ROOT));
        if (v == null) {
            throw new IllegalArgumentException("no column " + name);
        }
        return v;
    }

    /** A numeric column, NaN where missing. */
    double[] numeric(String name) {
        String[] t = text(name);
        double[] out = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            out[i] = t[i].isBlank() ? Double.NaN : Double.parseDouble(t[i].trim());
        }
        return out;
    }

    private LocalDate date(String name, int row) {
        String s = text(name)[row];
        return s.isBlank() ? null : LocalDate.parse(s.trim());
    }

    /**
     * A categorical column as codes into its levels sorted by code point (the platform's
     * reference-level convention); -1 where missing.
     */
    Factor factor(String name) {
        String[] t = text(name);
        TreeSet<String> levels = new TreeSet<>();
        for (String s : t) {
            if (!s.isBlank()) {
                levels.add(s.trim());
            }
        }
        String[] labels = levels.toArray(new String[0]);
        int[] codes = new int[t.length];
        for (int i = 0; i < t.length; i++) {
            codes[i] = t[i].isBlank() ? -1 : java.util.Arrays.binarySearch(labels, t[i].trim());
        }
        return new Factor(codes, labels);
    }

    /** Group codes with their labels. */
    record Factor(int[] codes, String[] labels) {
    }

    /** The rows where keep is true. */
    static double[] select(double[] a, boolean[] keep) {
        return java.util.stream.IntStream.range(0, a.length).filter(i -> keep[i])
                .mapToDouble(i -> a[i]).toArray();
    }

    /** The rows where keep is true. */
    static int[] select(int[] a, boolean[] keep) {
        return java.util.stream.IntStream.range(0, a.length).filter(i -> keep[i])
                .map(i -> a[i]).toArray();
    }
}
