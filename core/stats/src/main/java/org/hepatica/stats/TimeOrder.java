package org.hepatica.stats;

import java.util.Arrays;

/**
 * The stable ascending order of the subjects' times, computed once and shared by every
 * estimator of a request (for example Kaplan-Meier by arm, the log-rank test and a Cox model of
 * the same {@code (time, status)}), so that the data are sorted once instead of once per
 * estimator.
 *
 * <p>Position k of the order holds the subject {@code i_k} such that
 * <pre>
 *   time[i_0] &lt;= time[i_1] &lt;= ... &lt;= time[i_(n-1)],   and i_k &lt; i_(k+1) whenever the times are equal
 * </pre>
 * (ties keep their input order, like R's {@code order()}); {@code -0.0} sorts as {@code 0.0},
 * and NaN (a missing time, which {@link CoxProportionalHazards#fit(TimeOrder, double[], int[],
 * CoxDesign)} leaves out) sorts after every number. Groups and strata are not part of the order:
 * each estimator partitions it into its blocks by a stable linear pass, so one order serves any
 * grouping.
 *
 * <p>The sort is a least-significant-digit radix sort of the subject indices on the
 * order-preserving unsigned image of the IEEE-754 bits of the times (5 passes of 13 bits; a pass
 * whose digit is the same for every subject, such as the low mantissa bits of whole days, is
 * skipped): linear in n, about 12 bytes kept per subject (the permutation and the sorted times),
 * no boxing. Times with few distinct values, such as whole days (from 4,096 subjects, at most
 * n / 8 and 65,536 distinct values), are instead numbered by a hash table of the distinct values
 * ({@link DenseRanks}), the values sorted, and the subjects placed by the rank of their time in
 * one counting pass: the same order. From 50,000 subjects each radix pass counts and moves the
 * two halves of the array on two threads ({@link TwoThreads}); the later half's subjects go
 * after the earlier half's within a digit, so the order is the same.
 *
 * <p><b>Reuse:</b> an order may be passed only together with the very time array it was created
 * from, unchanged since (or an array with the same values). Estimators check the length and a
 * sample of positions and throw {@link IllegalArgumentException} on a mismatch; a change they do
 * not sample goes unnoticed and gives wrong results. Estimators never modify the order.
 *
 * <p>Immutable and thread-safe.
 */
public final class TimeOrder {

    private static final int BITS = 13;
    private static final int RADIX = 1 << BITS;
    private static final int MASK = RADIX - 1;
    private static final int PASSES = (64 + BITS - 1) / BITS;
    /** From this many keys, keys with few distinct values are sorted by their dense ranks. */
    private static final int FEW_FROM = 4096;
    /** At most this many distinct values (and n / 8) for the sort by ranks. */
    private static final int FEW_LIMIT = 1 << 16;

    /** Subject at each sorted position; never modified. */
    final int[] index;
    /** {@code time[index[k]] + 0.0} at each position k (so -0.0 reads 0.0); never modified. */
    final double[] time;

    private TimeOrder(int[] index, double[] time) {
        this.index = index;
        this.time = time;
    }

    /**
     * Sorts the subjects by time.
     *
     * @param time the times the order will be used with (any values: the estimators check their
     *     own preconditions)
     * @return the stable ascending order of {@code time}
     * @throws IllegalArgumentException if {@code time} is null
     */
    public static TimeOrder of(double[] time) {
        Arguments.requireNonNull("time", time);
        double[] sorted = new double[time.length];
        int[] index = sort(time, sorted);
        return new TimeOrder(index, sorted);
    }

    /** Number of subjects ordered (the length of the time array). */
    public int size() {
        return index.length;
    }

    @Override
    public String toString() {
        return "TimeOrder[size=" + size() + "]";
    }

    /**
     * The order of a subset, in linear time: subject {@code i} is kept, renumbered
     * {@code newIndex[i]}, when {@code newIndex[i] >= 0}. The renumbering must be increasing on
     * the kept subjects (they are compacted in input order); the result is then exactly the
     * order of the compacted times.
     *
     * @param newIndex one entry per subject of this order
     * @param kept number of entries {@code >= 0}
     */
    TimeOrder subset(int[] newIndex, int kept) {
        int[] idx = new int[kept];
        double[] t = new double[kept];
        int n = index.length;
        if (n < TwoThreads.PARALLEL_THRESHOLD) {
            subset(newIndex, 0, n, idx, t);
            return new TimeOrder(idx, t);
        }
        // from 50,000 subjects the later half of the positions on the helper, into buffers of
        // its own that are then copied after the earlier half's
        int half = n / 2;
        TwoThreads.Forked<Part> later = TwoThreads.fork(() -> {
            int[] laterIdx = new int[n - half];
            double[] laterTime = new double[n - half];
            return new Part(laterIdx, laterTime, subset(newIndex, half, n, laterIdx, laterTime));
        });
        int q = subset(newIndex, 0, half, idx, t);
        Part part = later.join();
        System.arraycopy(part.idx, 0, idx, q, part.count);
        System.arraycopy(part.time, 0, t, q, part.count);
        return new TimeOrder(idx, t);
    }

    /** The kept subjects of a range of positions: the first {@code count} entries. */
    private record Part(int[] idx, double[] time, int count) {
    }

    /** The kept subjects of positions [from, to) of this order, into idx and t from 0; returns how many. */
    private int subset(int[] newIndex, int from, int to, int[] idx, double[] t) {
        int q = 0;
        for (int k = from; k < to; k++) {
            int j = newIndex[index[k]];
            if (j >= 0) {
                idx[q] = j;
                t[q++] = time[k];
            }
        }
        return q;
    }

    /**
     * The radix sort of the package: the permutation that sorts {@code keys} ascending, stable
     * (equal keys keep their input order; {@code -0.0} ties with {@code 0.0}; NaN last).
     *
     * @param keys any doubles
     * @param sortedOut receives {@code keys} in sorted order (as {@code key + 0.0}), or null
     * @return a new array, a permutation of {@code 0..n-1}
     */
    static int[] sort(double[] keys, double[] sortedOut) {
        int n = keys.length;
        if (n >= FEW_FROM) {
            int[] rank = new int[n];
            int m = DenseRanks.ofFew(keys, rank, Math.min(n / 8, FEW_LIMIT));
            if (m >= 0) {
                return byRank(keys, rank, m, sortedOut);
            }
        }
        return radixSort(keys, sortedOut);
    }

    /**
     * The stable order from the dense ranks of the keys (m distinct values): one counting pass and
     * one placing pass; the sorted keys are filled in runs, one per rank.
     */
    private static int[] byRank(double[] keys, int[] rank, int m, double[] sortedOut) {
        int n = keys.length;
        int[] start = new int[m + 1];
        int[] first = new int[m]; // a subject holding each rank's value
        for (int i = n - 1; i >= 0; i--) {
            start[rank[i] + 1]++;
            first[rank[i]] = i;
        }
        for (int r = 0; r < m; r++) {
            start[r + 1] += start[r];
        }
        if (sortedOut != null) {
            for (int r = 0; r < m; r++) {
                Arrays.fill(sortedOut, start[r], start[r + 1], fromKey(toKey(keys[first[r]])));
            }
        }
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) { // in input order: ties keep it
            idx[start[rank[i]]++] = i;
        }
        return idx;
    }

    /**
     * As {@link #sort}, always by the radix sort (for keys known to be mostly distinct).
     */
    static int[] radixSort(double[] keys, double[] sortedOut) {
        int n = keys.length;
        int[] idx = new int[n];
        if (n == 0) {
            return idx;
        }
        long[] key = new long[n];
        // from 50,000 keys the later half of every pass runs on the helper thread: its subjects go
        // after the earlier half's within each digit, so the order is the one-thread order
        int h = n >= TwoThreads.PARALLEL_THRESHOLD ? n / 2 : n;
        int[] counts = new int[PASSES * RADIX];
        int[] countsLater = h < n ? new int[PASSES * RADIX] : null;
        long[] key1 = key;
        int[] idx1 = idx;
        TwoThreads.Forked<Void> later = h < n ? TwoThreads.fork(() -> histogram(keys, key1, idx1, h, n, countsLater)) : null;
        histogram(keys, key1, idx1, 0, h, counts);
        if (later != null) {
            later.join();
        }
        long[] key2 = null;
        int[] idx2 = null;
        for (int p = 0; p < PASSES; p++) {
            int base = p * RADIX;
            int shift = p * BITS;
            int digit0 = (int) ((key[0] >>> shift) & MASK);
            if (counts[base + digit0] + (countsLater == null ? 0 : countsLater[base + digit0]) == n) {
                continue; // every subject has the same digit: this pass would move nothing
            }
            if (key2 == null) {
                key2 = new long[n];
                idx2 = new int[n];
            } else if (countsLater != null) {
                // an earlier pass moved the subjects between the halves: count this digit per half
                // anew (the sum of the two, which the skip above reads, is the same)
                long[] current = key;
                TwoThreads.Forked<Void> recount = TwoThreads.fork(() -> count(current, h, n, countsLater, base, shift));
                count(current, 0, h, counts, base, shift);
                recount.join();
            }
            int sum = 0;
            for (int d = 0; d < RADIX; d++) { // start of each digit's range, earlier half first
                int c = counts[base + d];
                counts[base + d] = sum;
                sum += c;
                if (countsLater != null) {
                    int cl = countsLater[base + d];
                    countsLater[base + d] = sum;
                    sum += cl;
                }
            }
            long[] fromKey = key;
            int[] fromIdx = idx;
            long[] toKey = key2;
            int[] toIdx = idx2;
            TwoThreads.Forked<Void> scatterLater = h < n
                    ? TwoThreads.fork(() -> scatter(fromKey, fromIdx, toKey, toIdx, h, n, countsLater, base, shift))
                    : null;
            scatter(fromKey, fromIdx, toKey, toIdx, 0, h, counts, base, shift);
            if (scatterLater != null) {
                scatterLater.join();
            }
            key = toKey;
            key2 = fromKey;
            idx = toIdx;
            idx2 = fromIdx;
        }
        if (sortedOut != null) {
            long[] sortedKey = key;
            TwoThreads.Forked<Void> decodeLater = h < n ? TwoThreads.fork(() -> decode(sortedKey, sortedOut, h, n)) : null;
            decode(sortedKey, sortedOut, 0, h);
            if (decodeLater != null) {
                decodeLater.join();
            }
        }
        return idx;
    }

    /** Keys and identity indices of the positions [from, to), and their digit counts for every pass. */
    private static void histogram(double[] keys, long[] key, int[] idx, int from, int to, int[] counts) {
        for (int i = from; i < to; i++) {
            long k = toKey(keys[i]);
            key[i] = k;
            idx[i] = i;
            for (int p = 0; p < PASSES; p++) {
                counts[p * RADIX + (int) ((k >>> (p * BITS)) & MASK)]++;
            }
        }
    }

    /** The counts of one pass's digit over the positions [from, to). */
    private static void count(long[] key, int from, int to, int[] counts, int base, int shift) {
        Arrays.fill(counts, base, base + RADIX, 0);
        for (int i = from; i < to; i++) {
            counts[base + (int) ((key[i] >>> shift) & MASK)]++;
        }
    }

    /** One pass over the positions [from, to): each to the next free place of its digit. */
    private static void scatter(long[] key, int[] idx, long[] key2, int[] idx2, int from, int to, int[] counts,
                                int base, int shift) {
        for (int i = from; i < to; i++) {
            long k = key[i];
            int pos = counts[base + (int) ((k >>> shift) & MASK)]++;
            key2[pos] = k;
            idx2[pos] = idx[i];
        }
    }

    private static void decode(long[] key, double[] out, int from, int to) {
        for (int i = from; i < to; i++) {
            out[i] = fromKey(key[i]);
        }
    }

    /**
     * Order-preserving map of a double to an unsigned 64-bit key: flip all bits of negatives,
     * the sign bit of the others. {@code -0.0} maps as {@code 0.0}, every NaN as the canonical
     * NaN (above +infinity).
     */
    private static long toKey(double x) {
        long bits = Double.doubleToLongBits(x + 0.0);
        return bits < 0 ? ~bits : bits ^ Long.MIN_VALUE;
    }

    private static double fromKey(long k) {
        return Double.longBitsToDouble(k < 0 ? k ^ Long.MIN_VALUE : ~k);
    }
}
