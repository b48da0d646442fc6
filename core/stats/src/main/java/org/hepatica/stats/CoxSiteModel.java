package org.hepatica.stats;

import java.util.Arrays;

/**
 * One site's part of a Cox model stratified by site: the site's subjects are a stratum of their
 * own (or several, when the model has strata within the site), so the log partial likelihood,
 * the score and the information of the pooled model are the sums of the sites' (R:
 * {@code coxph(... + strata(site))}). A site answers each Newton step of {@link CoxProportionalHazards#fitSites}
 * with {@link #at}: three aggregates over its risk sets, no subject's values.
 *
 * <p>Each site centres its covariates on its own means (the partial likelihood of a stratum does
 * not change when every x'beta in it moves by the same amount) and leaves their scale alone, so
 * the sums of the sites are the derivatives on the original covariate scale.
 */
public final class CoxSiteModel implements CoxSite {

    private final CoxRiskSets data;
    private final boolean efron;

    private CoxSiteModel(CoxRiskSets data, boolean efron) {
        this.data = data;
        this.efron = efron;
    }

    /**
     * @param time   follow-up times, finite
     * @param status 0 censored, 1 event
     * @param strata stratum codes &gt;= 0 within the site, or null for one stratum
     * @param x      covariates column-major, x[term][subject], finite
     * @param ties   the ties method of the pooled fit
     * @throws IllegalArgumentException naming the offending argument
     */
    public static CoxSiteModel of(double[] time, int[] status, int[] strata, double[][] x, CoxTies ties) {
        Arguments.requireCoxData(time, status, strata, x);
        Arguments.requireNonNull("ties", ties);
        CoxRiskSets.Centring own = CoxRiskSets.Centring.of(x);
        double[] unit = new double[x.length];
        Arrays.fill(unit, 1.0);
        CoxRiskSets data = new CoxRiskSets(CoxTimeOrder.of(time, status, strata), x,
                new CoxRiskSets.Centring(own.means(), unit));
        return new CoxSiteModel(data, ties == CoxTies.EFRON);
    }

    @Override
    public int n() {
        return data.times.n;
    }

    @Override
    public int events() {
        return data.times.events;
    }

    /** Number of covariates. */
    public int p() {
        return data.p;
    }

    /**
     * The log partial likelihood, score and information of the site's strata at {@code beta}.
     *
     * @param beta coefficients on the original covariate scale, length {@link #p()}
     * @throws IllegalArgumentException when beta has the wrong length or is not finite
     */
    @Override
    public CoxSiteDerivatives at(double[] beta) {
        Arguments.requireSameLength("beta", beta.length, "covariates", data.p);
        Arguments.requireFinite("beta", beta);
        int p = data.p;
        double[] u = new double[p];
        double[][] upper = new double[p][p];
        double logLik = data.derivatives(beta.clone(), efron, u, upper);
        double[][] info = new double[p][p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                info[i][j] = i <= j ? upper[i][j] : upper[j][i];
            }
        }
        return new CoxSiteDerivatives(logLik, u, info);
    }
}
