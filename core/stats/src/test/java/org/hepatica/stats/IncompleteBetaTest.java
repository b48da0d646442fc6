package org.hepatica.stats;

import static org.hepatica.stats.Relative.assertRelative;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The beta, t and F tails behind the Welch, ANOVA and exact-interval tests, against R 4.2.2. */
class IncompleteBetaTest {

    /** R: pbeta(x, a, b), on both sides of the switch to the symmetric fraction. */
    @ParameterizedTest(name = "pbeta({0}, {1}, {2}) = {3}")
    @CsvSource({
        "0.3, 2, 3, 0.34829999999999989",
        "0.9, 2, 3, 0.99629999999999996",
        "0.5, 0.5, 0.5, 0.49999999999999956",
        "0.001, 0.2, 40, 0.56730396406772077",
    })
    void regularizedAgreesWithR(double x, double a, double b, double p) {
        assertRelative(p, IncompleteBeta.regularized(x, a, b), 1e-13);
    }

    @Test
    void regularizedAtAndBeyondTheEndsOfTheUnitInterval() {
        assertEquals(0.0, IncompleteBeta.regularized(0, 2, 3));
        assertEquals(0.0, IncompleteBeta.regularized(-0.5, 2, 3));
        assertEquals(1.0, IncompleteBeta.regularized(1, 2, 3));
        assertEquals(1.0, IncompleteBeta.regularized(1.5, 2, 3));
        assertTrue(Double.isNaN(IncompleteBeta.regularized(Double.NaN, 2, 3)));
        assertTrue(Double.isNaN(IncompleteBeta.regularized(0.5, 0, 3)), "a = 0");
        assertTrue(Double.isNaN(IncompleteBeta.regularized(0.5, 2, 0)), "b = 0");
    }

    /** R: qbeta(p, a, b); the quantile inverts pbeta. */
    @Test
    void quantileAgreesWithR() {
        assertRelative(0.066739511177734467, IncompleteBeta.quantile(0.025, 3, 8), 1e-12);
        assertRelative(0.94725504947368311, IncompleteBeta.quantile(0.975, 4, 2), 1e-12);
        assertEquals(0.0, IncompleteBeta.quantile(0, 3, 8));
        assertEquals(1.0, IncompleteBeta.quantile(1, 3, 8));
        assertTrue(Double.isNaN(IncompleteBeta.quantile(-0.01, 3, 8)));
        assertTrue(Double.isNaN(IncompleteBeta.quantile(1.01, 3, 8)));
        assertTrue(Double.isNaN(IncompleteBeta.quantile(Double.NaN, 3, 8)));
        assertTrue(Double.isNaN(IncompleteBeta.quantile(0.5, 0, 8)));
        assertTrue(Double.isNaN(IncompleteBeta.quantile(0.5, 3, 0)));
    }

    /** R: 2 * pt(-|t|, df). */
    @Test
    void studentTwoSidedAgreesWithR() {
        assertRelative(0.073871196212922596, IncompleteBeta.studentTwoSided(2.1, 7), 1e-12);
        assertRelative(0.073871196212922596, IncompleteBeta.studentTwoSided(-2.1, 7), 1e-12);
        assertRelative(0.62072300488512733, IncompleteBeta.studentTwoSided(0.5, 30), 1e-12);
        assertEquals(1.0, IncompleteBeta.studentTwoSided(0, 7));
        assertEquals(0.0, IncompleteBeta.studentTwoSided(Double.POSITIVE_INFINITY, 7));
        assertEquals(0.0, IncompleteBeta.studentTwoSided(Double.NEGATIVE_INFINITY, 7));
        assertTrue(Double.isNaN(IncompleteBeta.studentTwoSided(1, 0)));
        assertTrue(Double.isNaN(IncompleteBeta.studentTwoSided(Double.NaN, 7)));
    }

    /** R: pf(f, d1, d2, lower.tail = FALSE). */
    @Test
    void fUpperTailAgreesWithR() {
        assertRelative(0.056602226408500836, IncompleteBeta.fUpperTail(3.2, 2, 27), 1e-12);
        assertRelative(0.83965287164802249, IncompleteBeta.fUpperTail(0.4, 5, 12), 1e-12);
        assertEquals(1.0, IncompleteBeta.fUpperTail(0, 5, 12));
        assertEquals(1.0, IncompleteBeta.fUpperTail(-1, 5, 12));
        assertEquals(0.0, IncompleteBeta.fUpperTail(Double.POSITIVE_INFINITY, 5, 12));
        assertTrue(Double.isNaN(IncompleteBeta.fUpperTail(1, 0, 12)));
        assertTrue(Double.isNaN(IncompleteBeta.fUpperTail(1, 5, 0)));
        assertTrue(Double.isNaN(IncompleteBeta.fUpperTail(Double.NaN, 5, 12)));
    }
}
