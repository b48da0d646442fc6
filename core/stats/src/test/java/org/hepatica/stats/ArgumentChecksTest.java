package org.hepatica.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Bad input to the survival estimators is refused with a message that names the argument and
 * the reason, before any arithmetic: a caller never gets an index error or a silent answer.
 */
class ArgumentChecksTest {

    private static final double[] TIME = {1, 2, 3, 4};
    private static final int[] STATUS = {1, 0, 1, 1};
    private static final double[][] X = {{0, 1, 0, 1}};
    private static final String[] TERMS = {"arm"};
    private static final double[] COEF = {0.3};

    private static void assertRefused(String message, Executable call) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, call).getMessage());
    }

    @Test
    void proportionalHazardsTest() {
        assertRefused("time has length 4 but status has length 3",
                () -> ProportionalHazardsTest.test(TIME, new int[] {1, 0, 1}, null, X, TERMS, COEF, CoxTies.EFRON));
        assertRefused("x must not be null",
                () -> ProportionalHazardsTest.test(TIME, STATUS, null, null, TERMS, COEF, CoxTies.EFRON));
        assertRefused("ties must not be null",
                () -> ProportionalHazardsTest.test(TIME, STATUS, null, X, TERMS, COEF, null));
        assertRefused("x has length 1 but termNames has length 2",
                () -> ProportionalHazardsTest.test(TIME, STATUS, null, X, new String[] {"a", "b"}, COEF, CoxTies.EFRON));
        assertRefused("x has length 1 but coef has length 2",
                () -> ProportionalHazardsTest.test(TIME, STATUS, null, X, TERMS, new double[] {1, 2}, CoxTies.EFRON));
        assertRefused("coef[0] must be finite, was NaN",
                () -> ProportionalHazardsTest.test(TIME, STATUS, null, X, TERMS, new double[] {Double.NaN}, CoxTies.EFRON));
        assertRefused("time has length 4 but x[0] has length 3",
                () -> ProportionalHazardsTest.test(TIME, STATUS, null, new double[][] {{0, 1, 0}}, TERMS, COEF, CoxTies.EFRON));
        assertRefused("time has length 4 but strata has length 2",
                () -> ProportionalHazardsTest.test(TIME, STATUS, new int[] {0, 1}, X, TERMS, COEF, CoxTies.EFRON));
        assertRefused("strata[3] must be >= 0, was -1",
                () -> ProportionalHazardsTest.test(TIME, STATUS, new int[] {0, 1, 0, -1}, X, TERMS, COEF, CoxTies.EFRON));
    }

    @Test
    void logRankAndCumulativeIncidence() {
        assertRefused("status must not be null",
                () -> LogRankTest.create().test(TIME, null, new int[] {0, 1, 0, 1}, new String[] {"a", "b"}));
        assertRefused("status must not be null", () -> CumulativeIncidenceEstimator.create().fit(TIME, null));
        assertRefused("labels[1] duplicates labels[0]: \"a\"",
                () -> CumulativeIncidenceEstimator.create().fit(TimeOrder.of(TIME), TIME, STATUS,
                        new int[] {0, 1, 0, 1}, new String[] {"a", "a"}));
    }

    @Test
    void coxDesign() {
        String[] arm = {"a", "b", "a", "b"};
        assertRefused("rows has length 4 but arm has length 3",
                () -> CoxDesign.builder(4).categorical("arm", new String[] {"a", "b", "a"}, null));
        assertRefused("arm is already in the design",
                () -> CoxDesign.builder(4).categorical("arm", arm, null).categorical("arm", arm, null));
        assertRefused("arm must not be null", () -> CoxDesign.builder(4).categorical("arm", null, null));
        assertRefused("rows has length 4 but strata has length 2",
                () -> CoxDesign.builder(4).strata("site", new String[] {"a", "b"}));
        assertRefused("strataName must not be blank", () -> CoxDesign.builder(4).strata(" ", arm));
        CoxDesign design = CoxDesign.builder(4).categorical("arm", arm, null).build();
        CoxProportionalHazards cox = CoxProportionalHazards.create();
        assertRefused("time must not be null", () -> cox.fit(null, STATUS, design));
        assertRefused("status[1] must be in 0..1, was 2", () -> cox.fit(TIME, new int[] {1, 2, 0, 1}, design));
        assertRefused("design rows has length 4 but time has length 3", () -> cox.fit(new double[] {1, 2, 3}, STATUS, design));
        assertRefused("design rows has length 4 but status has length 3", () -> cox.fit(TIME, new int[] {1, 0, 1}, design));
    }

    @Test
    void concordance() {
        assertRefused("time has length 4 but status has length 3",
                () -> ConcordanceIndex.compute(TIME, new int[] {1, 0, 1}, null, new double[] {1, 2, 3, 4}));
        assertRefused("time has length 4 but risk has length 3",
                () -> ConcordanceIndex.compute(TIME, STATUS, null, new double[] {1, 2, 3}));
        assertRefused("time has length 4 but strata has length 1",
                () -> ConcordanceIndex.compute(TIME, STATUS, new int[] {0}, new double[] {1, 2, 3, 4}));
        assertRefused("strata[0] must be >= 0, was -3",
                () -> ConcordanceIndex.compute(TIME, STATUS, new int[] {-3, 0, 0, 0}, new double[] {1, 2, 3, 4}));
    }
}
