package org.hepatica.stats;

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
 * no boxing.
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
        int q = 0;
        for (int k = 0; k < index.length; k++) {
            int j = newIndex[index[k]];
            if (j >= 0) {
                idx[q] = j;
                t[q++] = time[k];
            }
        }
        return new TimeOrder(idx, t);
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
        int[] idx = new int[n];
        if (n == 0) {
            return idx;
        }
        long[] key = new long[n];
        int[] counts = new int[PASSES * RADIX];
        for (int i = 0; i < n; i++) {
            long k = toKey(keys[i]);
            key[i] = k;
            idx[i] = i;
            for (int p = 0; p < PASSES; p++) {
                counts[p * RADIX + (int) ((k >>> (p * BITS)) & MASK)]++;
            }
        }
        long[] key2 = null;
        int[] idx2 = null;
        for (int p = 0; p < PASSES; p++) {
            int base = p * RADIX;
            int shift = p * BITS;
            if (counts[base + (int) ((key[0] >>> shift) & MASK)] == n) {
                continue; // every subject has the same digit: this pass would move nothing
            }
            if (key2 == null) {
                key2 = new long[n];
                idx2 = new int[n];
            }
            int sum = 0;
            for (int d = 0; d < RADIX; d++) {
                int c = counts[base + d];
                counts[base + d] = sum;
                sum += c;
            }
            for (int i = 0; i < n; i++) {
                long k = key[i];
                int pos = counts[base + (int) ((k >>> shift) & MASK)]++;
                key2[pos] = k;
                idx2[pos] = idx[i];
            }
            long[] tk = key;
            key = key2;
            key2 = tk;
            int[] ti = idx;
            idx = idx2;
            idx2 = ti;
        }
        if (sortedOut != null) {
            for (int i = 0; i < n; i++) {
                sortedOut[i] = fromKey(key[i]);
            }
        }
        return idx;
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
