package org.hepatica.stats;

import java.util.Arrays;

/**
 * A sample laid out in time order, once, so that every estimator sweeps plain arrays
 * sequentially: {@code time}, {@code status}, (optionally) {@code group} and the input index of
 * each subject, partitioned into blocks (groups for curves, strata for tests), each block in
 * ascending time, ties in input order.
 *
 * <p>The time order comes from a {@link TimeOrder} (given by the caller, or computed: the one
 * radix sort of the package); the partition into blocks is one stable counting pass over it,
 * so the layout is the same whichever estimator, or none, sorted the times. Linear in n, about
 * 20 bytes per subject on top of the order, no boxing.
 */
final class SortedSurvival {

    /** Times, ascending within each block. */
    final double[] time;
    /** Status of the subject at each position. */
    final int[] status;
    /** Group of the subject at each position, or null when not requested. */
    final int[] group;
    /** Input index of the subject at each position. */
    final int[] subject;
    /** Block {@code b} is {@code [start[b], start[b+1])}; length blocks + 1. */
    final int[] start;

    private SortedSurvival(double[] time, int[] status, int[] group, int[] subject, int[] start) {
        this.time = time;
        this.status = status;
        this.group = group;
        this.subject = subject;
        this.start = start;
    }

    /** Number of blocks. */
    int blocks() {
        return start.length - 1;
    }

    /**
     * Sorts the times and lays out the sample, as {@link #of(TimeOrder, int[], int[], int[], int)}
     * with {@code TimeOrder.of(time)}.
     */
    static SortedSurvival of(double[] time, int[] status, int[] group, int[] block, int blocks) {
        return of(TimeOrder.of(time), status, group, block, blocks);
    }

    /**
     * Lays out a sample in time order within blocks: a stable counting pass by block over the
     * time order, gathering time, status and group.
     *
     * <p>The codes are first read in time order, each array in a tight loop of independent
     * loads: at a million subjects these reads are cache misses, which the processor overlaps
     * in such a loop but not in one that also scatters by block. The block pass then reads
     * sequentially.
     *
     * @param order the time order of the subjects (checked against the times by the caller)
     * @param status codes, carried along
     * @param group codes, carried along, or null
     * @param block block code of each subject in {@code 0..blocks-1}, or null for one block
     * @param blocks number of blocks (1 when {@code block} is null)
     */
    static SortedSurvival of(TimeOrder order, int[] status, int[] group, int[] block, int blocks) {
        int n = order.size();
        int[] index = order.index;
        int[] s = gather(status, index);
        int[] g = group == null ? null : gather(group, index);
        int[] start = new int[blocks + 1];
        if (block == null) {
            // one block: the order's own arrays serve as they are (never written)
            start[1] = n;
            return new SortedSurvival(order.time, s, g, index, start);
        }
        int[] b = gather(block, index);
        for (int code : b) {
            start[code + 1]++;
        }
        for (int q = 0; q < blocks; q++) {
            start[q + 1] += start[q];
        }
        int[] next = Arrays.copyOf(start, blocks);
        double[] t = new double[n];
        int[] bs = new int[n];
        int[] bg = g == null ? null : new int[n];
        int[] subject = new int[n];
        for (int k = 0; k < n; k++) {
            int pos = next[b[k]]++;
            t[pos] = order.time[k];
            bs[pos] = s[k];
            if (bg != null) {
                bg[pos] = g[k];
            }
            subject[pos] = index[k];
        }
        return new SortedSurvival(t, bs, bg, subject, start);
    }

    /** {@code values[index[k]]} for each k. */
    private static int[] gather(int[] values, int[] index) {
        int[] out = new int[index.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = values[index[k]];
        }
        return out;
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
