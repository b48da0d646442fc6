package org.hepatica.platform.internal.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The byte parsers give exactly what Double.parseDouble and LocalDate give, and refuse the same inputs. */
class NumbersTest {

    private static double parseBytes(String s) {
        byte[] b = ("  " + s + "  ").getBytes(StandardCharsets.ISO_8859_1);
        return Numbers.parse(b, 2, b.length - 2);
    }

    private static void assertSame(String s) {
        double expected = Double.parseDouble(s);
        // bit for bit, so -0.0 and 0.0 differ
        assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(parseBytes(s)), s);
        assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(Numbers.parse(s)), s);
    }

    @Test
    void decimalsAreReadExactlyAsDoubleParseDouble() {
        for (String s : new String[] {"0", "-0", "+0", "0.0", "-0.000e5", "1", "007", "12.5", "-3.25", ".5", "5.",
                "0.1", "0.2", "0.3", "130.6", "2.7", "1e3", "1E-3", "1.5e+2", "123456789012345", "1234567890123456",
                "12345678901234567890", "0.000000000000000000000001", "9007199254740993", "1e22", "1e23", "1e-22",
                "1e-23", "4.9e-324", "1.7976931348623157e308", "2.2250738585072014E-308", "0.30000000000000004",
                "100000000000000000000000", "1.000000000000000000001"}) {
            assertSame(s);
        }
        SplittableRandom r = new SplittableRandom(42);
        for (int k = 0; k < 100_000; k++) {
            StringBuilder b = new StringBuilder();
            if (r.nextInt(4) == 0) {
                b.append('-');
            }
            int intDigits = r.nextInt(12);
            for (int d = 0; d < intDigits; d++) {
                b.append((char) ('0' + r.nextInt(10)));
            }
            int fracDigits = r.nextInt(intDigits == 0 ? 1 : 0, 12);
            if (fracDigits > 0 || r.nextBoolean()) {
                b.append('.');
            }
            for (int d = 0; d < fracDigits; d++) {
                b.append((char) ('0' + r.nextInt(10)));
            }
            if (intDigits + fracDigits == 0) {
                b.append('1');
            }
            if (r.nextInt(5) == 0) {
                b.append(r.nextBoolean() ? 'e' : 'E').append(r.nextBoolean() ? "-" : "").append(r.nextInt(40));
            }
            assertSame(b.toString());
        }
        // the JDK's own shortest representations read back to themselves
        for (int k = 0; k < 20_000; k++) {
            double v = r.nextDouble() * Math.pow(10, r.nextInt(-10, 10));
            assertSame(Double.toString(v).toLowerCase(Locale.ROOT));
            assertSame(String.format(Locale.ROOT, "%.3f", v));
        }
    }

    @Test
    void onlyPlainDecimalsAreNumbers() {
        for (String s : new String[] {"", "-", "+", ".", "-.", "e5", "1e", "1e+", "1.2.3", "1,5", "1 000", "NaN",
                "Infinity", "-Infinity", "0x10", "1d", "1f", "--1", "1e5.5", "1e400", "-1e400", "\u00bd", "١"}) {
            assertTrue(Double.isNaN(Numbers.parse(s)), s);
            if (s.chars().allMatch(c -> c < 0x80)) {
                assertTrue(Double.isNaN(parseBytes(s)), s);
            }
        }
    }

    @Test
    void everyDateOfTheFourDigitYearsHasLocalDatesEpochDay() {
        byte[] b = new byte[10];
        for (LocalDate d = LocalDate.of(0, 1, 1); d.getYear() <= 9999; d = d.plusDays(1)) {
            write(b, 0, 4, d.getYear());
            b[4] = '-';
            write(b, 5, 2, d.getMonthValue());
            b[7] = '-';
            write(b, 8, 2, d.getDayOfMonth());
            if (Numbers.epochDay(b, 0, 10) != d.toEpochDay()) {
                assertEquals(d.toEpochDay(), Numbers.epochDay(b, 0, 10), d.toString());
            }
        }
    }

    /** Writes {@code v} as {@code n} decimal digits with leading zeros. */
    private static void write(byte[] b, int from, int n, int v) {
        for (int k = from + n - 1; k >= from; k--) {
            b[k] = (byte) ('0' + v % 10);
            v /= 10;
        }
    }

    @Test
    void invalidDatesAreRefusedWithTheSameReasons() {
        for (String s : new String[] {"2019-02-29", "2100-02-29", "2020-04-31", "2020-00-10", "2020-13-01",
                "2020-01-00", "2020-01-32"}) {
            byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
            assertEquals(Numbers.NOT_A_DATE, Numbers.epochDay(b, 0, b.length), s);
            assertEquals("'" + s + "' is not a calendar date",
                    assertThrows(IllegalArgumentException.class, () -> Numbers.parseDate(s)).getMessage());
        }
        for (String s : new String[] {"2020-1-01", "2020/01/01", "01/02/2020", "2020-01-01T00", "20200101",
                "2020-0a-01", "+020-01-01", "2020-01-1 "}) {
            byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
            assertEquals(Numbers.NOT_A_DATE, Numbers.epochDay(b, 0, b.length), s);
            assertEquals("'" + s + "' is not an ISO-8601 date (YYYY-MM-DD)",
                    assertThrows(IllegalArgumentException.class, () -> Numbers.parseDate(s)).getMessage());
        }
        assertEquals(LocalDate.of(2000, 2, 29).toEpochDay(), Numbers.parseDate("2000-02-29"));
    }
}
