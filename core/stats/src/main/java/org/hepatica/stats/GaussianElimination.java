package org.hepatica.stats;

/**
 * Solves a x = b for a small dense square matrix by Gaussian elimination with partial pivoting
 * (the method of LAPACK dgesv, which R's {@code solve} calls). Used where a variance matrix may be
 * singular and the caller decides what that means: the log-rank and Gray tests report NaN, the
 * proportional-hazards test refuses.
 */
final class GaussianElimination {
    private GaussianElimination() {
    }

    /**
     * The solution of a x = b; the arguments are not changed.
     *
     * @param tolerance a pivot of at most {@code tolerance} times the largest |a_ij| counts as zero
     * @return null when a is singular by that rule, zero, or not finite
     */
    static double[] solve(double[][] a, double[] b, double tolerance) {
        int m = b.length;
        double[][] u = new double[m][];
        double scale = 0.0;
        for (int r = 0; r < m; r++) {
            u[r] = a[r].clone();
            for (double v : u[r]) {
                scale = Math.max(scale, Math.abs(v));
            }
        }
        if (!(scale > 0.0) || !Double.isFinite(scale)) {
            return null;
        }
        double[] y = b.clone();
        for (int col = 0; col < m; col++) {
            int piv = col;
            for (int r = col + 1; r < m; r++) {
                if (Math.abs(u[r][col]) > Math.abs(u[piv][col])) {
                    piv = r;
                }
            }
            if (!(Math.abs(u[piv][col]) > tolerance * scale)) {
                return null;
            }
            double[] tr = u[col];
            u[col] = u[piv];
            u[piv] = tr;
            double tb = y[col];
            y[col] = y[piv];
            y[piv] = tb;
            // eliminate column col below the pivot
            for (int r = col + 1; r < m; r++) {
                double f = u[r][col] / u[col][col];
                if (f != 0.0) {
                    for (int c = col; c < m; c++) {
                        u[r][c] -= f * u[col][c];
                    }
                    y[r] -= f * y[col];
                }
            }
        }
        // back substitution
        double[] x = new double[m];
        for (int r = m - 1; r >= 0; r--) {
            double s = y[r];
            for (int c = r + 1; c < m; c++) {
                s -= u[r][c] * x[c];
            }
            x[r] = s / u[r][r];
        }
        return x;
    }
}
