package org.hepatica.stats;

import java.util.List;

/**
 * Gray's k-sample tests of equal cumulative incidence, one per cause, as computed by
 * {@link GrayTest}; the {@code grayTest} part of the {@code competing-risks} result of the HTTP
 * API and of the reference JSON ({@code competingRisks.grayTest}).
 *
 * @param tests one test per cause, in ascending cause order; empty with fewer than two groups
 * @param warnings degenerate data (fewer than two groups, a singular variance)
 */
public record GrayTestResult(List<CauseTest> tests, List<String> warnings) {

    /** Copies the lists, so the result is immutable. */
    public GrayTestResult {
        tests = List.copyOf(tests);
        warnings = List.copyOf(warnings);
    }

    /**
     * The test of the given cause.
     *
     * @throws IllegalArgumentException if there is none
     */
    public CauseTest cause(String cause) {
        for (CauseTest t : tests) {
            if (t.cause().equals(cause)) {
                return t;
            }
        }
        throw new IllegalArgumentException("cause has no test: \"" + cause + "\"");
    }

    /**
     * Gray's test for one cause.
     *
     * @param cause the cause code, as text
     * @param statistic s' V^-1 s; null when V is singular (cmprsk reports -1)
     * @param pValue P(chi-square(df) &gt; statistic); null with the statistic
     * @param df number of groups - 1
     */
    public record CauseTest(String cause, Double statistic, Double pValue, int df) {
    }
}
