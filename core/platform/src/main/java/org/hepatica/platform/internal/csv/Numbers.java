package org.hepatica.platform.internal.csv;

import java.time.DateTimeException;
import java.time.LocalDate;

/** Strict parsing of numbers and ISO dates as the cohort CSV allows them. */
final class Numbers {
    private Numbers() {
    }

    /**
     * A decimal number: optional sign, digits, optional fraction, optional exponent. No NaN,
     * Infinity, hexadecimal, thousands separators or decimal commas.
     *
     * @return the value, or {@code NaN} when {@code s} is not such a number
     */
    static double parse(String s) {
        int n = s.length();
        int i = 0;
        if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            i++;
        }
        int digits = 0;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
            digits++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return Double.NaN;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
                i++;
            }
            int exp = 0;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                exp++;
            }
            if (exp == 0) {
                return Double.NaN;
            }
        }
        if (i != n) {
            return Double.NaN;
        }
        double v = Double.parseDouble(s);
        return Double.isInfinite(v) ? Double.NaN : v;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /**
     * An ISO-8601 calendar date {@code YYYY-MM-DD} as days since 1970-01-01.
     *
     * @throws IllegalArgumentException with the reason when {@code s} is not a valid date
     */
    static long parseDate(String s) {
        if (s.length() != 10 || s.charAt(4) != '-' || s.charAt(7) != '-') {
            throw new IllegalArgumentException("'" + s + "' is not an ISO-8601 date (YYYY-MM-DD)");
        }
        for (int k : new int[] {0, 1, 2, 3, 5, 6, 8, 9}) {
            if (!isDigit(s.charAt(k))) {
                throw new IllegalArgumentException("'" + s + "' is not an ISO-8601 date (YYYY-MM-DD)");
            }
        }
        try {
            return LocalDate.of(Integer.parseInt(s, 0, 4, 10), Integer.parseInt(s, 5, 7, 10),
                    Integer.parseInt(s, 8, 10, 10)).toEpochDay();
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("'" + s + "' is not a calendar date", e);
        }
    }
}
