package org.hepatica.stats;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The relative-error assertion of the distribution and small-sample tests. */
final class Relative {

    private Relative() {
    }

    /** Asserts {@code |actual - expected| <= rel * |expected|}. */
    static void assertRelative(double expected, double actual, double rel) {
        assertTrue(Math.abs(actual - expected) <= rel * Math.abs(expected),
                "expected " + expected + ", was " + actual);
    }
}
