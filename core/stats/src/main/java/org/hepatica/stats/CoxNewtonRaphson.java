package org.hepatica.stats;

/**
 * Newton-Raphson maximisation of the Cox partial likelihood with step halving, as the main loop
 * of R survival {@code coxfit6.c} (survival 3.5.3):
 *
 * <ol>
 *   <li>Iteration 0 evaluates loglik, U and I at beta = 0; the score test is U' I^-1 U there.</li>
 *   <li>Each iteration evaluates the likelihood at the proposed beta. It has converged when
 *       every value is finite and |1 - loglik_best / loglik_new| &lt;= eps (relative change of
 *       the log-likelihood; eps = 1e-9 by default). A log-likelihood that is exactly 0 at both
 *       steps (no informative risk set) also counts as converged.</li>
 *   <li>If the log-likelihood got worse (or is not finite) the step is shortened: the h-th
 *       consecutive failure moves to (new + h * old) / (h + 1) (halving, then thirds, ...).</li>
 *   <li>Otherwise beta is accepted and the next proposal is beta + I^-1 U, I^-1 from the
 *       generalized Cholesky ({@link CoxCholesky}) with tolerance toler.chol.</li>
 *   <li>After {@code maxIterations} iterations without convergence the last accepted beta is
 *       kept, U and I are recomputed there, and the fit is flagged as not converged with
 *       {@code iterations = maxIterations} (R: flag 1000, "Ran out of iterations").</li>
 * </ol>
 * The variance is I^-1 at the final beta; a column whose pivot falls below toler.chol times the
 * largest diagonal has variance 0 and is reported as aliased, like {@code coxph}'s NA
 * coefficient.
 */
final class CoxNewtonRaphson {

    /**
     * Outcome of a fit on the original (unscaled) covariate scale.
     *
     * @param beta       coefficients
     * @param u          score at beta
     * @param variance   I^-1 at beta (aliased rows/columns are 0)
     * @param logLikNull log-likelihood at beta = 0
     * @param logLik     log-likelihood at beta
     * @param score      score test statistic at beta = 0
     * @param iterations iterations used
     * @param converged  false when the iteration limit was reached
     * @param rank       rank reported by the last Cholesky factorization
     * @param scaledBeta beta on the scaled covariates of the risk sets (the last walk's)
     */
    record Fit(double[] beta, double[] u, double[][] variance, double logLikNull, double logLik,
               double score, int iterations, boolean converged, int rank, double[] scaledBeta) {
    }

    private CoxNewtonRaphson() {
    }

    static Fit fit(CoxRiskSets data, boolean efron, int maxIterations, double eps, double tolerChol) {
        return fit(data, efron, maxIterations, eps, tolerChol, null);
    }

    /**
     * As {@link #fit(CoxRiskSets, boolean, int, double, double)}; every walk also fills
     * {@code zph} (when given), so that it holds the {@code cox.zph} sums at the returned beta:
     * the last walk of a fit is always at the beta it returns.
     */
    static Fit fit(CoxRiskSets data, boolean efron, int maxIterations, double eps, double tolerChol,
                   CoxRiskSets.ZphSums zph) {
        return fit(data.p, data.scale, (b, u, imat) -> data.derivatives(b, efron, u, imat, zph),
                maxIterations, eps, tolerChol);
    }

    /**
     * The log partial likelihood, score and information at a beta, however they are summed: one
     * walk over the risk sets, or the sum of the sites' walks of a model stratified by site.
     */
    interface Derivatives {

        /**
         * @param beta coefficients on the scaled covariates
         * @param u    receives the score
         * @param imat receives the information, at least its upper triangle {@code imat[j][i], j <= i}
         * @return the log partial likelihood
         */
        double at(double[] beta, double[] u, double[][] imat);
    }

    /**
     * The fit of p coefficients from the derivatives at each beta it tries.
     *
     * @param scale factor each covariate was multiplied by (the fit is reported on the original scale)
     */
    static Fit fit(int p, double[] scale, Derivatives data, int maxIterations, double eps, double tolerChol) {
        double[] beta = new double[p];
        double[] newbeta = new double[p];
        double[] u = new double[p];
        double[] step = new double[p];
        double[][] imat = new double[p][p];

        // iteration 0: beta = 0, the null log-likelihood and the score test
        double loglik0 = data.at(beta, u, imat);
        System.arraycopy(u, 0, step, 0, p);
        int rank = CoxCholesky.factor(imat, p, tolerChol);
        CoxCholesky.solve(imat, p, step);
        double score = 0;
        for (int i = 0; i < p; i++) {
            score += u[i] * step[i];
        }
        if (maxIterations == 0 || !Double.isFinite(loglik0) || p == 0) {
            CoxCholesky.invert(imat, p);
            return finish(scale, beta, u, imat, loglik0, loglik0, score, 0, true, rank);
        }

        double best = loglik0; // loglik at the last accepted beta
        for (int i = 0; i < p; i++) {
            newbeta[i] = beta[i] + step[i];
        }
        int halving = 0;
        for (int iter = 1; iter <= maxIterations; iter++) {
            double newlk = data.at(newbeta, u, imat);
            rank = CoxCholesky.factor(imat, p, tolerChol);
            boolean finite = Double.isFinite(newlk);
            for (int i = 0; i < p && finite; i++) {
                finite = Double.isFinite(u[i]);
                for (int j = 0; j < p && finite; j++) {
                    finite = Double.isFinite(imat[i][j]);
                }
            }
            boolean bothZero = newlk == 0 && best == 0;
            if (finite && (bothZero || Math.abs(1 - best / newlk) <= eps)) { // converged
                CoxCholesky.invert(imat, p);
                return finish(scale, newbeta, u, imat, loglik0, newlk, score, iter, true, rank);
            }
            if (!finite || newlk < best) { // not converging: shorten the step
                halving++;
                for (int i = 0; i < p; i++) {
                    newbeta[i] = (newbeta[i] + halving * beta[i]) / (halving + 1.0);
                }
            } else { // accept, and propose beta + I^-1 U
                halving = 0;
                best = newlk;
                CoxCholesky.solve(imat, p, u);
                for (int i = 0; i < p; i++) {
                    beta[i] = newbeta[i];
                    newbeta[i] = newbeta[i] + u[i];
                }
            }
        }
        // ran out of iterations: recompute U and I at the last accepted beta
        double lk = data.at(beta, u, imat);
        rank = CoxCholesky.factor(imat, p, tolerChol);
        CoxCholesky.invert(imat, p);
        return finish(scale, beta, u, imat, loglik0, lk, score, maxIterations, false, rank);
    }

    /** Back to the original covariate scale: beta * scale, u / scale, var * scale scale'. */
    private static Fit finish(double[] scale, double[] scaledBeta, double[] u, double[][] inv,
                              double loglik0, double loglik, double score, int iter,
                              boolean converged, int rank) {
        int p = scaledBeta.length;
        double[] beta = new double[p];
        double[] uOut = new double[p];
        CoxCholesky.symmetrize(inv, p);
        double[][] var = new double[p][p];
        for (int i = 0; i < p; i++) {
            beta[i] = scaledBeta[i] * scale[i];
            uOut[i] = u[i] / scale[i];
            for (int j = 0; j < p; j++) {
                var[i][j] = inv[i][j] * scale[i] * scale[j];
            }
        }
        return new Fit(beta, uOut, var, loglik0, loglik, score, iter, converged, rank, scaledBeta.clone());
    }
}
