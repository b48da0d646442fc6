package org.hepatica.itests;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Compares what the API answered with what R computed (../shared/reference), value by value,
 * collecting every mismatch with its path and the R call that produced the value, so one run
 * shows them all. Rules of ../shared/reference/README.md: numbers within a relative tolerance of
 * 1e-6 (1e-4 for p-values below 1e-10 and for results R reaches by iteration), whole numbers and
 * strings exactly, R's null (NA, not reached) as null.
 */
final class Golden {
    static final double TOL = 1e-6;
    static final double TOL_ITER = 1e-4;

    /** Keys of the reference that describe the request rather than the result. */
    private static final Set<String> REQUEST_KEYS = Set.of("covariates", "ties", "strata", "groupBy", "warning",
            "confType", "dataset", "source", "note");

    private final List<String> mismatches = new ArrayList<>();
    private int compared;

    /** How one section is compared: its tolerance and how the platform's term names read in R. */
    record Rules(double tolerance, UnaryOperator<String> termName) {
        static Rules exact() {
            return new Rules(TOL, t -> t);
        }

        static Rules iterated() {
            return new Rules(TOL_ITER, Golden::rTermName);
        }
    }

    /**
     * Compares every value of {@code expected} with the same path in {@code actual}; keys of
     * {@code actual} that R does not report are not looked at.
     */
    void compare(String call, JsonNode expected, JsonNode actual, Rules rules) {
        walk(call, "", expected, actual, rules);
    }

    private void walk(String call, String path, JsonNode e, JsonNode a, Rules rules) {
        if (e.isObject()) {
            if (a == null || !a.isObject()) {
                fail(call, path, "an object", a);
                return;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = e.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> f = it.next();
                if (REQUEST_KEYS.contains(f.getKey())) {
                    continue;
                }
                walk(call, path + "." + f.getKey(), f.getValue(), a.get(f.getKey()), rules);
            }
            return;
        }
        if (e.isArray()) {
            if (a == null || !a.isArray() || a.size() != e.size()) {
                fail(call, path, e.size() + " elements", a == null ? null : a.size() + " elements");
                return;
            }
            for (int i = 0; i < e.size(); i++) {
                walk(call, path + "[" + i + "]", e.get(i), a.get(i), rules);
            }
            return;
        }
        compared++;
        if (e.isNull()) {
            if (a != null && !a.isNull()) {
                fail(call, path, "null (R: NA)", a);
            }
            return;
        }
        if (a == null || a.isNull()) {
            fail(call, path, e, a);
            return;
        }
        if (e.isTextual()) {
            String actualText = path.endsWith(".term") ? rules.termName().apply(a.asText()) : a.asText();
            if (!e.asText().equals(actualText)) {
                fail(call, path, e.asText(), actualText);
            }
            return;
        }
        if (e.isBoolean()) {
            if (e.asBoolean() != a.asBoolean()) {
                fail(call, path, e, a);
            }
            return;
        }
        double x = e.asDouble();
        double y = a.asDouble();
        if (path.endsWith(".wald.statistic")) {
            y = Math.round(y * 100) / 100.0; // summary.coxph rounds the Wald statistic to 2 decimals
            if (Math.abs(x - y) > 1e-9) {
                fail(call, path, x, y + " (rounded to 2 decimals as summary.coxph)");
            }
            return;
        }
        if (e.isIntegralNumber() && !path.endsWith("pValue")) {
            if (x != y) {
                fail(call, path, e, a);
            }
            return;
        }
        double tol = rules.tolerance();
        if (path.endsWith("pValue") && x < 1e-10) {
            tol = Math.max(tol, TOL_ITER);
        }
        double diff = Math.abs(x - y);
        if (x == 0 ? diff > 1e-12 : diff / Math.abs(x) > tol) {
            fail(call, path, x, y + " (relative difference " + (x == 0 ? diff : diff / Math.abs(x)) + " > " + tol + ")");
        }
    }

    private void fail(String call, String path, Object expected, Object actual) {
        mismatches.add(call + " " + path + ": R " + expected + ", platform " + actual);
    }

    /** Values compared so far. */
    int compared() {
        return compared;
    }

    /** Every mismatch, one per line; empty when all agree. */
    List<String> mismatches() {
        return mismatches;
    }

    /** R's name of a platform term: {@code arm=RFA+RT} reads {@code armRFA+RT} (treatment contrasts). */
    static String rTermName(String term) {
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
