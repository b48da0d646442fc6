package org.hepatica.analysis.support;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.hepatica.cohort.Categorical;
import org.hepatica.cohort.CohortSummary;
import org.hepatica.cohort.CohortView;
import org.hepatica.cohort.ColumnSummary;
import org.hepatica.cohort.ColumnType;
import org.hepatica.cohort.Endpoint;

/** A cohort held in memory for the support library's tests; columns as the platform stores them. */
final class TestCohort implements CohortView {
    private final int size;
    private final Map<String, Object> columns = new LinkedHashMap<>();
    private final Map<String, ColumnType> types = new LinkedHashMap<>();
    private double[] osTime;
    private int[] osEvent;
    private int[] dfsCause;

    TestCohort(int size) {
        this.size = size;
    }

    /** OS given as time and event ({@code -1} event = not derivable). DFS is the same with the causes. */
    TestCohort os(double[] time, int[] event) {
        osTime = time;
        osEvent = event;
        return this;
    }

    TestCohort dfsCause(int[] cause) {
        dfsCause = cause;
        return this;
    }

    TestCohort numeric(String name, ColumnType type, double... values) {
        columns.put(name, values);
        types.put(name, type);
        return this;
    }

    /** A categorical (or text) column; null = missing. */
    TestCohort categorical(String name, ColumnType type, String... values) {
        columns.put(name, values);
        types.put(name, type);
        return this;
    }

    @Override
    public CohortSummary summary() {
        return new CohortSummary("c1", "test", 1, "0".repeat(64), size, Instant.EPOCH);
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public List<ColumnSummary> columns() {
        List<ColumnSummary> out = new ArrayList<>();
        for (String name : columns.keySet()) {
            out.add(column(name));
        }
        return out;
    }

    @Override
    public ColumnSummary column(String name) {
        Object values = columns.get(name);
        if (values == null) {
            return null;
        }
        return new ColumnSummary(name, types.get(name), 0,
                values instanceof String[] ? categorical(name).levels() : null);
    }

    @Override
    public List<String> patientIds() {
        throw new UnsupportedOperationException();
    }

    @Override
    public double[] numeric(String name) {
        if (!(columns.get(name) instanceof double[] v)) {
            throw new IllegalArgumentException("column '" + name + "' is not numeric");
        }
        return v.clone();
    }

    @Override
    public Categorical categorical(String name) {
        Object values = columns.get(name);
        List<String> levels = new ArrayList<>();
        String[] labels;
        if (values instanceof String[] s) {
            labels = s;
        } else {
            double[] d = (double[]) values;
            labels = new String[d.length];
            for (int i = 0; i < d.length; i++) {
                labels[i] = Double.isNaN(d[i]) ? null : Labels.number(d[i]);
            }
        }
        TreeSet<String> set = new TreeSet<>(values instanceof double[]
                ? (a, b) -> Double.compare(Double.parseDouble(a), Double.parseDouble(b)) : String::compareTo);
        for (String l : labels) {
            if (l != null) {
                set.add(l);
            }
        }
        levels.addAll(set);
        int[] codes = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            codes[i] = labels[i] == null ? -1 : levels.indexOf(labels[i]);
        }
        return new Categorical(List.copyOf(levels), codes);
    }

    @Override
    public double[] time(Endpoint endpoint) {
        return osTime.clone();
    }

    @Override
    public int[] event(Endpoint endpoint) {
        return osEvent.clone();
    }

    @Override
    public int[] dfsCause() {
        return dfsCause.clone();
    }

    @Override
    public Instant importedAt() {
        return Instant.EPOCH;
    }
}
