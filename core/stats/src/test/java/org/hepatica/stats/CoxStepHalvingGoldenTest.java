package org.hepatica.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A cohort whose first Newton step overshoots: 22 patients, x = 1 for the first two; the first
 * (x = 1) has an event at t = 1, one x = 0 patient at t = 2, everyone else is censored at t = 10.
 * From beta = 0 the Newton step lands at 6.73, where the log-likelihood (-7.46) is below its value
 * at 0 (-6.14), so the fit must halve the step. Values from R 4.2.2, survival 3.5.3:
 *
 * <pre>
 * time &lt;- c(1, 10, 2, rep(10, 19)); status &lt;- c(1, 0, 1, rep(0, 19)); x &lt;- c(1, 1, rep(0, 20))
 * f &lt;- coxph(Surv(time, status) ~ x, ties = ties)                    # ties: efron, breslow
 * g &lt;- coxph(Surv(time, status) ~ x, ties = ties, iter.max = k)      # k = 0, 1, 2
 * sprintf("%.17g", c(coef(f), sqrt(diag(f$var)), f$loglik, f$score))
 * </pre>
 * With no tied events Efron and Breslow agree.
 */
class CoxStepHalvingGoldenTest {

    private static final double[] TIME = new double[22];
    private static final int[] STATUS = new int[22];
    private static final double[] X = new double[22];

    static {
        java.util.Arrays.fill(TIME, 10);
        TIME[0] = 1;
        TIME[2] = 2;
        STATUS[0] = 1;
        STATUS[2] = 1;
        X[0] = 1;
        X[1] = 1;
    }

    private static final double LOGLIK_NULL = -6.1355648910817386;

    private static void assertRelative(double expected, double actual, double tol, String what) {
        assertTrue(Math.abs(expected - actual) <= tol * Math.abs(expected),
                () -> what + ": expected " + expected + " but was " + actual);
    }

    private static CoxResult fit(CoxTies ties, int iterMax) {
        return CoxProportionalHazards.create().withTies(ties).withMaxIterations(iterMax)
                .fit(TIME, STATUS, null, new double[][] {X}, new String[] {"x"});
    }

    @ParameterizedTest
    @EnumSource(CoxTies.class)
    void anOvershootingFirstStepIsHalvedAndTheFitReachesRsMaximum(CoxTies ties) {
        CoxResult r = fit(ties, 20);
        CoxTerm x = r.terms().get(0);
        assertTrue(r.converged());
        assertEquals(5, r.iterations(), "R: f$iter");
        assertRelative(2.6491586832740146, x.coef(), 1e-9, "coef");
        assertRelative(1.435499972755075, x.stdErr(), 1e-9, "se");
        assertRelative(LOGLIK_NULL, r.logLikNull(), 1e-13, "loglik null");
        assertRelative(-4.7584794475930767, r.logLik(), 1e-12, "loglik");
        assertRelative(5.7980966325036585, r.score().statistic(), 1e-12, "score test");
        assertEquals(List.of(), r.warnings());
    }

    /**
     * Two iterations: the first is rejected and halved, the second accepted at 3.365; the fit
     * stops there with the variance at that coefficient, as R's. R reports {@code iter = 3}
     * (its loop counter after the last pass); the platform reports the 2 iterations it ran.
     */
    @ParameterizedTest
    @EnumSource(CoxTies.class)
    void runningOutOfIterationsKeepsTheLastAcceptedStepAndItsVariance(CoxTies ties) {
        CoxResult r = fit(ties, 2);
        CoxTerm x = r.terms().get(0);
        assertFalse(r.converged());
        assertEquals(2, r.iterations());
        assertRelative(3.3652269399707166, x.coef(), 1e-12, "coef");
        assertRelative(1.520547709139026, x.stdErr(), 1e-12, "se");
        assertRelative(-4.8805402595626965, r.logLik(), 1e-12, "loglik");
        assertTrue(r.warnings().contains("Ran out of iterations and did not converge"), r.warnings()::toString);
        assertFalse(r.warnings().stream().anyMatch(w -> w.contains("infinite")), r.warnings()::toString);
    }

    /**
     * One iteration: the only step is rejected, so the coefficient stays 0 and, as with
     * {@code iter.max = 0}, the standard error is that at 0 (R: 2.7951275321417879). R's
     * {@code iter.max = 1} keeps the information of the rejected point instead (se
     * 5.3886061948857895 beside a coefficient of 0); the platform reports the variance of the
     * coefficient it returns. Neither limit warns, as in R.
     */
    @ParameterizedTest
    @EnumSource(CoxTies.class)
    void oneOrZeroIterationsReportTheValuesAtZero(CoxTies ties) {
        for (int iterMax = 0; iterMax <= 1; iterMax++) {
            CoxResult r = fit(ties, iterMax);
            CoxTerm x = r.terms().get(0);
            String where = "iter.max = " + iterMax;
            assertEquals(0.0, x.coef(), where);
            assertRelative(2.7951275321417879, x.stdErr(), 1e-12, where + " se");
            assertRelative(LOGLIK_NULL, r.logLik(), 1e-13, where + " loglik");
            assertEquals(List.of(), r.warnings(), where);
        }
    }
}
