package org.hepatica.stats;

/**
 * The generalized Cholesky routines of R survival ({@code cholesky2.c}, {@code chsolve2.c},
 * {@code chinv2.c}), ported index for index so that singularity detection matches
 * {@code coxph}: C = F D F' with F unit lower triangular and D diagonal, computed in the lower
 * triangle; the input is read from the upper triangle {@code m[i][j], j > i}.
 *
 * <p>A pivot below {@code toler * max(diag)} (or NaN / infinite) marks its column as redundant:
 * its D element is set to 0, {@link #solve} then returns 0 for that element and {@link #invert}
 * zeroes its row and column. That is how {@code coxph} drops an aliased (collinear) covariate.
 */
final class CoxCholesky {

    private CoxCholesky() {
    }

    /**
     * Factors {@code m} in place (cholesky2).
     *
     * @return the rank, negated if the matrix is not non-negative definite; 0 if no diagonal is
     *     positive
     */
    static int factor(double[][] m, int n, double toler) {
        boolean nonneg = true;
        double eps = 0;
        for (int i = 0; i < n; i++) {
            if (m[i][i] > eps) {
                eps = m[i][i];
            }
            for (int j = i + 1; j < n; j++) {
                m[j][i] = m[i][j];
            }
        }
        if (eps == 0) {
            return 0; // no positive diagonal: every column of X is constant
        }
        eps *= toler;
        int rank = 0;
        for (int i = 0; i < n; i++) {
            double pivot = m[i][i];
            if (Double.isNaN(pivot) || Double.isInfinite(pivot) || pivot < eps) {
                m[i][i] = 0;
                if (pivot < -8 * eps) {
                    nonneg = false;
                }
            } else {
                rank++;
                for (int j = i + 1; j < n; j++) {
                    double temp = m[j][i] / pivot;
                    m[j][i] = temp;
                    m[j][j] -= temp * temp * pivot;
                    for (int k = j + 1; k < n; k++) {
                        m[k][j] -= temp * m[k][i];
                    }
                }
            }
        }
        return nonneg ? rank : -rank;
    }

    /** Solves A b = y in place given the factor of A (chsolve2); redundant columns give 0. */
    static void solve(double[][] m, int n, double[] y) {
        for (int i = 0; i < n; i++) { // solve F b = y
            double temp = y[i];
            for (int j = 0; j < i; j++) {
                temp -= y[j] * m[i][j];
            }
            y[i] = temp;
        }
        for (int i = n - 1; i >= 0; i--) { // solve D F' z = b
            if (m[i][i] == 0) {
                y[i] = 0;
            } else {
                double temp = y[i] / m[i][i];
                for (int j = i + 1; j < n; j++) {
                    temp -= y[j] * m[j][i];
                }
                y[i] = temp;
            }
        }
    }

    /**
     * Inverts in place given the factor (chinv2): the upper triangle and diagonal receive
     * (F D F')^-1; redundant rows and columns are zero. {@link #symmetrize} copies it down.
     */
    static void invert(double[][] m, int n) {
        for (int i = 0; i < n; i++) { // invert the Cholesky factor in the lower triangle
            if (m[i][i] > 0) {
                m[i][i] = 1 / m[i][i]; // inverts D
                for (int j = i + 1; j < n; j++) {
                    m[j][i] = -m[j][i];
                    for (int k = 0; k < i; k++) { // sweep operator
                        m[j][k] += m[j][i] * m[i][k];
                    }
                }
            }
        }
        for (int i = 0; i < n; i++) { // F' D F = inverse of the original matrix
            if (m[i][i] == 0) { // singular row
                for (int j = 0; j < i; j++) {
                    m[j][i] = 0;
                }
                for (int j = i; j < n; j++) {
                    m[i][j] = 0;
                }
            } else {
                for (int j = i + 1; j < n; j++) {
                    double temp = m[j][i] * m[j][j];
                    m[i][j] = temp;
                    for (int k = i; k < j; k++) {
                        m[i][k] += temp * m[j][k];
                    }
                }
            }
        }
    }

    /** Copies the upper triangle {@code m[i][j], j > i} into the lower one. */
    static void symmetrize(double[][] m, int n) {
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                m[j][i] = m[i][j];
            }
        }
    }
}
