package org.hepatica.stats;

import java.util.List;

/**
 * Result of a k-sample log-rank test ({@link LogRankTest}), as R {@code survdiff}. Component
 * names are the field names of the HTTP API and the reference JSON ({@code logRank},
 * {@code stratifiedLogRank}).
 *
 * @param groups group labels, in the order of {@code observed} and {@code expected}
 * @param chiSquare the test statistic; null when it cannot be computed (see warnings)
 * @param df degrees of freedom: number of groups with expected &gt; 0, minus 1
 * @param pValue P(chi-square(df) &gt; chiSquare); null when df = 0 or the statistic is null
 * @param observed observed events per group (weighted by S(t-)^rho when rho != 0), summed over
 *     strata
 * @param expected expected events per group under the null hypothesis, summed over strata
 * @param warnings degenerate data (fewer than two groups with events at risk, singular variance)
 */
public record LogRankResult(List<String> groups, Double chiSquare, int df, Double pValue,
        List<Double> observed, List<Double> expected, List<String> warnings) {

    /** Copies the lists, so the result is immutable. */
    public LogRankResult {
        groups = List.copyOf(groups);
        observed = List.copyOf(observed);
        expected = List.copyOf(expected);
        warnings = List.copyOf(warnings);
    }
}
