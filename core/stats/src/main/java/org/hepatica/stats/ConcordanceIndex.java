package org.hepatica.stats;

/**
 * Harrell's concordance index C of a risk score against right-censored survival, as R
 * {@code coxph} reports {@code concordance} (survival 3.5.3 {@code concordancefit} with
 * {@code timewt = "n"}, {@code reverse = TRUE}; C code {@code concordance3.c}).
 *
 * <p>A pair (i, j) within the same stratum is comparable when i has an event at t_i and j is
 * still at risk after it: t_j &gt; t_i, or t_j = t_i and j is censored (censored subjects tied
 * with an event count as at risk). It is concordant when the earlier failure has the higher
 * risk score, discordant when it has the lower one, and tied on the risk when the scores are
 * equal (exact equality). Two events at the same time are tied on time and not comparable.
 * <pre>
 *   C = (concordant + tiedRisk / 2) / (concordant + discordant + tiedRisk)
 * </pre>
 * Computed in O(n log n): one walk backwards over time, stratum by stratum, counting the
 * subjects at risk below, at and above each event's score rank ({@link DenseRanks}; counts in a
 * cache-friendly blocked Fenwick tree). From 50,000 subjects in one stratum the time axis is cut
 * in two at a group boundary near n / 2 and the two parts are counted on two threads
 * ({@link TwoThreads}): the later part as above, the earlier part with the whole later part at
 * risk at each of its event times (counted once per rank, with prefix sums). The counts are
 * integers, so the result is the same.
 */
public final class ConcordanceIndex {

    /**
     * Pair counts and the index.
     *
     * @param concordant      comparable pairs where the earlier failure has the higher score
     * @param discordant      comparable pairs where it has the lower score
     * @param tiedRisk        comparable pairs with equal scores
     * @param tiedTime        pairs of events at the same time with different scores
     * @param tiedTimeAndRisk pairs of events at the same time with equal scores
     * @param concordance     C, or null when there is no comparable pair
     */
    public record Result(long concordant, long discordant, long tiedRisk, long tiedTime,
                         long tiedTimeAndRisk, Double concordance) {
    }

    private ConcordanceIndex() {
    }

    /**
     * Computes C for a risk score (higher = shorter expected survival, e.g. a Cox linear
     * predictor).
     *
     * @param time   follow-up times, finite
     * @param status 0 censored, 1 event
     * @param strata stratum codes &gt;= 0, or null; pairs are formed within strata only
     * @param risk   risk score per subject, finite
     * @throws IllegalArgumentException naming the offending argument
     */
    public static Result compute(double[] time, int[] status, int[] strata, double[] risk) {
        Arguments.requireFinite("time", time);
        Arguments.requireCodes("status", status, 1);
        Arguments.requireSameLength("time", time.length, "status", status.length);
        Arguments.requireFinite("risk", risk);
        Arguments.requireSameLength("time", time.length, "risk", risk.length);
        if (strata != null) {
            Arguments.requireSameLength("time", time.length, "strata", strata.length);
            Arguments.requireNonNegative("strata", strata);
        }
        return compute(CoxTimeOrder.of(time, status, strata), risk);
    }

    /** @param risk score per input subject (indexed like the arrays the order was built from) */
    static Result compute(CoxTimeOrder times, double[] risk) {
        return compute(times, ranks(times, risk));
    }

    /**
     * The dense rank (0..m-1) of each sorted subject's score, equal scores sharing a rank: the
     * first half of the work, which a caller may do before it gives the helper thread other work.
     */
    record Ranks(int[] rank, int m) {
    }

    /** @param risk score per input subject (indexed like the arrays the order was built from) */
    static Ranks ranks(CoxTimeOrder times, double[] risk) {
        int n = times.n;
        double[] v = new double[n];
        int[] order = times.order;
        int half = n >= TwoThreads.PARALLEL_THRESHOLD ? n / 2 : n;
        TwoThreads.Forked<Void> later = half < n ? TwoThreads.fork(() -> gather(risk, order, v, half, n)) : null;
        gather(risk, order, v, 0, half);
        if (later != null) {
            later.join();
        }
        int[] rank = new int[n];
        int m = DenseRanks.of(v, rank);
        return new Ranks(rank, m);
    }

    private static void gather(double[] risk, int[] order, double[] v, int from, int to) {
        for (int s = from; s < to; s++) {
            v[s] = risk[order[s]];
        }
    }

    /** The counts and the index from the ranks of the sorted subjects' scores. */
    static Result compute(CoxTimeOrder times, Ranks ranks) {
        int[] rank = ranks.rank();
        int m = ranks.m();
        long[] counts;
        int gMid = splitGroup(times);
        if (gMid > 0) {
            // two parts of the time axis, one per thread: the later groups as below; for the
            // earlier ones every subject of the later part is at risk, counted once by rank
            final int mm = m;
            TwoThreads.Forked<long[]> earlier = TwoThreads.fork(() -> countEarlier(times, rank, mm, gMid));
            counts = count(times, rank, m, gMid, times.nGroups, null, null, 0);
            long[] e = earlier.join();
            for (int q = 0; q < counts.length; q++) {
                counts[q] += e[q];
            }
        } else {
            counts = count(times, rank, m, 0, times.nGroups, null, null, 0);
        }
        long concordant = counts[0];
        long discordant = counts[1];
        long tiedRisk = counts[2];
        long tiedBoth = counts[4];
        long tiedTime = counts[3] - tiedBoth;
        long pairs = concordant + discordant + tiedRisk;
        Double c = pairs == 0 ? null : (concordant + tiedRisk / 2.0) / pairs;
        return new Result(concordant, discordant, tiedRisk, tiedTime, tiedBoth, c);
    }

    /**
     * The group at which the count is split over two threads: from 50,000 subjects in one
     * stratum, the first group starting at or after n / 2; 0 for no split.
     */
    private static int splitGroup(CoxTimeOrder times) {
        if (times.n < TwoThreads.PARALLEL_THRESHOLD || times.nStrata != 1 || times.nGroups < 2) {
            return 0;
        }
        int g = 1;
        while (g < times.nGroups - 1 && times.groupStart[g] < times.n / 2) {
            g++;
        }
        return g;
    }

    /** The pairs of events in groups [0, gMid) when everyone from group gMid on is at risk. */
    private static long[] countEarlier(CoxTimeOrder times, int[] rank, int m, int gMid) {
        int[] atRank = new int[m];
        for (int s = times.groupStart[gMid]; s < times.n; s++) {
            atRank[rank[s]]++;
        }
        int[] below = new int[m];
        for (int r = 1; r < m; r++) {
            below[r] = below[r - 1] + atRank[r - 1];
        }
        return count(times, rank, m, 0, gMid, atRank, below, times.n - times.groupStart[gMid]);
    }

    /**
     * One walk backwards over the groups [gFrom, gTo): {concordant, discordant, tiedRisk, pairs
     * of events tied in time, tied in time and score}. Besides the subjects the walk adds, a
     * fixed set of {@code fixedTotal} subjects (their number per rank {@code fixedAt}, below each
     * rank {@code fixedBelow}; null for none) is at risk at every event time of the walk.
     */
    private static long[] count(CoxTimeOrder times, int[] rank, int m, int gFrom, int gTo, int[] fixedAt,
                                int[] fixedBelow, long fixedTotal) {
        RankCounter atRisk = new RankCounter(m);
        int[] tiedDeaths = new int[m];
        long concordant = 0;
        long discordant = 0;
        long tiedRisk = 0;
        long tiedTime = 0;
        long tiedBoth = 0;
        int stratumEnd = times.groupStart[gTo]; // positions [groupStart[g], stratumEnd) of this stratum are counted
        for (int g = gTo - 1; g >= gFrom; g--) {
            int start = times.groupStart[g];
            int end = times.groupStart[g + 1];
            if (times.lastInStratum[g]) { // empty the counter left by the previous stratum
                for (int s = end; s < stratumEnd; s++) {
                    atRisk.remove(rank[s]);
                }
                stratumEnd = end;
            }
            int censoredStart = start + times.groupEvents[g];
            for (int s = censoredStart; s < end; s++) { // censored at t are at risk at t
                atRisk.add(rank[s]);
            }
            if (censoredStart == start) {
                continue;
            }
            long inRisk = atRisk.total() + fixedTotal;
            for (int s = start; s < censoredStart; s++) {
                int r = rank[s];
                long below = atRisk.below(r);
                long equal = atRisk.count(r);
                if (fixedAt != null) {
                    below += fixedBelow[r];
                    equal += fixedAt[r];
                }
                concordant += below; // the earlier failure has the higher score
                tiedRisk += equal;
                discordant += inRisk - below - equal;
                tiedBoth += tiedDeaths[r]++; // events tied in time and score
            }
            int d = censoredStart - start;
            tiedTime += (long) d * (d - 1) / 2;
            for (int s = start; s < censoredStart; s++) {
                tiedDeaths[rank[s]] = 0;
                atRisk.add(rank[s]);
            }
        }
        return new long[] {concordant, discordant, tiedRisk, tiedTime, tiedBoth};
    }

    /**
     * Multiset of ranks 0..m-1 with O(1) insertion count and O(log m + 64) "how many below r":
     * per-rank counts plus a Fenwick tree over blocks of 64 ranks (small enough to stay in
     * cache, so a query costs about one cache miss).
     */
    private static final class RankCounter {
        private static final int SHIFT = 6;
        private final int[] count;
        private final int[] blocks; // Fenwick tree, 1-based, over blocks of 64 ranks
        private long total;

        RankCounter(int m) {
            count = new int[m];
            blocks = new int[(m >> SHIFT) + 2];
        }

        long total() {
            return total;
        }

        int count(int r) {
            return count[r];
        }

        void add(int r) {
            count[r]++;
            total++;
            for (int b = (r >> SHIFT) + 1; b < blocks.length; b += b & -b) {
                blocks[b]++;
            }
        }

        void remove(int r) {
            count[r]--;
            total--;
            for (int b = (r >> SHIFT) + 1; b < blocks.length; b += b & -b) {
                blocks[b]--;
            }
        }

        /** Number of members with rank &lt; r. */
        long below(int r) {
            long sum = 0;
            for (int b = r >> SHIFT; b > 0; b -= b & -b) { // whole blocks below r's block
                sum += blocks[b];
            }
            int[] c = count;
            int inBlock = 0;
            for (int q = (r >> SHIFT) << SHIFT; q < r; q++) {
                inBlock += c[q];
            }
            return sum + inBlock;
        }
    }
}
