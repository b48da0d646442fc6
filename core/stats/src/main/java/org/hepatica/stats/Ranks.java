package org.hepatica.stats;

import java.util.Arrays;

/**
 * Mid-ranks of a pooled sample (ties get the mean of the ranks they span, R's
 * {@code rank(x, ties.method = "average")}) and the tie term {@code sum (t^3 - t)} over the groups
 * of tied values, which the rank tests' variances subtract.
 *
 * @param ranks     rank of each value, 1..n, in the order given
 * @param tieTerm   {@code sum over tie groups of t^3 - t}
 */
record Ranks(double[] ranks, double tieTerm) {

    /** Ranks {@code values} (finite). */
    static Ranks of(double[] values) {
        int n = values.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
        double[] ranks = new double[n];
        double ties = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && values[order[j + 1]] == values[order[i]]) {
                j++;
            }
            double mid = (i + j + 2) / 2.0; // mean of ranks i+1 .. j+1
            for (int k = i; k <= j; k++) {
                ranks[order[k]] = mid;
            }
            double t = j - i + 1;
            ties += t * t * t - t;
            i = j + 1;
        }
        return new Ranks(ranks, ties);
    }
}
