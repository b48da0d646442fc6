package org.hepatica.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class ArgumentsTest {

    private static void assertMessage(String message, Executable call) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, call).getMessage());
    }

    @Test
    void messagesNameTheArgumentAndTheReason() {
        assertMessage("x must not be null", () -> Arguments.requireNonNull("x", null));
        assertMessage("time[2] must be finite, was Infinity",
                () -> Arguments.requireFinite("time", new double[] {1, 2,
                    Double.POSITIVE_INFINITY}));
        assertMessage("time[0] must be finite and >= 0, was -0.5",
                () -> Arguments.requireFiniteNonNegative("time", new double[] {-0.5}));
        assertMessage("time[0] must be finite and >= 0, was Infinity",
                () -> Arguments.requireFiniteNonNegative("time",
                        new double[] {Double.POSITIVE_INFINITY}));
        assertMessage("status has length 3 but time has length 4",
                () -> Arguments.requireSameLength("status", 3, "time", 4));
        assertMessage("confLevel must be > 0 and < 1, was 1.0",
                () -> Arguments.requireProbability("confLevel", 1.0));
        assertMessage("confLevel must be > 0 and < 1, was NaN",
                () -> Arguments.requireProbability("confLevel", Double.NaN));
        assertMessage("status[1] must be in 0..1, was 3",
                () -> Arguments.requireCodes("status", new int[] {0, 3}, 1));
        assertMessage("group has length 1 but time has length 2",
                () -> Arguments.requireGroupCodes("group", new int[] {0}, 2, "time", 2));
        assertMessage("labels must not be empty",
                () -> Arguments.requireLabels("labels", new String[0]));
        assertMessage("labels[1] must not be null",
                () -> Arguments.requireLabels("labels", new String[] {"a", null}));
        assertMessage("rho must be finite, was NaN",
                () -> Arguments.requireFinite("rho", Double.NaN));
    }

    @Test
    void validValuesPassThrough() {
        double[] t = {0, 1.5};
        assertSame(t, Arguments.requireFiniteNonNegative("time", t));
        assertEquals(0.95, Arguments.requireProbability("confLevel", 0.95));
        int[] g = {0, 1, 1};
        assertSame(g, Arguments.requireGroupCodes("group", g, 2, "time", 3));
    }

    /** The checks hand back what they were given, so a call can check and assign at once. */
    @Test
    void validValuesAreReturnedUnchanged() {
        double[] times = {0, 1.5, 3};
        int[] codes = {0, 2, 1};
        String[] labels = {"RFA", "RFA+RT"};
        assertSame(times, Arguments.requireFinite("time", times));
        assertEquals(-2.5, Arguments.requireFinite("beta", -2.5));
        assertEquals(0.0, Arguments.requireFiniteNonNegative("time", 0.0));
        assertEquals(7.25, Arguments.requireFiniteNonNegative("time", 7.25));
        assertEquals(1e-9, Arguments.requirePositive("eps", 1e-9));
        assertEquals(0.95, Arguments.requireProbability("confLevel", 0.95));
        assertEquals("arm", Arguments.requireNonBlank("term", "arm"));
        assertSame(codes, Arguments.requireNonNegative("strata", codes));
        assertSame(labels, Arguments.requireLabels("labels", labels));
        assertEquals(3, Arguments.requireAtLeast("iterMax", 3, 0));
    }

    @Test
    void theBoundsThemselvesAreRefused() {
        assertMessage("eps must be finite and > 0, was 0.0", () -> Arguments.requirePositive("eps", 0.0));
        assertMessage("confLevel must be > 0 and < 1, was 0.0",
                () -> Arguments.requireProbability("confLevel", 0.0));
        assertMessage("iterMax must be >= 0, was -1", () -> Arguments.requireAtLeast("iterMax", -1, 0));
    }
}
