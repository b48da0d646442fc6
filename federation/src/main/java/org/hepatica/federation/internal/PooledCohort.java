package org.hepatica.federation.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.hepatica.cohort.Categorical;
import org.hepatica.cohort.CohortColumns;
import org.hepatica.cohort.CohortSummary;
import org.hepatica.cohort.CohortView;
import org.hepatica.cohort.ColumnSummary;
import org.hepatica.cohort.ColumnType;
import org.hepatica.cohort.Endpoint;
import org.hepatica.stats.EventTable;

/**
 * The coordinator's records of a federated run: the sites' counts expanded into one record per
 * patient counted, with the patient's site, the levels of the plan's columns and the endpoint's
 * time and status. A plugin run on these records gives what it gives on the pooled patients
 * wherever its estimates depend on them only through the counts, as the plan's analyses do. A
 * classed column (the margin) holds 0 for {@code <cutoff} and the cutoff for {@code >=cutoff}: the
 * class, not a width. Patients without the endpoint are there with the endpoint missing, so that
 * the plugin's counts of patients left out agree with the sites'.
 */
final class PooledCohort implements CohortView {
    private final CohortSummary summary;
    private final Endpoint endpoint;
    private final Map<String, Column> columns = new LinkedHashMap<>();
    private final double[] time;
    private final int[] event;
    /** Per record its competing-risk cause of DFS (0 censored, 1 recurrence, 2 death without), or null when not tabulated. */
    private final int[] cause;

    /** A column of the records: its type, and per record the level (null when missing). */
    private record Column(String name, ColumnType type, double cutoff, String[] values) {
    }

    /**
     * @param id     the records' id (the run's)
     * @param name   a name for a reader
     * @param plan   the plan the sites tabulated
     * @param sites  per site id (in the order asked), its counts
     * @param checksum the checksum the provenance names (of the sites' checksums)
     * @throws IllegalArgumentException when two sites released different columns
     */
    PooledCohort(String id, String name, Plan plan, Map<String, SiteCounts> sites, String checksum) {
        this.endpoint = plan.endpoint();
        List<SiteCounts.ReleasedColumn> released = null;
        int n = 0;
        for (Map.Entry<String, SiteCounts> e : sites.entrySet()) {
            SiteCounts c = e.getValue();
            if (c.table().causes() != plan.causes()) {
                throw new IllegalArgumentException("site " + e.getKey() + " released counts of " + c.table().causes()
                        + " causes, the analysis tabulates " + plan.causes());
            }
            if (released == null) {
                released = c.columns();
            } else if (!sameColumns(released, c.columns())) {
                throw new IllegalArgumentException("site " + e.getKey() + " released columns " + describe(c.columns())
                        + ", another site " + describe(released));
            }
            n += c.table().subjects();
            for (int k : c.excluded().values()) {
                n += k;
            }
        }
        if (released == null) {
            throw new IllegalArgumentException("no site released counts");
        }
        int p = released.size();
        String[][] values = new String[p][n];
        String[] site = new String[n];
        time = new double[n];
        event = new int[n];
        cause = plan.causes() > 1 ? new int[n] : null;
        int i = 0;
        for (Map.Entry<String, SiteCounts> e : sites.entrySet()) {
            for (EventTable.Row r : e.getValue().table().rows()) {
                String[] levels = SiteCounts.split(r.group());
                int[] counts = r.counts();
                for (int status = 0; status < counts.length; status++) {
                    for (int k = 0; k < counts[status]; k++, i++) {
                        site[i] = e.getKey();
                        time[i] = r.time();
                        event[i] = status > 0 ? 1 : 0;
                        if (cause != null) {
                            cause[i] = status;
                        }
                        for (int j = 0; j < p; j++) {
                            values[j][i] = levels[j].equals(SiteCounts.MISSING) ? null : levels[j];
                        }
                    }
                }
            }
        }
        int withEndpoint = i;
        for (Map.Entry<String, SiteCounts> e : sites.entrySet()) {
            for (Map.Entry<String, Integer> x : e.getValue().excluded().entrySet()) {
                for (int k = 0; k < x.getValue(); k++, i++) {
                    site[i] = e.getKey();
                    time[i] = Double.NaN;
                    event[i] = -1;
                    if (cause != null) {
                        cause[i] = -1;
                    }
                    for (int j = 0; j < p; j++) {
                        // a level that is there but not released: any level the column has, since
                        // these records take part in no estimate (they have no endpoint)
                        values[j][i] = x.getKey().charAt(j) == '1' ? null : "";
                    }
                }
            }
        }
        for (int j = 0; j < p; j++) {
            String any = null;
            for (int k = 0; k < withEndpoint && any == null; k++) {
                any = values[j][k];
            }
            for (int k = withEndpoint; k < n; k++) {
                if ("".equals(values[j][k])) {
                    values[j][k] = any;
                }
            }
            SiteCounts.ReleasedColumn c = released.get(j);
            columns.put(c.name().toLowerCase(Locale.ROOT), new Column(c.name(), c.cutoff() == c.cutoff()
                    ? ColumnType.NUMERIC : c.type(), c.cutoff(), values[j]));
        }
        columns.put(CohortColumns.SITE, new Column(CohortColumns.SITE, ColumnType.CATEGORICAL, Double.NaN, site));
        this.summary = new CohortSummary(id, name, 1, checksum, n, Instant.now());
    }

    private static boolean sameColumns(List<SiteCounts.ReleasedColumn> a, List<SiteCounts.ReleasedColumn> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int j = 0; j < a.size(); j++) {
            if (!a.get(j).name().equalsIgnoreCase(b.get(j).name()) || a.get(j).type() != b.get(j).type()
                    || Double.compare(a.get(j).cutoff(), b.get(j).cutoff()) != 0) {
                return false;
            }
        }
        return true;
    }

    private static String describe(List<SiteCounts.ReleasedColumn> cols) {
        return cols.stream().map(c -> c.name() + " (" + c.type().name().toLowerCase(Locale.ROOT) + ")").toList().toString();
    }

    @Override
    public CohortSummary summary() {
        return summary;
    }

    @Override
    public int size() {
        return time.length;
    }

    @Override
    public List<ColumnSummary> columns() {
        List<ColumnSummary> out = new ArrayList<>();
        for (Column c : columns.values()) {
            out.add(summaryOf(c));
        }
        return out;
    }

    @Override
    public ColumnSummary column(String name) {
        Column c = name == null ? null : columns.get(name.toLowerCase(Locale.ROOT));
        return c == null ? null : summaryOf(c);
    }

    private ColumnSummary summaryOf(Column c) {
        int missing = 0;
        for (String v : c.values()) {
            if (v == null) {
                missing++;
            }
        }
        return new ColumnSummary(c.name(), c.type(), missing, categorical(c).levels());
    }

    @Override
    public List<String> patientIds() {
        List<String> ids = new ArrayList<>(time.length);
        for (int i = 0; i < time.length; i++) {
            ids.add("pooled-" + (i + 1));
        }
        return ids;
    }

    private Column require(String name) {
        Column c = name == null ? null : columns.get(name.toLowerCase(Locale.ROOT));
        if (c == null) {
            throw new IllegalArgumentException("the pooled records have no column '" + name + "'; they have "
                    + columns.values().stream().map(Column::name).toList());
        }
        return c;
    }

    @Override
    public double[] numeric(String name) {
        Column c = require(name);
        double[] out = new double[time.length];
        for (int i = 0; i < out.length; i++) {
            String v = c.values()[i];
            if (v == null) {
                out[i] = Double.NaN;
            } else if (c.cutoff() == c.cutoff()) {
                out[i] = v.equals(Plan.BELOW) ? 0.0 : c.cutoff();
            } else if (c.type() == ColumnType.CATEGORICAL || c.type() == ColumnType.TEXT) {
                throw new IllegalArgumentException("column '" + c.name() + "' is categorical");
            } else {
                out[i] = Double.parseDouble(v);
            }
        }
        return out;
    }

    @Override
    public Categorical categorical(String name) {
        return categorical(require(name));
    }

    private Categorical categorical(Column c) {
        if (c.cutoff() == c.cutoff()) {
            double[] x = numeric(c.name());
            TreeSet<Double> distinct = new TreeSet<>();
            for (double v : x) {
                if (!Double.isNaN(v)) {
                    distinct.add(v);
                }
            }
            List<Double> order = new ArrayList<>(distinct);
            List<String> levels = order.stream().map(PooledCohort::plain).toList();
            int[] codes = new int[x.length];
            for (int i = 0; i < x.length; i++) {
                codes[i] = Double.isNaN(x[i]) ? -1 : order.indexOf(x[i]);
            }
            return new Categorical(levels, codes);
        }
        boolean numericOrder = c.type() == ColumnType.NUMERIC || c.type() == ColumnType.INTEGER
                || c.type() == ColumnType.BINARY;
        Comparator<String> order = numericOrder ? Comparator.comparingDouble(Double::parseDouble)
                : PooledCohort::byCodePoint;
        TreeSet<String> distinct = new TreeSet<>(order);
        for (String v : c.values()) {
            if (v != null) {
                distinct.add(v);
            }
        }
        List<String> levels = List.copyOf(distinct);
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int k = 0; k < levels.size(); k++) {
            index.put(levels.get(k), k);
        }
        int[] codes = new int[time.length];
        for (int i = 0; i < codes.length; i++) {
            String v = c.values()[i];
            codes[i] = v == null ? -1 : index.get(v);
        }
        return new Categorical(levels, codes);
    }

    private static String plain(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static int byCodePoint(String a, String b) {
        return Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
    }

    @Override
    public double[] time(Endpoint e) {
        if (e != endpoint) {
            double[] none = new double[time.length];
            Arrays.fill(none, Double.NaN);
            return none;
        }
        return time.clone();
    }

    @Override
    public int[] event(Endpoint e) {
        if (e != endpoint) {
            int[] none = new int[time.length];
            Arrays.fill(none, -1);
            return none;
        }
        return event.clone();
    }

    @Override
    public int[] dfsCause() {
        if (cause != null && endpoint == Endpoint.DFS) {
            return cause.clone();
        }
        int[] none = new int[time.length];
        Arrays.fill(none, -1);
        return none;
    }

    @Override
    public Instant importedAt() {
        return summary.importedAt();
    }
}
