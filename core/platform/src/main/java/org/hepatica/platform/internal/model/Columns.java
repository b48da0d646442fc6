package org.hepatica.platform.internal.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.hepatica.analysis.support.Labels;
import org.hepatica.cohort.Categorical;

/** Turning text or numbers into sorted categorical codes. */
public final class Columns {
    private Columns() {
    }

    /** Codes into the sorted (code point order) distinct non-null values. */
    public static Categorical encode(String[] texts) {
        TreeSet<String> set = new TreeSet<>();
        for (String t : texts) {
            if (t != null) {
                set.add(t);
            }
        }
        List<String> levels = new ArrayList<>(set);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < levels.size(); i++) {
            index.put(levels.get(i), i);
        }
        int[] codes = new int[texts.length];
        for (int i = 0; i < texts.length; i++) {
            codes[i] = texts[i] == null ? -1 : index.get(texts[i]);
        }
        return new Categorical(List.copyOf(levels), codes);
    }

    /**
     * Codes into the distinct non-missing values in numeric order, labelled as plain numbers ("0",
     * "1", "2.5"); -0.0 counts as 0. Sorts a primitive copy and searches it, so a 10^6-patient
     * column is coded without boxing.
     */
    public static Categorical encode(double[] values) {
        double[] sorted = new double[values.length];
        int n = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                sorted[n++] = v + 0.0;
            }
        }
        Arrays.sort(sorted, 0, n);
        int distinct = 0;
        for (int i = 0; i < n; i++) {
            if (distinct == 0 || sorted[i] != sorted[distinct - 1]) {
                sorted[distinct++] = sorted[i];
            }
        }
        List<String> levels = new ArrayList<>(distinct);
        for (int i = 0; i < distinct; i++) {
            levels.add(label(sorted[i]));
        }
        int[] codes = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            codes[i] = Double.isNaN(values[i]) ? -1 : Arrays.binarySearch(sorted, 0, distinct, values[i] + 0.0);
        }
        return new Categorical(List.copyOf(levels), codes);
    }

    /** A number as a short label: 1.0 as "1", 2.5 as "2.5". */
    public static String label(double v) {
        return Labels.number(v);
    }
}
