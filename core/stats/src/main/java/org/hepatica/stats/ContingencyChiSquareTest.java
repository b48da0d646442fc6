package org.hepatica.stats;

/**
 * Pearson's chi-square test of independence in an r x c table, without continuity correction,
 * as R's {@code chisq.test(table, correct = FALSE)}:
 *
 * <pre>
 *   E_ij = R_i C_j / N,   X^2 = sum_ij (O_ij - E_ij)^2 / E_ij,   df = (r - 1)(c - 1),
 *   p = pchisq(X^2, df, lower.tail = FALSE)
 * </pre>
 * Rows and columns without any count are left out first (they carry no information and would
 * divide by 0). Pearson K. On the criterion that a given system of deviations ... Philosophical
 * Magazine 1900;50:157-175. R's warning for small expected counts is a {@code warnings} entry.
 */
public final class ContingencyChiSquareTest {

    /**
     * The test.
     *
     * @param statistic X^2
     * @param df        degrees of freedom; 0 when the table has one row or one column left
     * @param pValue    upper tail of chi-square on {@code df}; null when {@code df = 0}
     * @param minimumExpected the smallest expected count (R warns below 5)
     */
    public record Result(double statistic, int df, Double pValue, double minimumExpected) {
    }

    private ContingencyChiSquareTest() {
    }

    /** The test. */
    public static ContingencyChiSquareTest create() {
        return new ContingencyChiSquareTest();
    }

    /**
     * Tests the table.
     *
     * @param table counts, rows x columns, each &gt;= 0
     * @throws IllegalArgumentException for a ragged table or a negative count
     */
    public Result test(int[][] table) {
        int[][] t = ContingencyTables.dropEmpty(ContingencyTables.require("table", table));
        int rows = t.length;
        int cols = rows == 0 ? 0 : t[0].length;
        if (rows < 2 || cols < 2) {
            return new Result(0, 0, null, Double.NaN);
        }
        double[] rowSum = new double[rows];
        double[] colSum = new double[cols];
        double n = 0;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                rowSum[i] += t[i][j];
                colSum[j] += t[i][j];
                n += t[i][j];
            }
        }
        double x2 = 0;
        double minE = Double.POSITIVE_INFINITY;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double e = rowSum[i] * colSum[j] / n; // E_ij = R_i C_j / N
                double d = t[i][j] - e;
                x2 += d * d / e;
                minE = Math.min(minE, e);
            }
        }
        int df = (rows - 1) * (cols - 1);
        return new Result(x2, df, Distributions.chiSquareUpperTail(x2, df), minE);
    }
}
