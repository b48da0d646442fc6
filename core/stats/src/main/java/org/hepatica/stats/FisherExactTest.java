package org.hepatica.stats;

/**
 * Fisher's exact test of independence in an r x c table, two-sided, as R's
 * {@code fisher.test(table)$p.value}. Conditional on both margins a table has the multivariate
 * hypergeometric probability
 *
 * <pre>
 *   P(n) = prod_i R_i! prod_j C_j! / (N! prod_ij n_ij!)
 * </pre>
 * and the p-value is the sum of {@code P(n)} over all tables with the observed margins that are no
 * more probable than the observed one, {@code P(n) <= P(obs) (1 + 1e-7)}: R's relative tolerance
 * for ties in probability ({@code relErr} in {@code fisher.test}; FEXACT's {@code TOLER}).
 * Freeman GH, Halton JH. Note on an exact treatment of contingency, goodness of fit and other
 * problems of significance. Biometrika 1951;38:141-149.
 *
 * <p>The tables are enumerated column by column (cells bounded by the remaining row sums), with
 * {@code log n!} from a table; probabilities are summed relative to {@code P(obs)}, so p-values far
 * below the double range of a single table's probability keep their precision; above 0.5 the
 * p-value is 1 minus the probability of the tables left out (exactly 1 when none is). R uses the network
 * algorithm of Mehta and Patel (FEXACT) for the same sum; enumeration gives the same value but its
 * cost grows with the number of tables, so a table that would need more than
 * {@link #withMaxTables maxTables} (10 million by default) is not computed: the p-value is then
 * null. Empty rows and columns are left out first, as R's {@code table()} of observed levels.
 */
public final class FisherExactTest {
    /** R: {@code relErr <- 1 + 10^(-7)}. */
    private static final double LOG_REL_ERR = Math.log1p(1e-7);

    private final long maxTables;

    private FisherExactTest(long maxTables) {
        this.maxTables = maxTables;
    }

    /** The test, enumerating at most 10 million tables. */
    public static FisherExactTest create() {
        return new FisherExactTest(10_000_000L);
    }

    /** The same with another enumeration limit, at least 1. */
    public FisherExactTest withMaxTables(long limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("maxTables must be >= 1, was " + limit);
        }
        return new FisherExactTest(limit);
    }

    /**
     * The two-sided p-value.
     *
     * @param table counts, rows x columns, each &gt;= 0
     * @return the p-value (1 for a table with a single row or column left), or null when the table
     *         has more than {@code maxTables} tables with its margins
     * @throws IllegalArgumentException for a ragged table or a negative count
     */
    public Double pValue(int[][] table) {
        int[][] t = ContingencyTables.dropEmpty(ContingencyTables.require("table", table));
        if (t.length < 2 || t[0].length < 2) {
            return 1.0;
        }
        return new Enumeration(t, maxTables).pValue();
    }

    /** One enumeration: the margins, the log-factorials, the running sum. */
    private static final class Enumeration {
        private final int rows;
        private final int cols;
        private final int[] colSum;
        private final double[] logFactorial;
        private final double threshold;
        private final long maxTables;
        private double sum;
        private double excludedSum;
        private long excluded;
        private long tables;

        Enumeration(int[][] t, long maxTables) {
            this.maxTables = maxTables;
            rows = t.length;
            cols = t[0].length;
            int[] rowSum = new int[rows];
            colSum = new int[cols];
            int n = 0;
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    rowSum[i] += t[i][j];
                    colSum[j] += t[i][j];
                    n += t[i][j];
                }
            }
            logFactorial = new double[n + 1];
            for (int k = 2; k <= n; k++) {
                logFactorial[k] = logFactorial[k - 1] + Math.log(k);
            }
            // the observed table's - sum log n_ij!; the constant prod R_i! C_j! / N! cancels in P/P(obs)
            double observed = 0;
            for (int[] row : t) {
                for (int v : row) {
                    observed -= logFactorial[v];
                }
            }
            threshold = observed + LOG_REL_ERR;
            this.observedLog = observed;
            this.rowSum = rowSum;
        }

        private final double observedLog;
        private final int[] rowSum;

        Double pValue() {
            if (!columns(0, rowSum.clone(), 0)) {
                return null;
            }
            double constant = -logFactorial[logFactorial.length - 1];
            for (int r : rowSum) {
                constant += logFactorial[r];
            }
            for (int c : colSum) {
                constant += logFactorial[c];
            }
            if (excluded == 0) {
                return 1.0; // every table counts, as R's sum reaches 1
            }
            // p = P(obs) * sum_k P_k / P(obs); near 1, 1 - the probability of the tables left out
            double p = Math.exp(constant + observedLog + Math.log(sum));
            if (p > 0.5) {
                double out = Math.exp(constant + observedLog + Math.log(excludedSum));
                if (Double.isFinite(out)) {
                    p = 1 - out;
                }
            }
            return Math.max(0.0, Math.min(1.0, p));
        }

        /** Fills column {@code j} onwards given the remaining row sums; false when over the limit. */
        private boolean columns(int j, int[] remaining, double logTerm) {
            if (j == cols - 1) {
                // the last column is what the rows have left
                double l = logTerm;
                for (int r : remaining) {
                    l -= logFactorial[r];
                }
                if (++tables > maxTables) {
                    return false;
                }
                if (l <= threshold) {
                    sum += Math.exp(l - observedLog);
                } else {
                    excluded++;
                    excludedSum += Math.exp(l - observedLog);
                }
                return true;
            }
            int after = 0;
            for (int r : remaining) {
                after += r;
            }
            return cells(j, 0, colSum[j], after, remaining, logTerm);
        }

        /** Cell (i, j) onwards of column {@code j}, {@code left} of its sum still to place. */
        private boolean cells(int j, int i, int left, int remainingTotal, int[] remaining, double logTerm) {
            if (i == rows - 1) {
                if (left > remaining[i]) {
                    return true;
                }
                remaining[i] -= left;
                boolean ok = columns(j + 1, remaining, logTerm - logFactorial[left]);
                remaining[i] += left;
                return ok;
            }
            // what the rows below can still take bounds this cell from below
            int below = remainingTotal - remaining[i];
            int from = Math.max(0, left - below);
            int to = Math.min(remaining[i], left);
            for (int v = from; v <= to; v++) {
                remaining[i] -= v;
                boolean ok = cells(j, i + 1, left - v, below, remaining, logTerm - logFactorial[v]);
                remaining[i] += v;
                if (!ok) {
                    return false;
                }
            }
            return true;
        }
    }
}
