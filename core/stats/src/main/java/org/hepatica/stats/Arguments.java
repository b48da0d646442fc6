package org.hepatica.stats;

/**
 * The one argument-checking helper of the statistics package.
 *
 * <p>Every check throws {@link IllegalArgumentException} with a message that starts with the
 * argument's name and states the reason, for example
 * {@code "time[3] must be finite and >= 0, was NaN"} or
 * {@code "status has length 10 but time has length 12"}. The HTTP layer passes these messages
 * on to the caller unchanged, so they are part of the contract: keep them stable.
 */
final class Arguments {

    private Arguments() {
    }

    /**
     * Checks that a reference is not null.
     *
     * @return the value
     */
    static <T> T requireNonNull(String name, T value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        return value;
    }

    /**
     * Checks that every element is finite (not NaN, not infinite).
     *
     * @return the array
     */
    static double[] requireFinite(String name, double[] values) {
        requireNonNull(name, values);
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(
                        name + "[" + i + "] must be finite, was " + values[i]);
            }
        }
        return values;
    }

    /**
     * Checks that every element is finite and not negative (survival times, landmark times).
     *
     * @return the array
     */
    static double[] requireFiniteNonNegative(String name, double[] values) {
        requireNonNull(name, values);
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            if (!(v >= 0.0) || v == Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException(
                        name + "[" + i + "] must be finite and >= 0, was " + v);
            }
        }
        return values;
    }

    /**
     * Checks that a single value is finite and not negative.
     *
     * @return the value
     */
    static double requireFiniteNonNegative(String name, double value) {
        if (!(value >= 0.0) || value == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException(name + " must be finite and >= 0, was " + value);
        }
        return value;
    }

    /** Checks that two arrays that describe the same subjects have the same length. */
    static void requireSameLength(String nameA, int a, String nameB, int b) {
        if (a != b) {
            throw new IllegalArgumentException(
                    nameA + " has length " + a + " but " + nameB + " has length " + b);
        }
    }

    /**
     * Checks {@code 0 < p < 1} (confidence levels, quantile probabilities).
     *
     * @return the value
     */
    static double requireProbability(String name, double p) {
        if (!(p > 0.0 && p < 1.0)) {
            throw new IllegalArgumentException(name + " must be > 0 and < 1, was " + p);
        }
        return p;
    }

    /**
     * Checks that every element lies in {@code 0..maxCode} (event status: 0 censored, 1 event;
     * competing risks: 0 censored, 1..k cause).
     *
     * @return the array
     */
    static int[] requireCodes(String name, int[] codes, int maxCode) {
        requireNonNull(name, codes);
        for (int i = 0; i < codes.length; i++) {
            if (codes[i] < 0 || codes[i] > maxCode) {
                throw new IllegalArgumentException(name + "[" + i + "] must be in 0.."
                        + maxCode + ", was " + codes[i]);
            }
        }
        return codes;
    }

    /**
     * Checks that a group or stratum code array has one code per subject, each in
     * {@code 0..levels-1}.
     *
     * @return the array
     */
    static int[] requireGroupCodes(String name, int[] codes, int levels, String lengthName,
            int length) {
        requireNonNull(name, codes);
        requireSameLength(name, codes.length, lengthName, length);
        if (levels < 1) {
            throw new IllegalArgumentException(name + " must have at least one level, had "
                    + levels);
        }
        return requireCodes(name, codes, levels - 1);
    }

    /**
     * Checks that labels are present, non-null and distinct.
     *
     * @return the array
     */
    static String[] requireLabels(String name, String[] labels) {
        requireNonNull(name, labels);
        if (labels.length == 0) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == null) {
                throw new IllegalArgumentException(name + "[" + i + "] must not be null");
            }
            for (int j = 0; j < i; j++) {
                if (labels[i].equals(labels[j])) {
                    throw new IllegalArgumentException(name + "[" + i + "] duplicates "
                            + name + "[" + j + "]: \"" + labels[i] + "\"");
                }
            }
        }
        return labels;
    }

    /**
     * Checks that a value is finite.
     *
     * @return the value
     */
    static double requireFinite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be finite, was " + value);
        }
        return value;
    }

    /**
     * Checks that every element is &gt;= 0 (stratum codes, competing-risk status codes).
     *
     * @return the array
     */
    static int[] requireNonNegative(String name, int[] codes) {
        requireNonNull(name, codes);
        for (int i = 0; i < codes.length; i++) {
            if (codes[i] < 0) {
                throw new IllegalArgumentException(name + "[" + i + "] must be >= 0, was "
                        + codes[i]);
            }
        }
        return codes;
    }

    /**
     * Checks the complete data of a Cox model: finite times, 0/1 status of the same length,
     * covariate columns x[term][subject] that are finite and as long, strata codes &gt;= 0 as
     * long, or null.
     */
    static void requireCoxData(double[] time, int[] status, int[] strata, double[][] x) {
        requireFinite("time", time);
        requireCodes("status", status, 1);
        requireSameLength("time", time.length, "status", status.length);
        requireNonNull("x", x);
        for (int j = 0; j < x.length; j++) {
            requireFinite("x[" + j + "]", x[j]);
            requireSameLength("time", time.length, "x[" + j + "]", x[j].length);
        }
        if (strata != null) {
            requireSameLength("time", time.length, "strata", strata.length);
            requireNonNegative("strata", strata);
        }
    }

    /** Checks {@code value >= min} (counts, iteration limits); returns it. */
    static int requireAtLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be >= " + min + ", was " + value);
        }
        return value;
    }

    /** Checks a finite {@code value > 0} (tolerances); returns it. */
    static double requirePositive(String name, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be finite and > 0, was " + value);
        }
        return value;
    }

    /** Checks that a name is present and not blank; returns it. */
    static String requireNonBlank(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }

    /** Positions of an order compared with its time array by {@link #requireOrderOf}. */
    private static final int ORDER_SAMPLES = 64;

    /**
     * Checks that a shared {@link TimeOrder} was built from this time array: same length, and
     * at {@value #ORDER_SAMPLES} evenly spaced positions (all of them for small samples) the
     * subject's time equals the order's sorted time there. The sample keeps the check O(1); an
     * order of another array of the same length is caught unless it agrees at every sampled
     * position.
     *
     * @return the order
     */
    static TimeOrder requireOrderOf(String name, TimeOrder order, String timeName,
            double[] time) {
        requireNonNull(name, order);
        requireNonNull(timeName, time);
        requireSameLength(name, order.size(), timeName, time.length);
        int n = time.length;
        int samples = Math.min(n, ORDER_SAMPLES);
        for (int s = 0; s < samples; s++) {
            int k = samples == n ? s : (int) ((long) s * (n - 1) / (samples - 1));
            int i = order.index[k];
            if (Double.doubleToLongBits(time[i] + 0.0)
                    != Double.doubleToLongBits(order.time[k])) {
                throw new IllegalArgumentException(name + " was not built from " + timeName
                        + ": its position " + k + " is " + timeName + "[" + i + "] = "
                        + order.time[k] + " but " + timeName + "[" + i + "] is " + time[i]);
            }
        }
        return order;
    }
}
