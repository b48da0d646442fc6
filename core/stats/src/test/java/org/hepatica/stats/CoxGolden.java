package org.hepatica.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;

/** Comparison helpers for the golden tests against R (relative tolerance). */
final class CoxGolden {

    /** General tolerance of the reference README. */
    static final double TOL = 1e-6;
    /** Tolerance for Cox results R reaches by iteration, and p-values below 1e-10. */
    static final double TOL_ITER = 1e-4;

    private CoxGolden() {
    }

    static void close(String what, double expected, Double actual, double tol) {
        assertNotNull(actual, what + ": expected " + expected + " but was null");
        double scale = Math.max(Math.abs(expected), 1e-300);
        double rel = Math.abs(actual - expected) / scale;
        assertTrue(rel <= tol, () -> what + ": expected " + expected + " but was " + actual
                + " (relative difference " + rel + " > " + tol + ")");
    }

    static void close(String what, JsonNode expected, Double actual, double tol) {
        if (expected == null || expected.isNull()) {
            assertEquals(null, actual, what + ": R reports NA/null");
            return;
        }
        close(what, expected.asDouble(), actual, tol);
    }

    /** p-values: relative 1e-6, or 1e-4 below 1e-10 (README). */
    static void pValue(String what, JsonNode expected, Double actual, double tol) {
        double t = expected != null && expected.isNumber() && expected.asDouble() < 1e-10 ? Math.max(tol, TOL_ITER) : tol;
        close(what, expected, actual, t);
    }

    /** Contract rule: numeric when every non-empty cell parses as a number. */
    static boolean isNumeric(ReferenceCohort cohort, String column) {
        for (String v : cohort.text(column)) {
            if (!v.isBlank()) {
                try {
                    Double.parseDouble(v.trim());
                } catch (NumberFormatException e) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Endpoint time in days, {@code OS} or {@code DFS}. */
    static double[] time(ReferenceCohort cohort, String endpoint) {
        return "DFS".equals(endpoint) ? cohort.dfsTime : cohort.osTime;
    }

    /** Endpoint event indicator, {@code OS} or {@code DFS}. */
    static int[] event(ReferenceCohort cohort, String endpoint) {
        return "DFS".equals(endpoint) ? cohort.dfsEvent : cohort.osEvent;
    }

    /** R's name of a term: {@code arm=RFA+RT} -> {@code armRFA+RT} (treatment contrasts). */
    static String rName(String term) {
        StringBuilder out = new StringBuilder();
        for (String part : term.split(":", -1)) {
            if (out.length() > 0) {
                out.append(':');
            }
            out.append(part.replaceFirst("=", ""));
        }
        return out.toString();
    }
}
