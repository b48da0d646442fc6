package org.hepatica.stats;

import java.util.Arrays;

/**
 * A sample laid out in time order, once, so that every estimator sweeps plain arrays
 * sequentially: {@code time}, {@code status} and (optionally) {@code group}, partitioned into
 * blocks (groups for curves, strata for tests), each block in ascending time, ties in input
 * order.
 *
 * <p>The sort is a stable least-significant-digit radix sort of the subject indices on the
 * IEEE-754 bits of the times (5 passes of 13 bits; a pass whose digit is the same for every
 * subject, e.g. the low mantissa bits of whole days, is skipped), followed by one stable
 * counting pass by block that gathers status and group. Linear in n, memory about 40 bytes per
 * subject, no boxing.
 */
final class SortedSurvival {

    private static final int BITS = 13;
    private static final int RADIX = 1 << BITS;
    private static final int MASK = RADIX - 1;
    private static final int PASSES = (64 + BITS - 1) / BITS;

    /** Times, ascending within each block. */
    final double[] time;
    /** Status of the subject at each position. */
    final int[] status;
    /** Group of the subject at each position, or null when not requested. */
    final int[] group;
    /** Block {@code b} is {@code [start[b], start[b+1])}; length blocks + 1. */
    final int[] start;

    private SortedSurvival(double[] time, int[] status, int[] group, int[] start) {
        this.time = time;
        this.status = status;
        this.group = group;
        this.start = start;
    }

    /** Number of blocks. */
    int blocks() {
        return start.length - 1;
    }

    /**
     * Lays out a sample in time order within blocks.
     *
     * @param time finite times (checked by the caller)
     * @param status codes &gt;= 0, carried along
     * @param group codes &gt;= 0, carried along, or null
     * @param block block code of each subject in {@code 0..blocks-1}, or null for one block
     * @param blocks number of blocks (1 when {@code block} is null)
     */
    static SortedSurvival of(double[] time, int[] status, int[] group, int[] block, int blocks) {
        int n = time.length;
        int maxStatus = 0;
        int maxGroup = 0;
        for (int i = 0; i < n; i++) {
            maxStatus = Math.max(maxStatus, status[i]);
            if (group != null) {
                maxGroup = Math.max(maxGroup, group[i]);
            }
        }
        int statusBits = 32 - Integer.numberOfLeadingZeros(maxStatus);
        int groupBits = 32 - Integer.numberOfLeadingZeros(maxGroup);
        int blockBits = block == null ? 0 : 32 - Integer.numberOfLeadingZeros(blocks - 1);
        if (statusBits + groupBits + blockBits > 31) {
            return gathered(time, status, group, block, blocks);
        }
        // carry (block, group, status) packed in one int through the radix passes, so that
        // nothing is read at random afterwards
        int[] payload = new int[n];
        for (int i = 0; i < n; i++) {
            int v = status[i];
            if (group != null) {
                v |= group[i] << statusBits;
            }
            if (block != null) {
                v |= block[i] << (statusBits + groupBits);
            }
            payload[i] = v;
        }
        long[] key = new long[n];
        payload = sortKeys(time, key, payload);
        int statusMask = (1 << statusBits) - 1;
        int groupMask = (1 << groupBits) - 1;
        int blockShift = statusBits + groupBits;
        double[] t = new double[n];
        int[] s = new int[n];
        int[] g = group == null ? null : new int[n];
        int[] start = new int[blocks + 1];
        int[] next = new int[blocks];
        if (block == null) {
            start[1] = n;
        } else {
            for (int b : block) {
                start[b + 1]++;
            }
            for (int b = 0; b < blocks; b++) {
                start[b + 1] += start[b];
            }
            System.arraycopy(start, 0, next, 0, blocks);
        }
        for (int i = 0; i < n; i++) {
            int v = payload[i];
            int pos = block == null ? i : next[v >>> blockShift]++;
            t[pos] = fromKey(key[i]);
            s[pos] = v & statusMask;
            if (g != null) {
                g[pos] = (v >>> statusBits) & groupMask;
            }
        }
        return new SortedSurvival(t, s, g, start);
    }

    /** The general path: sort indices, then gather (codes too large to pack in an int). */
    private static SortedSurvival gathered(double[] time, int[] status, int[] group, int[] block,
            int blocks) {
        int n = time.length;
        long[] key = new long[n];
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        idx = sortKeys(time, key, idx);
        double[] t = new double[n];
        int[] s = new int[n];
        int[] g = group == null ? null : new int[n];
        int[] start = new int[blocks + 1];
        int[] next = new int[blocks];
        if (block == null) {
            start[1] = n;
        } else {
            for (int b : block) {
                start[b + 1]++;
            }
            for (int b = 0; b < blocks; b++) {
                start[b + 1] += start[b];
            }
            System.arraycopy(start, 0, next, 0, blocks);
        }
        for (int i = 0; i < n; i++) {
            int j = idx[i];
            int pos = block == null ? i : next[block[j]]++;
            t[pos] = fromKey(key[i]);
            s[pos] = status[j];
            if (g != null) {
                g[pos] = group[j];
            }
        }
        return new SortedSurvival(t, s, g, start);
    }

    /**
     * Indices of {@code time} in ascending order of time; equal times keep their input order.
     *
     * @param time finite values
     * @return a new array, a permutation of {@code 0..n-1}
     */
    static int[] sortByTime(double[] time) {
        int[] idx = new int[time.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        return sortKeys(time, new long[time.length], idx);
    }

    /** Order-preserving map of a double to an unsigned 64-bit key (-0.0 maps as 0.0). */
    private static long toKey(double x) {
        long bits = Double.doubleToRawLongBits(x + 0.0);
        return bits < 0 ? ~bits : bits ^ Long.MIN_VALUE;
    }

    private static double fromKey(long k) {
        return Double.longBitsToDouble(k < 0 ? k ^ Long.MIN_VALUE : ~k);
    }

    /**
     * Radix sort of the times, carrying {@code payload} along; fills {@code keyOut} with the
     * sorted keys and returns the payload in sorted order (possibly the same array).
     */
    private static int[] sortKeys(double[] time, long[] keyOut, int[] payload) {
        int n = time.length;
        int[] idx = payload;
        if (n == 0) {
            return idx;
        }
        long[] key = keyOut;
        int[] counts = new int[PASSES * RADIX];
        for (int i = 0; i < n; i++) {
            long k = toKey(time[i]);
            key[i] = k;
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
                continue; // every subject has the same digit: nothing to do
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
        if (key != keyOut) {
            System.arraycopy(key, 0, keyOut, 0, n);
        }
        return idx;
    }

    /**
     * Non-negative codes (e.g. strata) renumbered densely, 0..k-1 in ascending order of the
     * original codes, so that arrays indexed by code stay as small as the number of codes.
     * Returns the input itself when its codes are already below its length.
     */
    static int[] dense(int[] codes) {
        int max = 0;
        for (int c : codes) {
            max = Math.max(max, c);
        }
        if (max < Math.max(codes.length, 1)) {
            return codes;
        }
        int[] distinct = Arrays.stream(codes).distinct().sorted().toArray();
        int[] out = new int[codes.length];
        for (int i = 0; i < codes.length; i++) {
            out[i] = Arrays.binarySearch(distinct, codes[i]);
        }
        return out;
    }

    /** Number of codes: max + 1 (1 for an empty array). */
    static int levels(int[] codes) {
        int levels = 1;
        for (int c : codes) {
            levels = Math.max(levels, c + 1);
        }
        return levels;
    }
}
