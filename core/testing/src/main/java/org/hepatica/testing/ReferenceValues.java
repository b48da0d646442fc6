package org.hepatica.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.hepatica.cohort.CohortView;
import org.hepatica.platform.internal.json.Json;

/**
 * The R reference values in {@code ../shared/reference} (system property {@code hepatica.reference.dir}),
 * and a comparison of a result's JSON with them that reports every mismatch at once.
 *
 * <p>Tolerances are those of the reference README: numbers relative 1e-6, or 1e-4 for p-values
 * below 1e-10 and for what R reaches by iteration (an R value of 0 within 1e-12); integers and texts
 * exactly; a null of R is a null.
 *
 * <pre>{@code
 * ReferenceValues.Comparison c = ReferenceValues.compare();
 * c.node("DFS logRank", ReferenceValues.expected("hcc_demo").at("/endpoints/DFS/logRank"), run.json().get("logRank"));
 * c.assertAllMatch();
 * }</pre>
 */
public final class ReferenceValues {
    private ReferenceValues() {
    }

    /** The folder of the reference files. */
    public static Path dir() {
        return Path.of(System.getProperty("hepatica.reference.dir", "../../../shared/reference"));
    }

    /** The cohort {@code NAME.csv}, read by the platform's parser. */
    public static CohortView cohort(String name) {
        return TestCohorts.csv(dir().resolve(name + ".csv"));
    }

    /** The values R computes on cohort {@code name} ({@code NAME.expected.json}). */
    public static JsonNode expected(String name) {
        try {
            return Json.MAPPER.readTree(dir().resolve(name + ".expected.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the reference values of " + name, e);
        }
    }

    /** A new comparison with the README's tolerance for closed-form values (relative 1e-6). */
    public static Comparison compare() {
        return new Comparison(1e-6);
    }

    /** A new comparison with the tolerance for what R reaches by iteration (relative 1e-4). */
    public static Comparison compareIterated() {
        return new Comparison(1e-4);
    }

    /** Mismatches collected over many values; {@link #assertAllMatch()} fails with all of them. */
    public static final class Comparison {
        private final double tolerance;
        private final List<String> mismatches = new ArrayList<>();
        private int checked;

        private Comparison(double tolerance) {
            this.tolerance = tolerance;
        }

        /**
         * Compares every member R gives (members only the platform has are not compared); lists
         * element by element, objects member by member, names renamed where {@code renames} says
         * (R's name to the platform's, e.g. {@code armRFA+RT} to {@code arm=RFA+RT}).
         */
        public Comparison node(String what, JsonNode expected, JsonNode actual, Map<String, String> renames) {
            if (expected == null || expected.isMissingNode()) {
                mismatches.add(what + ": no reference value");
            } else if (expected.isNull()) {
                checked++;
                if (actual != null && !actual.isNull() && !actual.isMissingNode()) {
                    mismatches.add(what + ": R gives null, the platform " + actual);
                }
            } else if (actual == null || actual.isMissingNode() || actual.isNull()) {
                mismatches.add(what + ": R gives " + expected + ", the platform nothing");
            } else if (expected.isObject()) {
                Iterator<Map.Entry<String, JsonNode>> fields = expected.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> f = fields.next();
                    node(what + "." + f.getKey(), f.getValue(), actual.get(f.getKey()), renames);
                }
            } else if (expected.isArray()) {
                if (expected.size() != actual.size()) {
                    mismatches.add(what + ": R gives " + expected.size() + " elements, the platform " + actual.size());
                }
                for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
                    node(what + "[" + i + "]", expected.get(i), actual.get(i), renames);
                }
            } else if (expected.isIntegralNumber() && actual.isIntegralNumber()) {
                checked++;
                if (expected.asLong() != actual.asLong()) {
                    mismatches.add(what + ": R gives " + expected.asLong() + ", the platform " + actual.asLong());
                }
            } else if (expected.isNumber()) {
                number(what, expected.asDouble(), actual);
            } else {
                checked++;
                String e = renames.getOrDefault(expected.asText(), expected.asText());
                if (!e.equals(actual.asText())) {
                    mismatches.add(what + ": R gives " + e + ", the platform " + actual.asText());
                }
            }
            return this;
        }

        /** {@link #node(String, JsonNode, JsonNode, Map)} without renames. */
        public Comparison node(String what, JsonNode expected, JsonNode actual) {
            return node(what, expected, actual, Map.of());
        }

        private void number(String what, double e, JsonNode actual) {
            checked++;
            if (!actual.isNumber()) {
                mismatches.add(what + ": R gives " + e + ", the platform " + actual);
                return;
            }
            double a = actual.asDouble();
            double tol = (Math.abs(e) < 1e-10 ? Math.max(tolerance, 1e-4) : tolerance) * Math.abs(e);
            if (Math.abs(e - a) > (e == 0 ? 1e-12 : tol)) { // R's exact 0 (a standard error at S = 1, say)
                mismatches.add(what + ": R gives " + e + ", the platform " + a);
            }
        }

        /** How many values were compared. */
        public int checked() {
            return checked;
        }

        /** Fails with every mismatch, one a line. */
        public void assertAllMatch() {
            if (!mismatches.isEmpty()) {
                throw new AssertionError(mismatches.size() + " of " + checked + " values differ from R:\n  "
                        + String.join("\n  ", mismatches));
            }
        }
    }
}
