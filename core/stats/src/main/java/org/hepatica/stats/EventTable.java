package org.hepatica.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A cohort reduced to counts: for each stratum, group and distinct time, how many subjects had
 * each status there (0 censored, 1..causes an event of that cause). Kaplan-Meier curves with
 * Greenwood variances, log-rank tests (stratified or not), cumulative incidences and Gray's test
 * depend on the subjects only through these counts, so a site of a multi-centre study can release
 * its table instead of its rows, and the coordinator's estimates from the pooled table
 * ({@link #pool}, {@link #sample}) are those of the pooled subjects, to the last bit: the counts
 * are whole numbers, summed exactly, and every estimator works on them in time order.
 *
 * <p>Strata and groups are labels (a site's own codes need not agree with another's); the pooled
 * table orders them by code point, as the platform orders factor levels.
 */
public final class EventTable {

    /**
     * The subjects of one stratum and group at one time.
     *
     * @param stratum the stratum label ("" without strata)
     * @param group   the group label
     * @param time    the time
     * @param counts  subjects by status at that time: counts[0] censored, counts[c] events of cause c
     */
    public record Row(String stratum, String group, double time, int[] counts) {

        /** A copy: a row is a value. */
        public Row {
            Arguments.requireNonNull("stratum", stratum);
            Arguments.requireNonNull("group", group);
            Arguments.requireFinite("time", time);
            counts = counts.clone();
            for (int c : counts) {
                if (c < 0) {
                    throw new IllegalArgumentException("counts must be >= 0, was " + Arrays.toString(counts));
                }
            }
        }

        @Override
        public int[] counts() {
            return counts.clone();
        }

        /** Subjects of the row, whatever their status. */
        public int total() {
            int t = 0;
            for (int c : counts) {
                t += c;
            }
            return t;
        }

        /** Events of any cause. */
        public int events() {
            return total() - counts[0];
        }
    }

    /**
     * The table as subjects again: one subject per count, in stratum, group and time order, with
     * codes for the estimators.
     *
     * @param time    per subject
     * @param status  per subject: 0 censored, else the cause
     * @param group   per subject, a code into {@code groups}
     * @param groups  group labels by code point
     * @param stratum per subject, a code into {@code strata}
     * @param strata  stratum labels by code point
     */
    public record Sample(double[] time, int[] status, int[] group, String[] groups, int[] stratum,
                         String[] strata) {
    }

    private final int causes;
    private final List<Row> rows;

    private EventTable(int causes, List<Row> rows) {
        this.causes = causes;
        this.rows = List.copyOf(rows);
    }

    /**
     * The table of subjects given by their values.
     *
     * @param time    follow-up times, finite
     * @param status  0 censored, 1..causes an event of that cause
     * @param causes  the largest cause code (1 for survival, more for competing risks)
     * @param stratum stratum label per subject, or null for one stratum
     * @param group   group label per subject, or null for one group labelled {@value KaplanMeierEstimator#ALL}
     * @throws IllegalArgumentException naming the offending argument
     */
    public static EventTable of(double[] time, int[] status, int causes, String[] stratum, String[] group) {
        Arguments.requireFinite("time", time);
        Arguments.requireAtLeast("causes", causes, 1);
        Arguments.requireCodes("status", status, causes);
        Arguments.requireSameLength("time", time.length, "status", status.length);
        if (stratum != null) {
            Arguments.requireSameLength("time", time.length, "stratum", stratum.length);
        }
        if (group != null) {
            Arguments.requireSameLength("time", time.length, "group", group.length);
        }
        Map<Key, int[]> cells = new TreeMap<>();
        for (int i = 0; i < time.length; i++) {
            String s = stratum == null ? "" : Arguments.requireNonNull("stratum[" + i + "]", stratum[i]);
            String g = group == null ? KaplanMeierEstimator.ALL : Arguments.requireNonNull("group[" + i + "]", group[i]);
            cells.computeIfAbsent(new Key(s, g, time[i] + 0.0), k -> new int[causes + 1])[status[i]]++;
        }
        return new EventTable(causes, rowsOf(cells));
    }

    /**
     * The rows as released, e.g. read back from a site's answer.
     *
     * @param causes the largest cause code; every row has causes + 1 counts
     * @param rows   rows, at most one per stratum, group and time
     * @throws IllegalArgumentException for a row of another width or a repeated row
     */
    public static EventTable ofRows(int causes, List<Row> rows) {
        Arguments.requireAtLeast("causes", causes, 1);
        Arguments.requireNonNull("rows", rows);
        Map<Key, int[]> cells = new TreeMap<>();
        for (Row row : rows) {
            if (row.counts.length != causes + 1) {
                throw new IllegalArgumentException("a row of " + row.group() + " at " + row.time() + " has "
                        + row.counts.length + " counts, expected " + (causes + 1));
            }
            if (cells.put(new Key(row.stratum(), row.group(), row.time() + 0.0), row.counts()) != null) {
                throw new IllegalArgumentException("two rows of " + row.group() + " at " + row.time());
            }
        }
        return new EventTable(causes, rowsOf(cells));
    }

    /**
     * The sum of tables: counts of equal stratum, group and time added.
     *
     * @param tables at least one, all with the same number of causes
     * @throws IllegalArgumentException when there is no table or the causes differ
     */
    public static EventTable pool(List<EventTable> tables) {
        Arguments.requireNonNull("tables", tables);
        if (tables.isEmpty()) {
            throw new IllegalArgumentException("tables must hold at least one table");
        }
        int causes = tables.get(0).causes;
        Map<Key, int[]> cells = new TreeMap<>();
        for (EventTable t : tables) {
            if (t.causes != causes) {
                throw new IllegalArgumentException("tables of " + causes + " and " + t.causes + " causes cannot be pooled");
            }
            for (Row row : t.rows) {
                int[] sum = cells.computeIfAbsent(new Key(row.stratum(), row.group(), row.time()), k -> new int[causes + 1]);
                for (int c = 0; c <= causes; c++) {
                    sum[c] = Math.addExact(sum[c], row.counts[c]);
                }
            }
        }
        return new EventTable(causes, rowsOf(cells));
    }

    /** The same counts with every stratum label prefixed: a site's table as strata of its own. */
    public EventTable withStratumPrefix(String prefix) {
        Arguments.requireNonNull("prefix", prefix);
        List<Row> out = new ArrayList<>();
        for (Row row : rows) {
            out.add(new Row(prefix + row.stratum(), row.group(), row.time(), row.counts));
        }
        return ofRows(causes, out);
    }

    /** The largest cause code. */
    public int causes() {
        return causes;
    }

    /** The rows by stratum, group (code point order) and time. */
    public List<Row> rows() {
        return rows;
    }

    /** Subjects in the table. */
    public int subjects() {
        int n = 0;
        for (Row row : rows) {
            n += row.total();
        }
        return n;
    }

    /**
     * The smallest count the table discloses about events: over every stratum, group and time
     * with an event, the number of events there of each cause that has any, and the number at risk
     * (0 for an empty table).
     * A site compares it with its minimum cell size before it releases the table.
     */
    public int smallestEventCell() {
        int smallest = Integer.MAX_VALUE;
        int from = 0;
        while (from < rows.size()) { // one stratum and group: at risk = its subjects at or after t
            int to = from;
            while (to < rows.size() && rows.get(to).stratum().equals(rows.get(from).stratum())
                    && rows.get(to).group().equals(rows.get(from).group())) {
                to++;
            }
            int atRisk = 0;
            for (int r = to - 1; r >= from; r--) {
                Row row = rows.get(r);
                atRisk += row.total();
                if (row.events() > 0) {
                    smallest = Math.min(smallest, atRisk);
                    for (int c = 1; c < row.counts().length; c++) {
                        if (row.counts()[c] > 0) {
                            smallest = Math.min(smallest, row.counts()[c]);
                        }
                    }
                }
            }
            from = to;
        }
        return smallest == Integer.MAX_VALUE ? 0 : smallest;
    }

    /** The subjects the table stands for (see {@link Sample}). */
    public Sample sample() {
        String[] strata = rows.stream().map(Row::stratum).distinct().sorted(EventTable::byCodePoint).toArray(String[]::new);
        String[] groups = rows.stream().map(Row::group).distinct().sorted(EventTable::byCodePoint).toArray(String[]::new);
        int n = subjects();
        double[] time = new double[n];
        int[] status = new int[n];
        int[] group = new int[n];
        int[] stratum = new int[n];
        int i = 0;
        for (Row row : rows) {
            int g = Arrays.binarySearch(groups, row.group(), EventTable::byCodePoint);
            int s = Arrays.binarySearch(strata, row.stratum(), EventTable::byCodePoint);
            for (int c = 0; c <= causes; c++) {
                for (int k = 0; k < row.counts[c]; k++, i++) {
                    time[i] = row.time();
                    status[i] = c;
                    group[i] = g;
                    stratum[i] = s;
                }
            }
        }
        return new Sample(time, status, group, groups, stratum, strata);
    }

    private static List<Row> rowsOf(Map<Key, int[]> cells) {
        List<Row> out = new ArrayList<>(cells.size());
        for (Map.Entry<Key, int[]> e : cells.entrySet()) {
            out.add(new Row(e.getKey().stratum(), e.getKey().group(), e.getKey().time(), e.getValue()));
        }
        return out;
    }

    private static int byCodePoint(String a, String b) {
        return CoxDesign.compareCodePoints(a, b);
    }

    /** Stratum, group (by code point), time. */
    private record Key(String stratum, String group, double time) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = byCodePoint(stratum, o.stratum);
            if (c == 0) {
                c = byCodePoint(group, o.group);
            }
            return c != 0 ? c : Double.compare(time, o.time);
        }
    }
}
