package org.hepatica.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Set;

/**
 * Compares two results field by field: every number to a relative tolerance (absolute near zero),
 * everything else exactly, as a multi-centre result is compared with the single-installation one.
 */
public final class ResultComparison {
    private ResultComparison() {
    }

    /**
     * Asserts that {@code actual} has every field of {@code expected} with an equal value.
     *
     * @param tolerance relative, for numbers; below 1 in magnitude, absolute
     * @param ignored   field names not compared, wherever they occur
     */
    public static void assertClose(JsonNode expected, JsonNode actual, double tolerance, Set<String> ignored) {
        compare(expected, actual, tolerance, ignored, "$");
    }

    private static void assertTrue(boolean ok, String message) {
        if (!ok) {
            throw new AssertionError(message);
        }
    }

    private static void assertEquals(Object e, Object a, String message) {
        if (!java.util.Objects.equals(e, a)) {
            throw new AssertionError(message + ": expected " + e + ", was " + a);
        }
    }

    private static void fail(String message) {
        throw new AssertionError(message);
    }

    private static void compare(JsonNode e, JsonNode a, double tol, Set<String> ignored, String path) {
        if (a == null || a.isMissingNode()) {
            fail(path + ": missing, expected " + e);
        }
        if (e.isNumber()) {
            assertTrue(a.isNumber(), path + ": expected the number " + e + ", was " + a);
            double x = e.doubleValue();
            double y = a.doubleValue();
            double scale = Math.max(1.0, Math.abs(x));
            assertTrue(Math.abs(x - y) <= tol * scale, path + ": expected " + x + ", was " + y + " (difference "
                    + Math.abs(x - y) + ", tolerance " + tol + " relative)");
        } else if (e.isObject()) {
            assertTrue(a.isObject(), path + ": expected an object, was " + a);
            for (Iterator<String> it = e.fieldNames(); it.hasNext();) {
                String f = it.next();
                if (!ignored.contains(f)) {
                    compare(e.get(f), a.get(f), tol, ignored, path + "." + f);
                }
            }
        } else if (e.isArray()) {
            assertTrue(a.isArray(), path + ": expected an array, was " + a);
            assertEquals(e.size(), a.size(), path + ": length");
            for (int i = 0; i < e.size(); i++) {
                compare(e.get(i), a.get(i), tol, ignored, path + "[" + i + "]");
            }
        } else {
            assertEquals(e, a, path);
        }
    }
}
