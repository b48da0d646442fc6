package org.hepatica.stats;

import java.util.Arrays;

/**
 * Dense ranks of doubles: rank 0 for the smallest value, equal values (by {@code ==}, so
 * {@code -0.0} ties with {@code 0.0}) share a rank, the next larger value gets the next rank.
 *
 * <p>A risk score usually takes few distinct values (a linear predictor of categorical and
 * whole-number covariates), so the distinct values are collected in an open-addressing hash table,
 * sorted, and each value is mapped to its rank: O(n + m log m) for m distinct values. When more
 * than n / 8 values are distinct the table would no longer stay in cache, and the ranks come from
 * the radix sort of all values ({@link TimeOrder#sort}) instead. Both give the same ranks.
 */
final class DenseRanks {

    private DenseRanks() {
    }

    /**
     * @param values finite doubles
     * @param rank   receives the dense rank of each value (length {@code values.length})
     * @return the number of distinct values
     */
    static int of(double[] values, int[] rank) {
        int n = values.length;
        int limit = Math.max(16, n / 8);
        int capacity = 1024; // a power of two, kept at least twice the distinct values
        long[] keys = new long[capacity];
        int[] ids = new int[capacity];
        Arrays.fill(ids, -1);
        long[] distinct = new long[1024];
        int m = 0;
        for (int s = 0; s < n; s++) {
            long bits = Double.doubleToRawLongBits(values[s] + 0.0); // -0.0 as 0.0
            int mask = capacity - 1;
            int h = hash(bits) & mask;
            while (ids[h] >= 0 && keys[h] != bits) {
                h = (h + 1) & mask;
            }
            int id = ids[h];
            if (id < 0) {
                if (m == limit) {
                    return bySorting(values, rank);
                }
                id = m++;
                if (id == distinct.length) {
                    distinct = Arrays.copyOf(distinct, 2 * id);
                }
                distinct[id] = bits;
                keys[h] = bits;
                ids[h] = id;
                if (2 * m > capacity) { // grow: re-insert the distinct values
                    capacity *= 2;
                    keys = new long[capacity];
                    ids = new int[capacity];
                    Arrays.fill(ids, -1);
                    for (int q = 0; q < m; q++) {
                        int g = hash(distinct[q]) & (capacity - 1);
                        while (ids[g] >= 0) {
                            g = (g + 1) & (capacity - 1);
                        }
                        keys[g] = distinct[q];
                        ids[g] = q;
                    }
                }
            }
            rank[s] = id; // for now the value's id, in order of first appearance
        }
        // ids -> ranks: sort the distinct values
        double[] sorted = new double[m];
        for (int q = 0; q < m; q++) {
            sorted[q] = Double.longBitsToDouble(distinct[q]);
        }
        int[] byValue = TimeOrder.sort(sorted, null);
        int[] rankOfId = new int[m];
        for (int q = 0; q < m; q++) {
            rankOfId[byValue[q]] = q; // distinct values: the sorted position is the dense rank
        }
        for (int s = 0; s < n; s++) {
            rank[s] = rankOfId[rank[s]];
        }
        return m;
    }

    /** Dense ranks from the sorted order of all values. */
    private static int bySorting(double[] values, int[] rank) {
        int n = values.length;
        double[] sorted = new double[n];
        int[] byScore = TimeOrder.sort(values, sorted);
        int m = 0;
        for (int q = 0; q < n; q++) {
            if (q > 0 && sorted[q] != sorted[q - 1]) {
                m++;
            }
            rank[byScore[q]] = m;
        }
        return n == 0 ? 0 : m + 1;
    }

    private static int hash(long bits) {
        long h = bits * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
