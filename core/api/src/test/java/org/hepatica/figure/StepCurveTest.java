package org.hepatica.figure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.hepatica.stats.KaplanMeierResult;
import org.junit.jupiter.api.Test;

class StepCurveTest {
    private static final double NA = Double.NaN;

    @Test
    void aKaplanMeierTableBecomesStepsMarksAndRiskRows() {
        KaplanMeierResult.Curve km = new KaplanMeierResult.Curve("RFA", 5, 3,
                new KaplanMeierResult.Median(20.0, null, null), null, List.of(), List.of(
                        new KaplanMeierResult.Row(10, 5, 1, 0, 0.8, 0.18, 0.5, 0.95),
                        new KaplanMeierResult.Row(15, 4, 0, 1, 0.8, 0.18, null, 0.95),
                        new KaplanMeierResult.Row(20, 3, 2, 0, 0.4 / 1.5, 0.2, 0.1, null),
                        new KaplanMeierResult.Row(30, 1, 0, 1, 0.4 / 1.5, 0.2, 0.1, 0.6)));
        StepCurve c = StepCurve.kaplanMeier(km);
        assertEquals("RFA", c.label());
        assertEquals(5, c.n());
        assertArrayEquals(new double[] {10, 15, 20, 30}, c.time());
        assertArrayEquals(new double[] {0.8, 0.8, 0.4 / 1.5, 0.4 / 1.5}, c.value());
        assertArrayEquals(new double[] {0.5, NA, 0.1, 0.1}, c.lower(), "a missing bound is NaN");
        assertArrayEquals(new double[] {0.95, 0.95, NA, 0.6}, c.upper());
        assertArrayEquals(new double[] {15, 30}, c.censorTimes(), "'+' only at rows with censorings");
        assertArrayEquals(new double[] {10, 15, 20, 30}, c.riskTime());
        assertArrayEquals(new int[] {5, 4, 3, 1}, c.nRisk());
        assertEquals(20.0, c.median());
        assertTrue(c.hasBand());
        assertTrue(c.hasRiskTable());
        assertEquals(30, c.end());
    }

    @Test
    void theArraysAreCopied() {
        double[] time = {1, 2};
        double[] value = {0.5, 0.25};
        double[] lower = {0.4, 0.2};
        double[] upper = {0.6, 0.3};
        double[] censor = {3};
        double[] riskTime = {1, 2};
        int[] nRisk = {4, 2};
        StepCurve c = new StepCurve("A", 4, time, value, lower, upper, censor, riskTime, nRisk, null);
        time[0] = 9;
        value[0] = 9;
        lower[0] = 9;
        upper[0] = 9;
        censor[0] = 9;
        riskTime[0] = 9;
        nRisk[0] = 9;
        assertArrayEquals(new double[] {1, 2}, c.time());
        assertArrayEquals(new double[] {0.5, 0.25}, c.value());
        assertArrayEquals(new double[] {0.4, 0.2}, c.lower());
        assertArrayEquals(new double[] {0.6, 0.3}, c.upper());
        assertArrayEquals(new double[] {3}, c.censorTimes());
        assertArrayEquals(new double[] {1, 2}, c.riskTime());
        assertArrayEquals(new int[] {4, 2}, c.nRisk());
    }

    @Test
    void missingArraysAreEmptyOrAbsent() {
        StepCurve c = new StepCurve(null, 0, null, null, null, null, null, null, null, null);
        assertEquals("", c.label());
        assertEquals(0, c.time().length);
        assertEquals(0, c.value().length);
        assertNull(c.lower());
        assertNull(c.upper());
        assertNull(c.censorTimes());
        assertEquals(0, c.steps());
        assertFalse(c.hasBand());
        assertFalse(c.hasRiskTable());
        assertEquals(0, c.end());
        assertEquals(1, c.valueAt(5, 1), "before any step: the start value");
        assertFalse(new StepCurve("A", 1, null, null, new double[0], null, null, null, null, null).hasBand(),
                "a band needs both bounds");
        assertFalse(new StepCurve("A", 1, null, null, null, new double[0], null, null, null, null).hasBand());
        assertFalse(new StepCurve("A", 1, null, null, null, null, null, new double[0], null, null).hasRiskTable(),
                "a risk row needs times and counts");
        assertFalse(new StepCurve("A", 1, null, null, null, null, null, null, new int[0], null).hasRiskTable());
    }

    @Test
    void theValueIsRightContinuousAndSkipsStepsItCannotDraw() {
        StepCurve c = new StepCurve("A", 4, new double[] {10, 20, NA, 30, Double.POSITIVE_INFINITY, 40},
                new double[] {0.9, NA, 0.1, 0.5, 0.05, 0.4}, null, null, null, null, null, null);
        assertEquals(6, c.steps());
        assertFalse(c.isStep(1), "NaN value");
        assertFalse(c.isStep(2), "NaN time");
        assertFalse(c.isStep(4), "infinite time");
        assertTrue(c.isStep(0));
        assertEquals(-1, c.stepAt(9.99));
        assertEquals(0, c.stepAt(10), "the step at its own time");
        assertEquals(0, c.stepAt(29.99), "20 has no value: still the first step");
        assertEquals(3, c.stepAt(30));
        assertEquals(5, c.stepAt(1000));
        assertEquals(1, c.valueAt(5, 1));
        assertEquals(0, c.valueAt(5, 0), "the start value of an incidence curve");
        assertEquals(0.9, c.valueAt(10, 1));
        assertEquals(0.9, c.valueAt(25, 1));
        assertEquals(0.5, c.valueAt(35, 1));
        assertEquals(0.4, c.valueAt(40, 1));
        assertEquals(40, c.end(), "the last drawn step");
        assertEquals(2, new StepCurve("A", 1, new double[] {1, 2, 3}, new double[] {0.5, 0.4}, null, null, null,
                null, null, null).steps(), "pairs only");
    }

    @Test
    void theEndIsTheLastStepCensoringOrTableRow() {
        double[] t = {10, 20};
        double[] v = {0.9, 0.8};
        assertEquals(20, new StepCurve("A", 2, t, v, null, null, new double[] {5}, new double[] {10}, new int[] {2},
                null).end());
        assertEquals(35, new StepCurve("A", 2, t, v, null, null, new double[] {35, NA}, null, null, null).end(),
                "a later censoring");
        assertEquals(50, new StepCurve("A", 2, t, v, null, null, new double[] {35},
                new double[] {10, 50, Double.POSITIVE_INFINITY}, new int[] {2, 1, 0}, null).end(), "a later table row");
        assertEquals(20, new StepCurve("A", 2, new double[] {20, 10}, v, null, null, null, null, null, null).end(),
                "the latest, not the last written");
    }

    @Test
    void theNumberAtRiskIsThatOfTheFirstRowAtOrAfterTheTime() {
        StepCurve c = new StepCurve("A", 12, null, null, null, null, null, new double[] {100, 200, 400},
                new int[] {10, 8, 5, 99}, null);
        assertEquals(12, c.atRisk(0), "n at time 0");
        assertEquals(12, c.atRisk(-5));
        assertEquals(10, c.atRisk(1e-6));
        assertEquals(10, c.atRisk(100));
        assertEquals(8, c.atRisk(100.5));
        assertEquals(8, c.atRisk(200 + 1e-8), "a tick converted between units is not exact");
        assertEquals(5, c.atRisk(200 + 1e-5));
        assertEquals(5, c.atRisk(400));
        assertEquals(0, c.atRisk(401), "after the last row; the surplus count has no time");
    }
}
