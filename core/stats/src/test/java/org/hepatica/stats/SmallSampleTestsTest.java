package org.hepatica.stats;

import static org.hepatica.stats.Relative.assertRelative;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The baseline-table tests at the smallest samples they answer for, against R 4.2.2, and the
 * samples they cannot answer for (a statistic of NaN and no p-value, never an exception):
 * <pre>
 * t.test(c(1, 2), c(3, 5))
 * oneway.test(v ~ g, data.frame(v = c(1, 2, 4, 7, 3, 9), g = factor(c(1, 1, 2, 2, 3, 3))))
 * kruskal.test(list(c(1, 2), c(3, 5, 4)))
 * binom.test(3, 10, conf.level = 0.9)$conf.int
 * quantile(c(3, 1, 2, 10), c(.25, .5, .75)); sd(c(3, 1, 2, 10))
 * </pre>
 */
class SmallSampleTestsTest {

    @Test
    void welchTTestFromTwoValuesPerGroup() {
        WelchTTest.Result r = WelchTTest.create().test(new double[] {1, 2}, new double[] {3, 5});
        assertRelative(-2.2360679774997898, r.statistic(), 1e-14);
        assertRelative(1.4705882352941178, r.df(), 1e-14);
        assertRelative(0.19872738893452604, r.pValue(), 1e-12);
    }

    @Test
    void welchTTestWithoutAVarianceHasNoPValue() {
        WelchTTest t = WelchTTest.create();
        assertNoAnswer(t.test(new double[] {1}, new double[] {3, 5}));
        assertNoAnswer(t.test(new double[] {1, 2}, new double[] {3}));
        assertNoAnswer(t.test(new double[] {2, 2}, new double[] {4, 4}));
    }

    private static void assertNoAnswer(WelchTTest.Result r) {
        assertTrue(Double.isNaN(r.statistic()), r::toString);
        assertNull(r.pValue(), r::toString);
    }

    @Test
    void welchAnovaFromTwoValuesPerGroup() {
        WelchAnova.Result r = WelchAnova.create().test(new double[] {1, 2}, new double[] {4, 7}, new double[] {3, 9});
        assertRelative(2.8445267659097664, r.statistic(), 1e-13);
        assertEquals(2.0, r.df1());
        assertRelative(1.4972166555332886, r.df2(), 1e-13);
        assertRelative(0.30905364101187133, r.pValue(), 1e-12);
        // an empty group is left out, as R drops an unused level
        WelchAnova.Result withEmpty = WelchAnova.create()
                .test(new double[] {1, 2}, new double[0], new double[] {4, 7}, new double[] {3, 9});
        assertEquals(r, withEmpty);
    }

    @Test
    void welchAnovaWithoutAVarianceOrASecondGroupHasNoPValue() {
        WelchAnova a = WelchAnova.create();
        WelchAnova.Result single = a.test(new double[] {1, 2}, new double[] {4}, new double[] {3, 9});
        assertTrue(Double.isNaN(single.statistic()));
        assertEquals(2.0, single.df1());
        assertNull(single.pValue());
        WelchAnova.Result constant = a.test(new double[] {1, 2}, new double[] {4, 4});
        assertEquals(1.0, constant.df1());
        assertNull(constant.pValue());
        WelchAnova.Result oneGroup = a.test(new double[] {1, 2, 5}, new double[0]);
        assertTrue(Double.isNaN(oneGroup.statistic()));
        assertEquals(0.0, oneGroup.df1());
        assertNull(oneGroup.pValue());
    }

    @Test
    void kruskalWallisOnFiveValues() {
        KruskalWallisTest.Result r = KruskalWallisTest.create().test(new double[] {1, 2}, new double[] {3, 5, 4});
        assertRelative(3.0, r.statistic(), 1e-14);
        assertEquals(1, r.df());
        assertRelative(0.083264516663550558, r.pValue(), 1e-12);
    }

    @Test
    void kruskalWallisWithOneGroupOrAllValuesTiedHasNoPValue() {
        KruskalWallisTest k = KruskalWallisTest.create();
        KruskalWallisTest.Result one = k.test(new double[] {1, 2, 3}, new double[0]);
        assertTrue(Double.isNaN(one.statistic()));
        assertEquals(0, one.df());
        assertNull(one.pValue());
        KruskalWallisTest.Result tied = k.test(new double[] {4, 4}, new double[] {4, 4, 4});
        assertTrue(Double.isNaN(tied.statistic()));
        assertEquals(1, tied.df());
        assertNull(tied.pValue());
    }

    @Test
    void clopperPearsonAtAnotherLevel() {
        ClopperPearsonInterval.Estimate e = ClopperPearsonInterval.create().withConfLevel(0.9).estimate(3, 10);
        assertRelative(0.087264433914150272, e.lower(), 1e-12);
        assertRelative(0.60662421610541339, e.upper(), 1e-12);
        for (double bad : new double[] {0, 1, -0.1, Double.NaN}) {
            IllegalArgumentException x = assertThrows(IllegalArgumentException.class,
                    () -> ClopperPearsonInterval.create().withConfLevel(bad));
            assertEquals("confLevel must lie strictly between 0 and 1, was " + bad, x.getMessage());
        }
    }

    @Test
    void summaryOfFourValuesAndOfNone() {
        SampleSummary s = SampleSummary.of(new double[] {3, 1, 2, 10});
        assertEquals(4, s.n());
        assertEquals(4.0, s.mean());
        assertRelative(4.0824829046386304, s.sd(), 1e-14);
        assertEquals(2.5, s.median());
        assertEquals(1.75, s.q1());
        assertEquals(4.75, s.q3());
        assertEquals(new SampleSummary(0, null, null, null, null, null), SampleSummary.of(new double[0]));
        SampleSummary one = SampleSummary.of(new double[] {7});
        assertEquals(7.0, one.mean());
        assertNull(one.sd());
        assertEquals(7.0, one.median());
    }

    @Test
    void standardizedMeanDifferenceNeedsBothStandardDeviations() {
        SampleSummary a = SampleSummary.of(new double[] {1, 2, 3});
        SampleSummary b = SampleSummary.of(new double[] {2, 3, 4});
        assertEquals(1.0, SampleSummary.standardizedMeanDifference(a, b), 1e-15);
        assertNull(SampleSummary.standardizedMeanDifference(a, SampleSummary.of(new double[] {5})));
        assertNull(SampleSummary.standardizedMeanDifference(SampleSummary.of(new double[0]), b));
        assertNull(SampleSummary.standardizedMeanDifference(SampleSummary.of(new double[] {2, 2}),
                SampleSummary.of(new double[] {5, 5})));
    }
}
