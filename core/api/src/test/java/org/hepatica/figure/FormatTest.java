package org.hepatica.figure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FormatTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "4.75e-6   | p < 0.001",
        "0         | p < 0.001",
        "0.000999  | p < 0.001",
        "0.001     | p = 0.001",
        "0.00104   | p = 0.001",
        "0.0123    | p = 0.012",
        "0.0455    | p = 0.046",
        "0.04649   | p = 0.046",
        "0.05      | p = 0.050",
        "0.0995    | p = 0.10",
        "0.1234    | p = 0.12",
        "0.5       | p = 0.50",
        "0.8751650 | p = 0.88",
        "0.994     | p = 0.99",
        "0.996     | p > 0.99",
        "1         | p > 0.99",
        "0.1       | p = 0.10",
        "0.2       | p = 0.20",
        "0.9949    | p = 0.99",
        "0.995     | p > 0.99",
        "NaN       | p = NA",
        "-0.1      | p = NA",
        "1.0001    | p = NA",
    })
    void pValuesAreWrittenAsCliniciansWriteThem(double p, String expected) {
        assertEquals(expected, Format.p(p));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "0.0004 | < 0.001",
        "0.0319 | 0.032",
        "0.44   | 0.44",
        "0.001  | 0.001",
        "0.0015 | 0.002",
        "0.1    | 0.10",
        "1      | > 0.99",
        "1.5    | NA",
    })
    void theTableColumnHasTheNumberPartOnly(double p, String expected) {
        assertEquals(expected, Format.pValue(p));
    }

    @ParameterizedTest(name = "{0} with {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "21.55     | 1 | 21.6",
        "0.5       | 2 | 0.50",
        "1052      | 0 | 1052",
        "-0.001    | 2 | 0.00",
        "2.675     | 2 | 2.68",
        "NaN       | 1 | NA",
        "Infinity  | 1 | Inf",
        "-Infinity | 1 | -Inf",
        "2.5       | -1 | 3",
        "-2.5      | 0 | -3",
    })
    void numbersHaveTheirDecimalsWhateverTheLocale(double x, int decimals, String expected) {
        assertEquals(expected, Format.number(x, decimals));
    }

    @ParameterizedTest(name = "{0} ({1}-{2}) -> {3}")
    @CsvSource(delimiter = '|', value = {
        "0.544372855 | 0.417942716 | 0.709048858 | 0.54 (0.42-0.71)",
        "2.0855976   | 1.2997299   | 3.3466316   | 2.09 (1.30-3.35)",
        "0.01        | 0.004       | 0.05        | 0.01 (0.004-0.05)",
        "50          | 12.5        | 200         | 50.00 (12.50-200.00)",
        "-0.48       | -0.94       | -0.02       | -0.48 (-0.94 to -0.02)",
        "0.54        | NaN         | 0.71        | 0.54",
        "0.54        | 0.42        | NaN         | 0.54",
        "0.1         | 0.2         | -0.3        | 0.10 (0.20 to -0.30)",
        "0.5         | 0           | 0.9         | 0.50 (0.00-0.90)",
        "0           | 0           | 0           | 0.00 (0.00-0.00)",
    })
    void confidenceIntervals(double est, double lo, double hi, String expected) {
        assertEquals(expected, Format.ci(est, lo, hi));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "0.544      | 0.54",
        "0.01       | 0.01",
        "0.00999    | 0.010",
        "0.0012345  | 0.0012",
        "-0.0012345 | -0.0012",
        "0          | 0.00",
        "-0.01      | -0.01",
        "NaN        | NA",
    })
    void estimatesBelowAHundredthKeepTwoSignificantDigits(double x, String expected) {
        assertEquals(expected, Format.estimate(x));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "0      | <0.001",
        "0.0005 | <0.001",
        "0.0015 | 0.002",
        "0.9999 | 1.000",
        "1.0001 | NA",
        "-0.001 | NA",
    })
    void tablePValuesHaveThreeDecimals(double p, String expected) {
        assertEquals(expected, Format.tablePValue(p));
    }
}
