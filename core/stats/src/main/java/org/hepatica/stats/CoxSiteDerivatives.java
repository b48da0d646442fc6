package org.hepatica.stats;

/**
 * What one site releases for one Newton step of a federated Cox fit: sums over its risk sets at
 * the coefficients the coordinator sent, nothing per subject.
 *
 * @param logLik      log partial likelihood of the site's strata
 * @param score       its gradient U, one value per coefficient
 * @param information minus its Hessian, p x p, symmetric
 */
public record CoxSiteDerivatives(double logLik, double[] score, double[][] information) {

    /** Defensive copies: a site's answer is a value. */
    public CoxSiteDerivatives {
        Arguments.requireNonNull("score", score);
        Arguments.requireNonNull("information", information);
        Arguments.requireSameLength("information", information.length, "score", score.length);
        score = score.clone();
        double[][] copy = new double[information.length][];
        for (int i = 0; i < information.length; i++) {
            Arguments.requireSameLength("information[" + i + "]", information[i].length, "score", score.length);
            copy[i] = information[i].clone();
        }
        information = copy;
    }

    @Override
    public double[] score() {
        return score.clone();
    }

    @Override
    public double[][] information() {
        double[][] copy = new double[information.length][];
        for (int i = 0; i < information.length; i++) {
            copy[i] = information[i].clone();
        }
        return copy;
    }
}
