package org.hepatica.stats;

/**
 * Stable sorting of subjects by a double key, used by the Cox classes (sort once, then walk the
 * risk sets). A least-significant-digit radix sort on the order-preserving bit image of the
 * double (11-bit digits, passes whose digit is constant are skipped), so it is O(n) with no
 * boxing; ties keep their input order, like R's {@code order()}.
 */
final class CoxSort {

    private static final int BITS = 11;
    private static final int RADIX = 1 << BITS;
    private static final int PASSES = (64 + BITS - 1) / BITS;

    private CoxSort() {
    }

    /**
     * The permutation that sorts {@code keys} ascending, stable. Precondition: no NaN
     * ({@code -0.0} sorts as {@code 0.0}).
     */
    static int[] order(double[] keys) {
        return order(keys, null);
    }

    /**
     * As {@link #order(double[])}, and writes the sorted keys to {@code sorted} when it is not
     * null (saves the caller a random-access gather).
     */
    static int[] order(double[] keys, double[] sorted) {
        int n = keys.length;
        long[] k = new long[n];
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            long b = Double.doubleToLongBits(keys[i] + 0.0);
            k[i] = b < 0 ? ~b : b ^ Long.MIN_VALUE; // unsigned order == numeric order
            idx[i] = i;
        }
        int[][] counts = new int[PASSES][RADIX];
        for (int i = 0; i < n; i++) {
            long key = k[i];
            for (int pass = 0; pass < PASSES; pass++) {
                counts[pass][(int) ((key >>> (pass * BITS)) & (RADIX - 1))]++;
            }
        }
        long[] k2 = new long[n];
        int[] idx2 = new int[n];
        for (int pass = 0; pass < PASSES; pass++) {
            int[] count = counts[pass];
            int shift = pass * BITS;
            if (n == 0 || count[(int) ((k[0] >>> shift) & (RADIX - 1))] == n) {
                continue; // every key has the same digit: this pass would not move anything
            }
            int sum = 0;
            for (int d = 0; d < RADIX; d++) {
                int c = count[d];
                count[d] = sum;
                sum += c;
            }
            for (int i = 0; i < n; i++) {
                int d = (int) ((k[i] >>> shift) & (RADIX - 1));
                int pos = count[d]++;
                k2[pos] = k[i];
                idx2[pos] = idx[i];
            }
            long[] tk = k;
            k = k2;
            k2 = tk;
            int[] ti = idx;
            idx = idx2;
            idx2 = ti;
        }
        if (sorted != null) {
            for (int i = 0; i < n; i++) {
                long b = k[i];
                sorted[i] = Double.longBitsToDouble(b < 0 ? b ^ Long.MIN_VALUE : ~b);
            }
        }
        return idx;
    }

    /**
     * Stable re-sort of a permutation by non-negative integer codes (counting sort): after
     * {@code order(time)} this yields the order by (stratum, time).
     */
    static int[] byCode(int[] perm, int[] codes, int nCodes) {
        int[] count = new int[nCodes + 1];
        for (int c : codes) {
            count[c + 1]++;
        }
        for (int c = 0; c < nCodes; c++) {
            count[c + 1] += count[c];
        }
        int[] out = new int[perm.length];
        for (int i : perm) {
            out[count[codes[i]]++] = i;
        }
        return out;
    }
}
