package org.hepatica.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * What a Cox fit reports beside its iterations, however the derivatives were summed (one
 * cohort, or the sites of a federated fit): which coefficients are estimated, their terms
 * (R {@code summary.coxph}'s table) and the likelihood-ratio, Wald and score tests.
 */
final class CoxSummary {

    private CoxSummary() {
    }

    /**
     * Whether each coefficient is estimated: its variance after the generalized Cholesky is
     * positive and it is finite (R: coef NA otherwise, an aliased column).
     */
    static boolean[] estimated(CoxNewtonRaphson.Fit fit) {
        int p = fit.beta().length;
        boolean[] estimated = new boolean[p];
        for (int q = 0; q < p; q++) {
            estimated[q] = fit.variance()[q][q] > 0 && Double.isFinite(fit.beta()[q]);
        }
        return estimated;
    }

    /** The warning for aliased columns, or null when there are none. */
    static String aliasedWarning(List<String> aliased) {
        return aliased.isEmpty() ? null
                : "X matrix deemed to be singular (collinear covariates, or no information in the"
                + " risk sets): no estimable coefficient for " + String.join(", ", aliased) + " (null)";
    }

    /** The term of coefficient q of an estimated fit: HR, its interval at zCrit, z and p. */
    static CoxTerm term(String name, CoxNewtonRaphson.Fit fit, int q, double zCrit) {
        double b = fit.beta()[q];
        double se = Math.sqrt(fit.variance()[q][q]);
        double z = b / se;
        return new CoxTerm(name, finite(b), finite(se), finite(Math.exp(b)),
                finite(Math.exp(b - zCrit * se)), finite(Math.exp(b + zCrit * se)), finite(z),
                finite(2 * Distributions.normalUpperTail(Math.abs(z))));
    }

    /** The terms of a fit, one per coefficient ({@link CoxTerm#notEstimable} where not estimated). */
    static List<CoxTerm> terms(String[] names, CoxNewtonRaphson.Fit fit, boolean[] estimated, double confLevel) {
        double zCrit = Distributions.normalQuantile((1 + confLevel) / 2);
        List<CoxTerm> terms = new ArrayList<>();
        for (int q = 0; q < names.length; q++) {
            terms.add(estimated[q] ? term(names[q], fit, q, zCrit) : CoxTerm.notEstimable(names[q]));
        }
        return terms;
    }

    /**
     * {likelihood ratio, Wald, score} over the estimated coefficients; all null when none is.
     */
    static CoxTest[] tests(CoxNewtonRaphson.Fit fit, boolean[] estimated, double tolerChol) {
        int df = 0;
        for (boolean e : estimated) {
            df += e ? 1 : 0;
        }
        if (df == 0) {
            return new CoxTest[3];
        }
        return new CoxTest[] {
            CoxTest.of(2 * (fit.logLik() - fit.logLikNull()), df),
            CoxTest.of(waldStatistic(fit, estimated, df, tolerChol), df),
            CoxTest.of(fit.score(), df)
        };
    }

    /** beta' V^-1 beta over the estimated coefficients (R coxph.wtest, Cholesky with toler.chol). */
    private static double waldStatistic(CoxNewtonRaphson.Fit fit, boolean[] estimated, int df, double tolerChol) {
        double[][] v = new double[df][df];
        double[] b = new double[df];
        int[] idx = new int[df];
        for (int q = 0, c = 0; q < estimated.length; q++) {
            if (estimated[q]) {
                idx[c++] = q;
            }
        }
        for (int r = 0; r < df; r++) {
            b[r] = fit.beta()[idx[r]];
            for (int c = 0; c < df; c++) {
                v[r][c] = fit.variance()[idx[r]][idx[c]];
            }
        }
        double[] sol = b.clone();
        CoxCholesky.factor(v, df, tolerChol);
        CoxCholesky.solve(v, df, sol);
        double sum = 0;
        for (int r = 0; r < df; r++) {
            sum += b[r] * sol[r];
        }
        return sum;
    }

    static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
