package org.hepatica.platform.internal.csv;

import java.nio.charset.StandardCharsets;

/**
 * Strict parsing of numbers and ISO dates as the cohort CSV allows them, straight from a record's
 * bytes (the CSV reader's fast path) or from a String (messages, level checks); both give the same
 * result.
 *
 * <p>Numbers: the grammar is checked first; then, when the digits hold at most
 * {@value #FAST_DIGITS} significant digits and the decimal exponent {@code k} is within
 * +-{@value #FAST_POWER}, the value is {@code m * 10^k} or {@code m / 10^-k} computed in one double
 * operation. Both operands are exact doubles ({@code m < 10^15 < 2^53}, {@code 10^22 < 5^23 * 2^22}
 * with {@code 5^22 < 2^53}), so the one IEEE rounding gives the correctly rounded value, the same as
 * {@link Double#parseDouble} (W. D. Clinger, "How to read floating point numbers accurately", PLDI
 * 1990, the "fast path"). Any other number goes to {@link Double#parseDouble}.
 *
 * <p>Dates: {@code YYYY-MM-DD} is checked digit by digit, the day against the Gregorian month length,
 * and the epoch day computed arithmetically (H. Hinnant, "chrono-Compatible Low-Level Date
 * Algorithms", {@code days_from_civil}); the same day as {@code LocalDate.toEpochDay()}.
 */
final class Numbers {
    /** {@link #epochDay} of a field that is not a valid {@code YYYY-MM-DD} date. */
    static final long NOT_A_DATE = Long.MIN_VALUE;

    static final int FAST_DIGITS = 15;
    static final int FAST_POWER = 22;
    /** 10^0 .. 10^22, every one exact as a double. */
    private static final double[] POWERS = new double[FAST_POWER + 1];
    /** An exponent beyond any double; larger written exponents are not added up further. */
    private static final int EXPONENT_CAP = 100_000;

    static {
        POWERS[0] = 1;
        for (int k = 1; k <= FAST_POWER; k++) {
            POWERS[k] = POWERS[k - 1] * 10;
        }
    }

    private Numbers() {
    }

    /**
     * A decimal number: optional sign, digits, optional fraction, optional exponent. No NaN,
     * Infinity, hexadecimal, thousands separators or decimal commas.
     *
     * @return the value, or {@code NaN} when {@code s} is not such a number
     */
    static double parse(String s) {
        for (int k = 0; k < s.length(); k++) {
            if (s.charAt(k) >= 0x80) {
                return Double.NaN;
            }
        }
        byte[] ascii = s.getBytes(StandardCharsets.ISO_8859_1);
        return parse(ascii, 0, ascii.length);
    }

    /**
     * {@link #parse(String)} of the ASCII bytes {@code b[from, to)}.
     *
     * @return the value, or {@code NaN} when the bytes are not such a number
     */
    static double parse(byte[] b, int from, int to) {
        int i = from;
        boolean negative = false;
        if (i < to && (b[i] == '-' || b[i] == '+')) {
            negative = b[i] == '-';
            i++;
        }
        long mantissa = 0;
        int significant = 0;
        boolean exact = true; // every significant digit is in mantissa
        int scale = 0; // fraction digits taken into mantissa
        int digits = 0;
        boolean fraction = false;
        for (; i < to; i++) {
            int c = b[i];
            if (c == '.' && !fraction) {
                fraction = true;
                continue;
            }
            if (!isDigit(c)) {
                break;
            }
            digits++;
            int d = c - '0';
            if (mantissa == 0 && d == 0) {
                // a leading zero: no significant digit, but it still shifts a fraction
                scale += fraction ? 1 : 0;
            } else if (significant < FAST_DIGITS) {
                mantissa = mantissa * 10 + d;
                significant++;
                scale += fraction ? 1 : 0;
            } else {
                exact = false;
            }
        }
        if (digits == 0) {
            return Double.NaN;
        }
        int exponent = 0;
        if (i < to && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            boolean negativeExponent = false;
            if (i < to && (b[i] == '-' || b[i] == '+')) {
                negativeExponent = b[i] == '-';
                i++;
            }
            int expDigits = 0;
            while (i < to && isDigit(b[i])) {
                exponent = Math.min(EXPONENT_CAP, exponent * 10 + (b[i] - '0'));
                i++;
                expDigits++;
            }
            if (expDigits == 0) {
                return Double.NaN;
            }
            exponent = negativeExponent ? -exponent : exponent;
        }
        if (i != to) {
            return Double.NaN;
        }
        if (mantissa == 0 && exact) {
            return negative ? -0.0 : 0.0;
        }
        // value = mantissa * 10^k
        int k = exponent - scale;
        if (exact && k >= -FAST_POWER && k <= FAST_POWER) {
            double v = k >= 0 ? mantissa * POWERS[k] : mantissa / POWERS[-k];
            return negative ? -v : v;
        }
        double v = Double.parseDouble(new String(b, from, to - from, StandardCharsets.ISO_8859_1));
        return Double.isInfinite(v) ? Double.NaN : v;
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    /**
     * An ISO-8601 calendar date {@code YYYY-MM-DD} as days since 1970-01-01.
     *
     * @throws IllegalArgumentException with the reason when {@code s} is not a valid date
     */
    static long parseDate(String s) {
        if (s.length() != 10 || !isDateShape(s.getBytes(StandardCharsets.ISO_8859_1), 0)) {
            throw new IllegalArgumentException("'" + s + "' is not an ISO-8601 date (YYYY-MM-DD)");
        }
        long day = epochDay(s.getBytes(StandardCharsets.ISO_8859_1), 0, 10);
        if (day == NOT_A_DATE) {
            throw new IllegalArgumentException("'" + s + "' is not a calendar date");
        }
        return day;
    }

    /** Whether the ten bytes from {@code from} are digits with '-' at offsets 4 and 7. */
    private static boolean isDateShape(byte[] b, int from) {
        for (int k = 0; k < 10; k++) {
            boolean ok = k == 4 || k == 7 ? b[from + k] == '-' : isDigit(b[from + k]);
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /**
     * The ASCII bytes {@code b[from, to)} as {@code YYYY-MM-DD}, in days since 1970-01-01.
     *
     * @return the day, or {@link #NOT_A_DATE} when the bytes are not a valid calendar date
     */
    static long epochDay(byte[] b, int from, int to) {
        if (to - from != 10 || !isDateShape(b, from)) {
            return NOT_A_DATE;
        }
        int y = digits(b, from, 4);
        int m = digits(b, from + 5, 2);
        int d = digits(b, from + 8, 2);
        if (m < 1 || m > 12 || d < 1 || d > monthLength(y, m)) {
            return NOT_A_DATE;
        }
        // days_from_civil: a year starting in March puts the leap day last
        int ym = m <= 2 ? y - 1 : y;
        long era = Math.floorDiv(ym, 400);
        long yearOfEra = ym - era * 400; // [0, 399]
        long dayOfYear = (153L * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1; // [0, 365], from March 1
        long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear; // [0, 146096]
        return era * 146_097 + dayOfEra - 719_468; // 719468 = days from 0000-03-01 to 1970-01-01
    }

    private static int digits(byte[] b, int from, int n) {
        int v = 0;
        for (int k = from; k < from + n; k++) {
            v = v * 10 + (b[k] - '0');
        }
        return v;
    }

    /** Days in month {@code m} of year {@code y}, Gregorian calendar (proleptic, as java.time). */
    private static int monthLength(int y, int m) {
        return switch (m) {
            case 2 -> (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }
}
