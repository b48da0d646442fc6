package org.hepatica.platform.internal.csv;

/** Wording helpers for messages. */
final class Columns {
    private Columns() {
    }

    static String range(double min, double max) {
        if (Double.isInfinite(max)) {
            return "the allowed range (at least " + label(min) + ")";
        }
        return "the allowed range " + label(min) + " to " + label(max);
    }

    private static String label(double v) {
        return org.hepatica.platform.internal.model.Columns.label(v);
    }
}
