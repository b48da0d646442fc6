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
 * the radix sort of all values ({@link TimeOrder#radixSort}) instead. Both give the same ranks.
 * {@link TimeOrder#sort} sorts times with few distinct values by the same table.
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
        int m = ofFew(values, rank, Math.max(16, values.length / 8));
        return m >= 0 ? m : bySorting(values, rank);
    }

    /**
     * Dense ranks by the hash table of the distinct values, when there are at most {@code limit}
     * of them; otherwise -1 (and {@code rank} holds nothing useful). Every NaN is one value,
     * ranked after the numbers.
     *
     * @param values any doubles
     * @param rank   receives the dense rank of each value (length {@code values.length})
     * @return the number of distinct values, or -1 when there are more than {@code limit}
     */
    static int ofFew(double[] values, int[] rank, int limit) {
        int n = values.length;
        int capacity = 1024; // a power of two, kept at least twice the distinct values
        long[] keys = new long[capacity];
        int[] ids = new int[capacity];
        Arrays.fill(ids, -1);
        long[] distinct = new long[1024];
        int m = 0;
        for (int s = 0; s < n; s++) {
            long bits = Double.doubleToLongBits(values[s] + 0.0); // -0.0 as 0.0, one NaN
            int mask = capacity - 1;
            int h = hash(bits) & mask;
            while (ids[h] >= 0 && keys[h] != bits) {
                h = (h + 1) & mask;
            }
            int id = ids[h];
            if (id < 0) {
                if (m == limit) {
                    return -1;
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
        int[] byValue = TimeOrder.radixSort(sorted, null);
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
        int[] byScore = TimeOrder.radixSort(values, sorted);
        int m = 0;
        for (int q = 0; q < n; q++) {
            if (q > 0 && sorted[q] != sorted[q - 1]) {
                m++;
            }
            rank[byScore[q]] = m;
        }
        return n == 0 ? 0 : m + 1;
    }

    /**
     * The bits mixed so that every input bit reaches the low bits the table uses (the finalizer of
     * MurmurHash3): whole numbers, whose low mantissa bits are all zero, spread as well as any.
     */
    private static int hash(long bits) {
        long h = bits;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return (int) h;
    }
}
