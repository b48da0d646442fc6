package org.hepatica.figure;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Number formatting shared by figures and reports, so that a p-value or a hazard ratio reads the
 * same in a figure, its description and the report around it. Decimal points are always '.'
 * (no locale); halves round up, as people round by hand; a missing value (NaN) is written "NA".
 */
public final class Format {
    private static final BigDecimal SMALLEST_P = new BigDecimal("0.001");

    private Format() {
    }

    /**
     * A p-value as a clinician writes it: "p &lt; 0.001", otherwise "p = " and two significant
     * digits with at most three decimals ("p = 0.012", "p = 0.046", "p = 0.12", "p = 0.88");
     * "p &gt; 0.99" when it would round to 1, "p = NA" when it is NaN or outside [0, 1].
     */
    public static String p(double p) {
        String v = pValue(p);
        return v.startsWith("<") || v.startsWith(">") ? "p " + v : "p = " + v;
    }

    /**
     * The number part of {@link #p(double)}, for a table's p column: "&lt; 0.001", "0.012",
     * "0.12", "&gt; 0.99" or "NA".
     */
    public static String pValue(double p) {
        if (Double.isNaN(p) || p < 0 || p > 1) {
            return "NA";
        }
        BigDecimal v = BigDecimal.valueOf(p);
        if (v.compareTo(SMALLEST_P) < 0) {
            return "< 0.001";
        }
        v = v.round(new MathContext(2, RoundingMode.HALF_UP));
        if (v.precision() < 2) {
            v = v.setScale(v.scale() + 2 - v.precision(), RoundingMode.UNNECESSARY);
        }
        if (v.scale() > 3) {
            v = v.setScale(3, RoundingMode.HALF_UP);
        }
        if (v.compareTo(BigDecimal.ONE) >= 0) {
            return "> 0.99";
        }
        return v.toPlainString();
    }

    /**
     * A p-value as a publication table writes it: three decimals ("0.463", "0.054", "1.000"),
     * "&lt;0.001" below 0.001, "NA" when it is NaN or outside [0, 1].
     *
     * @since 1.1
     */
    public static String tablePValue(double p) {
        if (Double.isNaN(p) || p < 0 || p > 1) {
            return "NA";
        }
        if (BigDecimal.valueOf(p).compareTo(SMALLEST_P) < 0) {
            return "<0.001";
        }
        return BigDecimal.valueOf(p).setScale(3, RoundingMode.HALF_UP).toPlainString();
    }

    /**
     * {@code x} with exactly {@code decimals} decimals ("21.6", "0.50", "1052"); "NA" for NaN,
     * "Inf" or "-Inf" for infinities; never "-0".
     *
     * @param decimals 0 or more (a negative count is taken as 0)
     */
    public static String number(double x, int decimals) {
        if (Double.isNaN(x)) {
            return "NA";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "Inf" : "-Inf";
        }
        return BigDecimal.valueOf(x).setScale(Math.max(0, decimals), RoundingMode.HALF_UP).toPlainString();
    }

    /**
     * An estimate with its confidence interval, "0.54 (0.42-0.71)": two decimals, or two
     * significant digits for a value below 0.01 so that a bound never reads "0.00"; the bounds are
     * joined by " to " when one is negative; only the estimate when a bound is missing (NaN).
     */
    public static String ci(double est, double lo, double hi) {
        String e = estimate(est);
        if (Double.isNaN(lo) || Double.isNaN(hi)) {
            return e;
        }
        String sep = lo < 0 || hi < 0 ? " to " : "-";
        return e + " (" + estimate(lo) + sep + estimate(hi) + ")";
    }

    /** An estimate such as a hazard ratio: two decimals, two significant digits below 0.01. */
    public static String estimate(double x) {
        if (Double.isFinite(x) && x != 0 && Math.abs(x) < 0.01) {
            return BigDecimal.valueOf(x).round(new MathContext(2, RoundingMode.HALF_UP)).toPlainString();
        }
        return number(x, 2);
    }

    /**
     * Text for XML or HTML markup: {@code & < > " '} escaped, characters XML does not allow
     * (control characters, lone surrogates) dropped; null as empty. Reports use it for whatever
     * they show of user data (cohort names, labels).
     */
    public static String markup(String text) {
        return Svg.escape(text);
    }
}
