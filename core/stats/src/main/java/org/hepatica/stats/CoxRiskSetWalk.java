package org.hepatica.stats;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The backward walk over the risk sets of a Cox model, shared by the fit (R survival 3.5.3
 * {@code coxfit6.c}, {@code coxfit6_iter}) and the {@code cox.zph} test ({@code zph1.c}); the
 * formulas are in {@link CoxRiskSets#derivatives}.
 *
 * <p>Walking backwards over the event times t, the risk-set sums S0, S1, S2 are cumulated: at
 * each t the subjects censored since the previous (later) event time join, the deaths' sums
 * D0, D1, D2 are formed, the Efron/Breslow terms of t are added to loglik, U and I, then the
 * deaths join. Everything O(n p^2) in that is a sum over a range of positions that does not
 * depend on the running sums: the linear predictor x'beta and r = exp(x'beta) of the range, the
 * deaths' sums (formed from zero), the censored subjects' S0 (from zero) and, for a long range,
 * the S1/S2 of each block of 256 subjects. So the walk runs in two phases, chunk by chunk (runs of
 * consecutive event times covering about 2^16 subjects):
 * <ol>
 *   <li><b>range sums</b>, independent per event time: from 50,000 subjects the chunk's event
 *       times are split in two parts of about equal subjects, one computed by the calling thread,
 *       the other by the helper ({@link TwoThreads});</li>
 *   <li><b>terms</b>: the running S0 at each event time (one addition per event time, in walk
 *       order), then the Efron/Breslow terms of each event time, which depend on S0, D0 and d
 *       only (Efron costs O(d) per event time, so it is split over the two threads as well);</li>
 *   <li><b>merge</b>, on the calling thread in walk order: the blocks are added to the running
 *       S1, S2 (censored ranges of fewer than 24 subjects are added subject by subject here),
 *       loglik, U and I take the terms of each event time, the deaths join.</li>
 * </ol>
 * Every value is formed by the same operations in the same order as in a single sequential walk
 * (partial results are kept per block and added in block order), so the results are identical to
 * the last bit whichever thread computed a range, and whether the helper took part at all.
 *
 * <p>The plan (ranges, resets at strata, blocks, chunks) depends on the time order only and is
 * built once per fit; the per-chunk buffers are O(2^16 / 256 + 2048) blocks of p + p^2 values.
 * The sum of x over the deaths of each event time does not depend on beta: it is formed once
 * per covariate column (the first walk over it) and kept, eventTimes values a column.
 * {@link #run} is thread-safe.
 */
final class CoxRiskSetWalk {

    private static final double LN2 = Math.log(2.0);
    private static final int CHUNK_SUBJECTS = 1 << 16;
    private static final int CHUNK_EVENT_TIMES = 2048;

    private final CoxTimeOrder times;
    private final boolean parallel;
    /** Number of event times (groups with at least one event). */
    private final int eventTimes;
    /** For event time e in walk order (latest first): its group in {@code times}. */
    private final int[] group;
    /** End of the range of censored subjects that join the sums at e (they start after its deaths). */
    private final int[] censoredEnd;
    /** Whether the sums restart from zero at e (a new stratum since the previous event time). */
    private final boolean[] reset;
    /** First block of e's censored range, counted over the walk; length eventTimes + 1. */
    private final int[] firstBlock;
    /** Chunk c covers the event times [chunkStart[c], chunkStart[c + 1]). */
    private final int[] chunkStart;
    private final int maxChunkEvents;
    private final int maxChunkBlocks;
    /** Per covariate column (by identity): its sum over the deaths of each event time, in walk order. */
    private final Map<double[], double[]> deathSums = new IdentityHashMap<>();

    /** @param parallel whether to split the range sums with the helper thread */
    CoxRiskSetWalk(CoxTimeOrder times, boolean parallel) {
        this.times = times;
        this.parallel = parallel;
        int[] groupStart = times.groupStart;
        int e = 0;
        for (int g = 0; g < times.nGroups; g++) {
            if (times.groupEvents[g] > 0) {
                e++;
            }
        }
        eventTimes = e;
        group = new int[e];
        censoredEnd = new int[e];
        reset = new boolean[e];
        firstBlock = new int[e + 1];
        int hi = times.n;
        boolean resetPending = false;
        e = 0;
        int blocks = 0;
        for (int g = times.nGroups - 1; g >= 0; g--) {
            if (times.lastInStratum[g]) { // a new stratum: empty risk set
                resetPending = true;
                hi = groupStart[g + 1];
            }
            if (times.groupEvents[g] == 0) {
                continue;
            }
            group[e] = g;
            censoredEnd[e] = hi;
            reset[e] = resetPending;
            resetPending = false;
            firstBlock[e] = blocks;
            blocks += CoxRangeSums.blockCount(hi - (groupStart[g] + times.groupEvents[g]));
            hi = groupStart[g];
            e++;
        }
        firstBlock[e] = blocks;
        // chunks of about CHUNK_SUBJECTS subjects and at most CHUNK_EVENT_TIMES event times
        int[] starts = new int[eventTimes + 1];
        int chunks = 0;
        int maxEvents = 0;
        int maxBlocks = 0;
        for (int c0 = 0; c0 < eventTimes; ) {
            int c1 = c0;
            long span = 0;
            while (c1 < eventTimes && c1 - c0 < CHUNK_EVENT_TIMES && span < CHUNK_SUBJECTS) {
                span += span(c1);
                c1++;
            }
            starts[chunks++] = c0;
            maxEvents = Math.max(maxEvents, c1 - c0);
            maxBlocks = Math.max(maxBlocks, firstBlock[c1] - firstBlock[c0]);
            c0 = c1;
        }
        starts[chunks] = eventTimes;
        chunkStart = Arrays.copyOf(starts, chunks + 1);
        maxChunkEvents = maxEvents;
        maxChunkBlocks = maxBlocks;
    }

    /** The sum of {@code col} over the deaths of each event time (formed on first use, then kept). */
    private double[] deathSums(double[] col) {
        synchronized (deathSums) {
            double[] sums = deathSums.get(col);
            if (sums == null) {
                sums = new double[eventTimes];
                for (int e = 0; e < eventTimes; e++) {
                    int g = group[e];
                    sums[e] = CoxRangeSums.sum(col, times.groupStart[g], times.groupEvents[g]);
                }
                deathSums.put(col, sums);
            }
            return sums;
        }
    }

    /** Subjects event time e covers: its deaths and the censored joining with it. */
    private int span(int e) {
        return censoredEnd[e] - times.groupStart[group[e]];
    }

    /**
     * One walk at {@code beta}.
     *
     * @param cols     covariate columns by sorted position
     * @param beta     coefficients of {@code cols}
     * @param eta      work array, n: receives x'beta at the positions the walk uses
     * @param risk     work array, n: receives exp(x'beta) likewise
     * @param u        score, length p (adds to it)
     * @param gt       time weight per position for the zph test, or null
     * @param uTime    when {@code gt} is given: the score of the g(t) x terms, length p
     * @param info     p x p information (upper triangle, [j * p + i], j &lt;= i; adds to it)
     * @param infoTime when {@code gt} is given: {sum g V, sum g^2 V} in the same layout
     * @return the log partial likelihood
     */
    double run(double[][] cols, double[] beta, double[] eta, double[] risk, boolean efron, double[] u,
               double[] gt, double[] uTime, double[] info, double[][] infoTime) {
        final int p = cols.length;
        final int pp = p * p;
        final int[] groupStart = times.groupStart;
        final int[] groupEvents = times.groupEvents;
        CoxRangeSums main = new CoxRangeSums(); // each thread its own block buffer
        CoxRangeSums helper = parallel ? new CoxRangeSums() : null;
        double[] d0 = new double[maxChunkEvents];
        double[] c0 = new double[maxChunkEvents];
        double[] d1 = new double[maxChunkEvents * p];
        double[] d2 = new double[maxChunkEvents * pp];
        double[][] dx = new double[p][];
        for (int i = 0; i < p; i++) {
            dx[i] = deathSums(cols[i]);
        }
        double[] blocks = new double[maxChunkBlocks * (p + pp)];
        Phase1 work = new Phase1(cols, beta, eta, risk, d0, c0, d1, d2, blocks);
        double[] denomAt = new double[maxChunkEvents];
        double[] term = new double[maxChunkEvents * 6];
        Terms terms = new Terms(efron, d0, denomAt, term);
        double[] a = new double[p];
        double[] cmat = new double[pp];
        double loglik = 0;
        double denom = 0;
        CoxRangeSums merge = main;
        for (int c = 0; c + 1 < chunkStart.length; c++) {
            int e0 = chunkStart[c];
            int e1 = chunkStart[c + 1];
            if (parallel && e1 - e0 > 1) {
                int mid = split(e0, e1);
                TwoThreads.Forked<Void> later = TwoThreads.fork(() -> work.ranges(helper, e0, mid, e1));
                work.ranges(main, e0, e0, mid);
                later.join();
            } else {
                work.ranges(main, e0, e0, e1);
            }
            // phase 2: the risk-set totals S0 at each event time (a running sum, in walk order) ...
            for (int e = e0; e < e1; e++) {
                int slot = e - e0;
                if (reset[e]) {
                    denom = 0;
                }
                denom += c0[slot]; // the censored since the last event time
                denomAt[slot] = denom;
                denom += d0[slot]; // the deaths stay in the risk set of earlier times
            }
            // ... the Efron/Breslow terms of each event time, which depend on S0 and D0 only
            // (Efron: O(d) per event time, so from 50,000 subjects split like the ranges) ...
            if (parallel && efron && e1 - e0 > 1) {
                int mid = split(e0, e1);
                TwoThreads.Forked<Void> later = TwoThreads.fork(() -> terms.of(e0, mid, e1));
                terms.of(e0, e0, mid);
                later.join();
            } else {
                terms.of(e0, e0, e1);
            }
            // ... and the merge, in walk order
            int blockBase = firstBlock[e0];
            for (int e = e0; e < e1; e++) {
                int slot = e - e0;
                if (reset[e]) {
                    Arrays.fill(a, 0.0);
                    Arrays.fill(cmat, 0.0);
                }
                int g = group[e];
                int start = groupStart[g];
                int ndead = groupEvents[g];
                int censoredStart = start + ndead;
                // censored since the last event time, including those tied with this one: S1, S2
                int nBlocks = firstBlock[e + 1] - firstBlock[e];
                if (nBlocks == 0) {
                    merge.add(risk, censoredStart, censoredEnd[e], cols, a, cmat); // its S0 is c0[slot]
                } else {
                    CoxRangeSums.addBlocks(blocks, (firstBlock[e] - blockBase) * (p + pp), nBlocks, p, a, cmat);
                }
                // D1 at d1[slot * p], D2 at d2[slot * pp]
                int o1 = slot * p;
                int o2 = slot * pp;
                for (int s = start; s < censoredStart; s++) {
                    loglik += eta[s]; // sum over deaths of x'beta
                }
                double wt = gt == null ? 1.0 : gt[start];
                for (int i = 0; i < p; i++) {
                    double sx = dx[i][e]; // sum over deaths of x
                    u[i] += sx;
                    if (gt != null) {
                        uTime[i] += wt * sx; // g(t) x of the deaths
                    }
                }
                int o6 = slot * 6;
                loglik -= term[o6];
                double s0 = term[o6 + 1];
                double s1 = term[o6 + 2];
                double q0 = term[o6 + 3];
                double q1 = term[o6 + 4];
                double q2 = term[o6 + 5];
                for (int i = 0; i < p; i++) {
                    double ai = a[i];
                    double bi = d1[o1 + i];
                    double mean = ai * s0 + bi * s1; // sum over the d terms of S1/S0
                    u[i] -= mean;
                    if (gt != null) {
                        uTime[i] -= wt * mean;
                    }
                    int row = i * p;
                    for (int j = 0; j <= i; j++) {
                        double aj = a[j];
                        double bj = d1[o1 + j];
                        double v = cmat[row + j] * s0 + d2[o2 + row + j] * s1
                                - (ai * aj * q0 + (ai * bj + bi * aj) * q1 + bi * bj * q2); // S2/S0 - mean mean'
                        info[j * p + i] += v;
                        if (gt != null) {
                            infoTime[0][j * p + i] += wt * v;
                            infoTime[1][j * p + i] += wt * wt * v;
                        }
                    }
                }
                for (int i = 0; i < p; i++) { // the deaths stay in the risk set of earlier times
                    a[i] += d1[o1 + i];
                }
                for (int q = 0; q < pp; q++) {
                    cmat[q] += d2[o2 + q];
                }
            }
        }
        return loglik;
    }

    /** 2^m for -1022 &lt;= m &lt;= 1023 (a normal double), from its bits. */
    private static double powerOfTwo(int m) {
        return Double.longBitsToDouble((long) (m + Double.MAX_EXPONENT) << 52);
    }

    /** The event time that splits [e0, e1) into two parts of about equal subjects. */
    private int split(int e0, int e1) {
        long total = 0;
        for (int e = e0; e < e1; e++) {
            total += span(e);
        }
        long half = 0;
        int mid = e0;
        while (mid < e1 - 1 && half + span(mid) <= total / 2) {
            half += span(mid++);
        }
        return Math.max(mid, e0 + 1);
    }

    /**
     * The d terms of an event time with d deaths, Efron (f_k = (k+1)/d) or Breslow (f_k = 1), in
     * closed form: with den_k = S0 + f_k D0, per slot {sum_k log den_k, s0, s1, q0, q1, q2},
     * s_m = sum_k f_k^m / den_k and q_m = sum_k f_k^m / den_k^2.
     */
    private final class Terms {
        private final boolean efron;
        private final double[] d0;
        private final double[] denomAt;
        private final double[] term;

        Terms(boolean efron, double[] d0, double[] denomAt, double[] term) {
            this.efron = efron;
            this.d0 = d0;
            this.denomAt = denomAt;
            this.term = term;
        }

        /** The event times [from, to) of the chunk starting at event time {@code base}. */
        void of(int base, int from, int to) {
            for (int e = from; e < to; e++) {
                int slot = e - base;
                int ndead = times.groupEvents[group[e]];
                double denom = denomAt[slot];
                double denom2 = d0[slot];
                double logSum;
                double s0 = 0;
                double s1 = 0;
                double q0 = 0;
                double q1 = 0;
                double q2 = 0;
                if (!efron || ndead == 1) {
                    double den = denom + denom2;
                    double inv = 1.0 / den;
                    logSum = ndead * Math.log(den);
                    s0 = ndead * inv;
                    s1 = s0;
                    q0 = ndead * inv * inv;
                    q1 = q0;
                    q2 = q0;
                } else {
                    // sum_k log den_k as the log of a product, kept in range by its binary exponent
                    double product = 1;
                    int exponent = 0;
                    for (int k = 0; k < ndead; k++) {
                        double f = (k + 1.0) / ndead;
                        double den = denom + f * denom2;
                        double inv = 1.0 / den;
                        product *= den;
                        if ((k & 7) == 7) {
                            int ex = Math.getExponent(product);
                            exponent += ex;
                            product = ex > Double.MIN_EXPONENT && ex < Double.MAX_EXPONENT
                                    ? product * powerOfTwo(-ex) // exact, as scalb, without its range checks
                                    : Math.scalb(product, -ex);
                        }
                        s0 += inv;
                        s1 += f * inv;
                        double inv2 = inv * inv;
                        q0 += inv2;
                        q1 += f * inv2;
                        q2 += f * f * inv2;
                    }
                    logSum = Math.log(product) + exponent * LN2;
                }
                int o = slot * 6;
                term[o] = logSum;
                term[o + 1] = s0;
                term[o + 2] = s1;
                term[o + 3] = q0;
                term[o + 4] = q1;
                term[o + 5] = q2;
            }
        }
    }

    /** Phase 1 of one walk: the range sums of event times, into per-chunk slots. */
    private final class Phase1 {
        private final double[][] cols;
        private final double[] beta;
        private final double[] eta;
        private final double[] risk;
        private final double[] d0;
        private final double[] c0;
        private final double[] d1;
        private final double[] d2;
        private final double[] blocks;
        private final boolean zeroBeta;

        Phase1(double[][] cols, double[] beta, double[] eta, double[] risk, double[] d0, double[] c0,
               double[] d1, double[] d2, double[] blocks) {
            this.cols = cols;
            this.beta = beta;
            this.eta = eta;
            this.risk = risk;
            this.d0 = d0;
            this.c0 = c0;
            this.d1 = d1;
            this.d2 = d2;
            this.blocks = blocks;
            boolean zero = true;
            for (double b : beta) {
                zero &= b == 0;
            }
            zeroBeta = zero;
        }

        /** The event times [from, to) of the chunk starting at event time {@code base}. */
        void ranges(CoxRangeSums sums, int base, int from, int to) {
            int p = cols.length;
            int pp = p * p;
            int stride = p + pp;
            int blockBase = firstBlock[base];
            int[] groupStart = times.groupStart;
            for (int e = from; e < to; e++) {
                int slot = e - base;
                int start = groupStart[group[e]];
                int censoredStart = start + times.groupEvents[group[e]];
                int end = censoredEnd[e];
                linearPredictor(start, end);
                Arrays.fill(d1, slot * p, slot * p + p, 0.0);
                Arrays.fill(d2, slot * pp, slot * pp + pp, 0.0);
                d0[slot] = sums.add(risk, start, censoredStart, cols, d1, slot * p, d2, slot * pp);
                if (firstBlock[e + 1] > firstBlock[e]) {
                    c0[slot] = sums.blocks(risk, censoredStart, end, cols, blocks,
                            (firstBlock[e] - blockBase) * stride);
                } else {
                    double s0 = 0; // as CoxRangeSums.add sums a short range
                    for (int q = censoredStart; q < end; q++) {
                        s0 += risk[q];
                    }
                    c0[slot] = s0;
                }
            }
        }

        /**
         * eta = x'beta (column by column, skipping zero coefficients) and risk = exp(eta) on
         * [lo, hi); at beta = 0 (the first Newton step) risk = exp(0) = 1 exactly.
         */
        private void linearPredictor(int lo, int hi) {
            Arrays.fill(eta, lo, hi, 0.0);
            if (zeroBeta) {
                Arrays.fill(risk, lo, hi, 1.0);
                return;
            }
            for (int j = 0; j < cols.length; j++) {
                double b = beta[j];
                if (b == 0) {
                    continue;
                }
                double[] col = cols[j];
                for (int s = lo; s < hi; s++) {
                    eta[s] += b * col[s];
                }
            }
            for (int s = lo; s < hi; s++) {
                risk[s] = Math.exp(eta[s]);
            }
        }
    }
}
