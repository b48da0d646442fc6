package org.hepatica.stats;

import java.util.Arrays;

/**
 * Subjects sorted once by (stratum, time), and the groups of tied times within strata that make
 * up the risk-set walk of the Cox partial likelihood, the concordance and the zph test. Within a
 * group of tied times the events come first, then the censored, each in input order; walking
 * backwards, the censored subjects between two event times are then one contiguous range.
 */
final class CoxTimeOrder {

    /** Number of subjects. */
    final int n;
    /** Sorted position to input index. */
    final int[] order;
    /** Times in sorted order. */
    final double[] time;
    /** Status (0/1) in sorted order. */
    final int[] status;
    /** Stratum code in sorted order (all 0 when unstratified). */
    final int[] stratum;
    /** Number of strata codes in use (max code + 1). */
    final int nStrata;
    /** Number of groups of tied (stratum, time). */
    final int nGroups;
    /** Start position of each group, plus n at the end. */
    final int[] groupStart;
    /** True for the last (latest) group of a stratum: a backward walk resets its sums there. */
    final boolean[] lastInStratum;
    /** Number of events in each group (they occupy its first positions). */
    final int[] groupEvents;
    /** Total number of events. */
    final int events;

    private CoxTimeOrder(SortedSurvival sorted, int nStrata) {
        this.n = sorted.time.length;
        this.nStrata = nStrata;
        this.time = sorted.time;
        int[] perm = sorted.subject;
        stratum = new int[n];
        for (int b = 1; b < nStrata; b++) {
            Arrays.fill(stratum, sorted.start[b], sorted.start[b + 1], b);
        }
        int groups = 0;
        int[] starts = new int[n + 1];
        for (int s = 0; s < n; s++) {
            if (s == 0 || time[s] != time[s - 1] || stratum[s] != stratum[s - 1]) {
                starts[groups++] = s;
            }
        }
        starts[groups] = n;
        nGroups = groups;
        groupStart = Arrays.copyOf(starts, groups + 1);
        lastInStratum = new boolean[groups];
        groupEvents = new int[groups];
        // within a group of tied times: the events first, then the censored (each in input order)
        int[] sortedStatus = sorted.status;
        order = new int[n];
        status = new int[n];
        int total = 0;
        for (int g = 0; g < groups; g++) {
            int start = groupStart[g];
            int end = groupStart[g + 1];
            lastInStratum[g] = end == n || stratum[end] != stratum[start];
            int q = start;
            for (int s = start; s < end; s++) {
                if (sortedStatus[s] == 1) {
                    order[q] = perm[s];
                    status[q++] = 1;
                }
            }
            groupEvents[g] = q - start;
            total += q - start;
            for (int s = start; s < end; s++) {
                if (sortedStatus[s] == 0) {
                    order[q++] = perm[s];
                }
            }
        }
        events = total;
    }

    /**
     * Sorts the subjects. Preconditions (checked by the callers): equal lengths, finite times,
     * status 0/1, strata null or non-negative codes.
     */
    static CoxTimeOrder of(double[] time, int[] status, int[] strata) {
        return of(TimeOrder.of(time), status, strata);
    }

    /**
     * Lays out the subjects by (stratum, time) from their time order: one stable pass by
     * stratum over {@code timeOrder}. Preconditions as {@link #of(double[], int[], int[])}, and
     * {@code timeOrder} is the order of the times (checked by the callers).
     */
    static CoxTimeOrder of(TimeOrder timeOrder, int[] status, int[] strata) {
        int nStrata = 1;
        if (strata != null) {
            int max = 0;
            for (int c : strata) {
                if (c < 0) {
                    throw new IllegalArgumentException("strata: codes must be >= 0, found " + c);
                }
                max = Math.max(max, c);
            }
            if (max > strata.length + 1024) { // sparse codes: renumber them 0..g-1 in order
                strata = SortedSurvival.dense(strata);
                max = SortedSurvival.levels(strata) - 1;
            }
            nStrata = max + 1;
        }
        SortedSurvival sorted = SortedSurvival.of(timeOrder, status, null,
                nStrata > 1 ? strata : null, nStrata);
        return new CoxTimeOrder(sorted, nStrata);
    }
}
