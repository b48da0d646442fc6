/**
 * Survival statistics for the Hepatica platform, checked value by value against R
 * (survival 3.5, cmprsk 2.2).
 *
 * <p>Estimators and tests are small immutable classes configured with {@code with...} methods;
 * results are records whose component names are the field names of the HTTP API, so they
 * serialize to JSON as they are. A value that does not exist (median not reached, an undefined
 * confidence limit) is {@code null}; degenerate data give an answer with {@code warnings}, and
 * invalid input an {@link java.lang.IllegalArgumentException} that names the argument.
 *
 * <ul>
 *   <li>{@link org.hepatica.stats.KaplanMeierEstimator}: Kaplan-Meier curves with Greenwood
 *       errors, log / log-log / plain intervals, median, landmarks and restricted mean
 *       ({@code survfit}, {@code summary.survfit}, {@code print.survfit}).</li>
 *   <li>{@link org.hepatica.stats.LogRankTest}: k-sample log-rank, stratified and G-rho
 *       ({@code survdiff}).</li>
 *   <li>{@link org.hepatica.stats.CumulativeIncidenceEstimator} and
 *       {@link org.hepatica.stats.GrayTest}: competing risks ({@code cmprsk::cuminc}).</li>
 *   <li>{@link org.hepatica.stats.CoxProportionalHazards} with {@link org.hepatica.stats.CoxDesign}:
 *       Cox regression, Efron or Breslow ties, strata, concordance and the {@code cox.zph} test
 *       ({@code coxph}, {@code concordance}, {@code cox.zph}).</li>
 *   <li>{@link org.hepatica.stats.CoxLikelihoodRatioTest}: nested Cox models compared
 *       ({@code anova(reduced, full)}), e.g. a treatment x subgroup interaction;
 *       {@link org.hepatica.stats.ChiSquare}: the chi-square upper tail ({@code pchisq}).</li>
 *   <li>"Table 1" and short-term outcomes: {@link org.hepatica.stats.SampleSummary} (type-7
 *       quartiles, standardized mean difference), {@link org.hepatica.stats.WelchTTest},
 *       {@link org.hepatica.stats.WilcoxonRankSumTest}, {@link org.hepatica.stats.WelchAnova},
 *       {@link org.hepatica.stats.KruskalWallisTest}, {@link org.hepatica.stats.ContingencyChiSquareTest},
 *       {@link org.hepatica.stats.FisherExactTest} (r x c) and
 *       {@link org.hepatica.stats.ClopperPearsonInterval} ({@code t.test}, {@code wilcox.test},
 *       {@code oneway.test}, {@code kruskal.test}, {@code chisq.test}, {@code fisher.test},
 *       {@code binom.test}).</li>
 *   <li>{@link org.hepatica.stats.TimeOrder}: the time order of a sample, sorted once and passed
 *       to every estimator of a request (each also has an overload that sorts by itself, with
 *       the same result).</li>
 * </ul>
 *
 * <p>Input is primitive arrays: {@code double[] time} (days, finite, &gt;= 0), {@code int[]
 * status} (0 censored, 1 event; 1..k cause for competing risks), {@code int[] group} codes
 * 0..g-1 with {@code String[] labels}, {@code int[] strata} codes or null. Callers remove rows
 * with missing values first.
 */
@org.osgi.annotation.versioning.Version("1.3.0")
package org.hepatica.stats;
