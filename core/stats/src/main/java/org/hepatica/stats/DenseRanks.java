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
 * From {@link TwoThreads#PARALLEL_THRESHOLD} values each half is collected into a table of its own
 * by one of two threads; the ranks do not depend on the split.
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
        int n = values.length;
        int limit = Math.max(16, n / 8);
        int m = ofFew(values, rank, limit);
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
        if (values.length >= TwoThreads.PARALLEL_THRESHOLD) {
            return ofFewSplit(values, rank, limit);
        }
        Distinct d = collect(values, 0, values.length, rank, limit);
        if (d == null) {
            return -1;
        }
        int[] rankOfId = rankOfId(d.bits, d.m);
        for (int s = 0; s < values.length; s++) {
            rank[s] = rankOfId[rank[s]];
        }
        return d.m;
    }

    /**
     * As {@link #ofFew(double[], int[], int)}, each half of the values collected by one thread (the
     * later half by the helper) into a table of its own; the two sets of distinct values are then
     * ranked together, and each half's ids mapped to those ranks by its thread. The ranks are
     * those of one table: they depend on the values only.
     */
    private static int ofFewSplit(double[] values, int[] rank, int limit) {
        int n = values.length;
        int half = n / 2;
        TwoThreads.Forked<Distinct> later = TwoThreads.fork(() -> collect(values, half, n, rank, limit));
        Distinct first = collect(values, 0, half, rank, limit);
        Distinct second = later.join();
        if (first == null || second == null) {
            return -1;
        }
        long[] both = Arrays.copyOf(first.bits, first.m + second.m);
        System.arraycopy(second.bits, 0, both, first.m, second.m);
        int[] rankOfId = rankOfId(both, both.length); // ids of the second half follow the first's
        int m = 0;
        for (int r : rankOfId) {
            m = Math.max(m, r + 1);
        }
        if (m > limit) {
            return -1;
        }
        int offset = first.m;
        TwoThreads.Forked<Void> mapLater = TwoThreads.fork(() -> {
            for (int s = half; s < n; s++) {
                rank[s] = rankOfId[offset + rank[s]];
            }
        });
        for (int s = 0; s < half; s++) {
            rank[s] = rankOfId[rank[s]];
        }
        mapLater.join();
        return m;
    }

    /** The distinct values (as bits) of a range, in order of first appearance. */
    private record Distinct(long[] bits, int m) {
    }

    /**
     * Collects the distinct values of [from, to) in an open-addressing table; {@code rank[s]}
     * receives the id of values[s] (its order of first appearance in the range). Null when
     * there are more than {@code limit}.
     */
    private static Distinct collect(double[] values, int from, int to, int[] rank, int limit) {
        int capacity = 1024; // a power of two, kept at least twice the distinct values
        long[] keys = new long[capacity];
        int[] ids = new int[capacity];
        Arrays.fill(ids, -1);
        long[] distinct = new long[1024];
        int m = 0;
        for (int s = from; s < to; s++) {
            long bits = Double.doubleToLongBits(values[s] + 0.0); // -0.0 as 0.0, one NaN
            int mask = capacity - 1;
            int h = hash(bits) & mask;
            while (ids[h] >= 0 && keys[h] != bits) {
                h = (h + 1) & mask;
            }
            int id = ids[h];
            if (id < 0) {
                if (m == limit) {
                    return null;
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
        return new Distinct(distinct, m);
    }

    /**
     * The dense rank of each of {@code m} values given as bits (normalised: equal values have
     * equal bits), some of which may repeat.
     */
    private static int[] rankOfId(long[] bits, int m) {
        double[] sorted = new double[m];
        for (int q = 0; q < m; q++) {
            sorted[q] = Double.longBitsToDouble(bits[q]);
        }
        int[] byValue = TimeOrder.radixSort(sorted, null);
        int[] rankOfId = new int[m];
        int r = -1;
        for (int q = 0; q < m; q++) {
            if (q == 0 || bits[byValue[q]] != bits[byValue[q - 1]]) {
                r++;
            }
            rankOfId[byValue[q]] = r;
        }
        return rankOfId;
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
