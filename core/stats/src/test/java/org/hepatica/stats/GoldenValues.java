package org.hepatica.stats;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects comparisons of engine values with the R reference JSON and fails once, listing every
 * mismatch. Numbers: relative tolerance 1e-6 (README), 1e-4 for p-values below 1e-10, and an
 * absolute floor of 1e-12 for values that are exactly 0 in R; counts exactly; R's NA (JSON null)
 * must be null.
 */
final class GoldenValues {

    static final double REL = 1e-6;
    private final List<String> mismatches = new ArrayList<>();
    private int checked;

    /** A real number (or null for NA). */
    void number(String what, JsonNode expected, Double actual) {
        checked++;
        if (expected == null || expected.isMissingNode()) {
            mismatches.add(what + ": no such value in the reference");
            return;
        }
        if (expected.isNull()) {
            if (actual != null) {
                mismatches.add(what + ": expected null (R NA), was " + actual);
            }
            return;
        }
        double e = expected.asDouble();
        if (actual == null) {
            mismatches.add(what + ": expected " + e + ", was null");
            return;
        }
        if (!close(e, actual, REL)) {
            mismatches.add(what + ": expected " + e + ", was " + actual + " (rel. error "
                    + Math.abs(actual - e) / Math.abs(e) + ")");
        }
    }

    /** A p-value: 1e-6 relative, 1e-4 below 1e-10. */
    void pValue(String what, JsonNode expected, Double actual) {
        checked++;
        double e = expected.asDouble();
        if (actual == null || !close(e, actual, e < 1e-10 ? 1e-4 : REL)) {
            mismatches.add(what + ": expected p = " + e + ", was " + actual);
        }
    }

    /** A count, exactly. */
    void count(String what, JsonNode expected, long actual) {
        checked++;
        if (expected == null || !expected.isNumber() || expected.asDouble() != actual) {
            mismatches.add(what + ": expected " + expected + ", was " + actual);
        }
    }

    static boolean close(double e, double a, double rel) {
        return Math.abs(a - e) <= rel * Math.abs(e) || Math.abs(a - e) <= 1e-12;
    }

    int checked() {
        return checked;
    }

    /** Fails listing all mismatches (at most 40 shown). */
    void assertAllMatch() {
        if (!mismatches.isEmpty()) {
            List<String> shown = mismatches.subList(0, Math.min(40, mismatches.size()));
            fail(mismatches.size() + " of " + checked + " values differ from R:\n  "
                    + String.join("\n  ", shown));
        }
    }
}
