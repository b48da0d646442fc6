package org.hepatica.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The nested-model test's degenerate cases; its values against R are in {@link CoxSubgroupGoldenTest}. */
class CoxLikelihoodRatioTestTest {

    private static final double[] TIME = {5, 8, 12, 3, 9, 15, 7, 11, 4, 14, 6, 10};
    private static final int[] EVENT = {1, 0, 1, 1, 1, 0, 1, 1, 0, 1, 1, 0};
    private static final String[] ARM = {"A", "A", "A", "A", "B", "B", "B", "B", "A", "A", "B", "B"};
    /** Level 1 only in arm A: the arm x level cell (B, 1) is empty. */
    private static final double[] LEVEL = {0, 0, 1, 1, 0, 0, 0, 0, 1, 0, 0, 0};

    @Test
    void anEmptyCellLeavesNothingToTest() {
        CoxDesign main = CoxDesign.builder(TIME.length).categorical("arm", ARM).numeric("level", LEVEL).build();
        CoxDesign full = CoxDesign.builder(TIME.length).categorical("arm", ARM).numeric("level", LEVEL)
                .interaction("arm", "level").build();
        CoxProportionalHazards cox = CoxProportionalHazards.create().withPhTest(false);
        CoxLikelihoodRatioTest.Result r = CoxLikelihoodRatioTest.compare(cox.fit(TIME, EVENT, main),
                cox.fit(TIME, EVENT, full));
        assertEquals(0, r.df());
        assertEquals(0.0, r.statistic());
        assertNull(r.pValue());
        assertTrue(r.warnings().get(0).contains("nothing to test"), r.warnings().toString());
    }

    @Test
    void aModelAddingATermGivesItsChiSquare() {
        CoxProportionalHazards cox = CoxProportionalHazards.create().withPhTest(false);
        CoxResult reduced = cox.fit(TIME, EVENT, CoxDesign.builder(TIME.length).categorical("arm", ARM).build());
        CoxResult full = cox.fit(TIME, EVENT, CoxDesign.builder(TIME.length).categorical("arm", ARM)
                .numeric("level", LEVEL).build());
        CoxLikelihoodRatioTest.Result r = CoxLikelihoodRatioTest.compare(reduced, full);
        assertEquals(1, r.df());
        assertEquals(2 * (full.logLik() - reduced.logLik()), r.statistic(), 1e-12);
        assertEquals(ChiSquare.upperTail(r.statistic(), 1), r.pValue(), 1e-15);
    }

    @Test
    void fitsOnDifferentSubjectsAreRefused() {
        CoxProportionalHazards cox = CoxProportionalHazards.create().withPhTest(false);
        CoxResult all = cox.fit(TIME, EVENT, CoxDesign.builder(TIME.length).categorical("arm", ARM).build());
        double[] level = LEVEL.clone();
        level[0] = Double.NaN;
        CoxResult fewer = cox.fit(TIME, EVENT, CoxDesign.builder(TIME.length).categorical("arm", ARM)
                .numeric("level", level).build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CoxLikelihoodRatioTest.compare(all, fewer));
        assertTrue(e.getMessage().contains("same subjects"), e.getMessage());
    }

    @Test
    void chiSquareTailMatchesR() {
        // pchisq(3.841459, 1, lower.tail = FALSE) = 0.05; pchisq(0, 2, lower.tail = FALSE) = 1
        assertEquals(0.05, ChiSquare.upperTail(3.841458820694124, 1), 1e-12);
        assertEquals(1.0, ChiSquare.upperTail(0, 2));
        assertThrows(IllegalArgumentException.class, () -> ChiSquare.upperTail(-1, 1));
    }
}
