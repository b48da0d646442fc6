package org.hepatica.analysis.support;

import java.math.BigDecimal;

/**
 * How numbers become labels (levels of a numeric column used as groups, class boundaries such
 * as {@code <10}): the one formatting rule of the platform, so a level reads the same in a
 * cohort's column summary, a result and a figure.
 */
public final class Labels {
    private Labels() {
    }

    /** A number as a short label: 1.0 as "1", 2.5 as "2.5", 1e-7 as "0.0000001". */
    public static String number(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v); // NaN, Infinity: BigDecimal has no such value
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }
}
