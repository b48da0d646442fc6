package org.hepatica.federation.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hepatica.cohort.Categorical;
import org.hepatica.cohort.CohortView;
import org.hepatica.cohort.ColumnSummary;
import org.hepatica.cohort.ColumnType;
import org.hepatica.stats.EventTable;

/**
 * What a site releases for one task: its patients reduced to counts. For every combination of the
 * plan's column levels (a missing value is a level of its own, so the coordinator sees each
 * variable's missing count as the site does) and every distinct time of the endpoint, how many
 * patients were censored and how many had the event there (for competing risks, how many had
 * each cause); and, for the patients whose endpoint
 * cannot be derived, how many miss which of the columns. No patient identifier, date or other
 * value leaves the site.
 *
 * @param columns  the plan's columns with the type each has at the site
 * @param table    the event table; a group is its levels joined by {@link #SEPARATOR}, a missing level is {@link #MISSING}
 * @param excluded patients without the endpoint by which columns they miss ({@code "10"}: the first missing, the second not)
 */
record SiteCounts(List<ReleasedColumn> columns, EventTable table, Map<String, Integer> excluded) {
    static final char SEPARATOR = '\u001f';
    /** The level of a missing value in a group label. */
    static final String MISSING = "\u0000";

    /** A column as released: its name, its type at the site, and for a classed column the cutoff. */
    record ReleasedColumn(String name, ColumnType type, double cutoff) {
    }

    /** The patients whose endpoint and every column are there. */
    int rowsUsed() {
        int n = 0;
        for (EventTable.Row r : table.rows()) {
            if (!Arrays.asList(split(r.group())).contains(MISSING)) {
                n += r.total();
            }
        }
        return n;
    }

    /** The smallest number of patients in one combination of levels (a row of the table), 0 when there is none. */
    int smallestGroup() {
        int min = Integer.MAX_VALUE;
        for (EventTable.Row r : table.rows()) {
            min = Math.min(min, r.total());
        }
        return min == Integer.MAX_VALUE ? 0 : min;
    }

    /**
     * Tabulates a cohort for a plan.
     *
     * @throws IllegalArgumentException naming a column the cohort does not have, or one that holds no levels
     */
    static SiteCounts of(CohortView cohort, Plan plan) {
        int n = cohort.size();
        List<ReleasedColumn> released = new ArrayList<>();
        String[][] levels = new String[plan.columns().size()][];
        for (int j = 0; j < levels.length; j++) {
            Plan.PlanColumn pc = plan.columns().get(j);
            ColumnSummary c = cohort.column(pc.name());
            if (c == null) {
                throw new IllegalArgumentException("the cohort has no column '" + pc.name() + "'");
            }
            if (c.type() == ColumnType.TEXT || c.type() == ColumnType.DATE) {
                throw new IllegalArgumentException("column '" + c.name() + "' holds " + c.type().name().toLowerCase(
                        java.util.Locale.ROOT) + ", not levels");
            }
            String[] v = new String[n];
            if (pc.classed()) {
                double[] x = cohort.numeric(c.name());
                for (int i = 0; i < n; i++) {
                    v[i] = Double.isNaN(x[i]) ? MISSING : x[i] < pc.cutoff() ? Plan.BELOW : Plan.AT_OR_ABOVE;
                }
            } else {
                Categorical cat = cohort.categorical(c.name());
                for (int i = 0; i < n; i++) {
                    String level = cat.level(i);
                    v[i] = level == null ? MISSING : level;
                }
            }
            levels[j] = v;
            released.add(new ReleasedColumn(c.name(), c.type(), pc.cutoff()));
        }
        // without an endpoint every patient is counted, at one time 0 and censored
        double[] time = plan.endpoint() == null ? new double[n] : cohort.time(plan.endpoint());
        // the status tabulated: the event, or for competing risks its cause (0 censored)
        int[] event = plan.endpoint() == null ? new int[n]
                : plan.causes() > 1 ? cohort.dfsCause() : cohort.event(plan.endpoint());
        int kept = 0;
        for (int i = 0; i < n; i++) {
            if (!Double.isNaN(time[i]) && event[i] >= 0) {
                kept++;
            }
        }
        double[] t = new double[kept];
        int[] s = new int[kept];
        String[] group = new String[kept];
        String[] stratum = new String[kept];
        Map<String, Integer> excluded = new TreeMap<>();
        StringBuilder key = new StringBuilder();
        for (int i = 0, k = 0; i < n; i++) {
            if (!Double.isNaN(time[i]) && event[i] >= 0) {
                key.setLength(0);
                for (int j = 0; j < levels.length; j++) {
                    if (j > 0) {
                        key.append(SEPARATOR);
                    }
                    key.append(levels[j][i]);
                }
                t[k] = time[i];
                s[k] = event[i];
                group[k] = key.toString();
                stratum[k] = "";
                k++;
            } else {
                key.setLength(0);
                for (String[] level : levels) {
                    key.append(level[i].equals(MISSING) ? '1' : '0');
                }
                excluded.merge(key.toString(), 1, Integer::sum);
            }
        }
        EventTable table = kept == 0 ? EventTable.ofRows(plan.causes(), List.of())
                : EventTable.of(t, s, plan.causes(), stratum, group);
        return new SiteCounts(List.copyOf(released), table, excluded);
    }

    /** A group label's levels. */
    static String[] split(String group) {
        return group.split(String.valueOf(SEPARATOR), -1);
    }

    /** The counts as the wire carries them: every time as a hexadecimal double, exact to the bit. */
    Map<String, Object> toWire() {
        Map<String, Object> out = new LinkedHashMap<>();
        List<Map<String, Object>> cols = new ArrayList<>();
        for (ReleasedColumn c : columns) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", c.name());
            m.put("type", c.type().name());
            if (!Double.isNaN(c.cutoff())) {
                m.put("cutoff", Double.toHexString(c.cutoff()));
            }
            cols.add(m);
        }
        out.put("columns", cols);
        List<List<Object>> rows = new ArrayList<>();
        for (EventTable.Row r : table.rows()) {
            List<Object> levels = new ArrayList<>();
            for (String l : columns.isEmpty() ? new String[0] : split(r.group())) {
                levels.add(l.equals(MISSING) ? null : l);
            }
            List<Object> row = new ArrayList<>(List.of(levels, Double.toHexString(r.time())));
            for (int c : r.counts()) {
                row.add(c);
            }
            rows.add(row);
        }
        out.put("causes", table.causes());
        out.put("rows", rows);
        out.put("excluded", excluded);
        return out;
    }

    /**
     * The counts a site sent.
     *
     * @throws IllegalArgumentException when the message is malformed
     */
    static SiteCounts fromWire(Map<?, ?> m) {
        List<ReleasedColumn> cols = new ArrayList<>();
        for (Object o : list(m.get("columns"), "columns")) {
            Map<?, ?> c = (Map<?, ?>) o;
            Object cut = c.get("cutoff");
            cols.add(new ReleasedColumn((String) c.get("name"), ColumnType.valueOf((String) c.get("type")),
                    cut == null ? Double.NaN : Double.parseDouble((String) cut)));
        }
        int causes = m.get("causes") instanceof Number c ? c.intValue() : 1;
        if (causes < 1 || causes > 2) {
            throw new IllegalArgumentException("the counts have " + causes + " causes");
        }
        List<EventTable.Row> rows = new ArrayList<>();
        for (Object o : list(m.get("rows"), "rows")) {
            List<?> r = (List<?>) o;
            if (r.size() != causes + 3) {
                throw new IllegalArgumentException("a row has " + (r.size() - 2) + " counts for " + causes + " causes");
            }
            List<?> levels = (List<?>) r.get(0);
            if (levels.size() != cols.size()) {
                throw new IllegalArgumentException("a row has " + levels.size() + " levels for " + cols.size() + " columns");
            }
            StringBuilder g = new StringBuilder();
            for (int j = 0; j < levels.size(); j++) {
                if (j > 0) {
                    g.append(SEPARATOR);
                }
                g.append(levels.get(j) == null ? MISSING : (String) levels.get(j));
            }
            int[] counts = new int[causes + 1];
            for (int c = 0; c <= causes; c++) {
                counts[c] = ((Number) r.get(2 + c)).intValue();
            }
            rows.add(new EventTable.Row("", g.toString(), Double.parseDouble((String) r.get(1)), counts));
        }
        Map<String, Integer> excluded = new TreeMap<>();
        Object ex = m.get("excluded");
        if (ex instanceof Map<?, ?> e) {
            e.forEach((k, v) -> excluded.put((String) k, ((Number) v).intValue()));
        }
        return new SiteCounts(List.copyOf(cols), EventTable.ofRows(causes, rows), excluded);
    }

    private static List<?> list(Object o, String name) {
        if (!(o instanceof List<?> l)) {
            throw new IllegalArgumentException("the counts have no list '" + name + "'");
        }
        return l;
    }
}
