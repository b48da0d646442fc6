package org.hepatica.stats;

/**
 * A participant in a Cox fit stratified by site ({@link CoxProportionalHazards#fitSites}): it
 * holds its own subjects and answers each Newton step with sums over its risk sets. A site in
 * this process is a {@link CoxSiteModel}; a remote one sends the coefficients over the wire and
 * returns the site's answer.
 */
public interface CoxSite {

    /** Subjects the site analyses. */
    int n();

    /** Events among them. */
    int events();

    /**
     * The site's log partial likelihood, score and information at {@code beta}.
     *
     * @param beta coefficients on the original covariate scale
     */
    CoxSiteDerivatives at(double[] beta);
}
