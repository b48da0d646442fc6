package org.hepatica.stats;

import static org.hepatica.stats.Relative.assertRelative;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DistributionsTest {

    /** R: pnorm(z); the far tails keep full relative precision. */
    @ParameterizedTest(name = "pnorm({0}) = {1}")
    @CsvSource({
        "1.96, 0.9750021048517795",
        "-1.96, 0.024997895148220435",
        "0.5, 0.6914624612740131",
        "0.1, 0.539827837277029",
        "-0.6744, 0.2500285213729406",
        "3, 0.9986501019683699",
        "-5, 2.866515718791946e-07",
        "-10, 7.619853024160593e-24",
        "-20, 2.7536241186063314e-89",
        "-37, 5.725571222525139e-300",
        "0, 0.5"})
    void normalCdf(double z, double p) {
        assertRelative(p, Distributions.normalCdf(z), 1e-13);
        assertRelative(p, Distributions.normalUpperTail(-z), 1e-13);
    }

    @Test
    void normalCdfExtremes() {
        assertEquals(0.0, Distributions.normalCdf(-40));
        assertEquals(1.0, Distributions.normalCdf(40));
        assertEquals(0.0, Distributions.normalUpperTail(Double.POSITIVE_INFINITY));
        assertTrue(Double.isNaN(Distributions.normalCdf(Double.NaN)));
    }

    /** R: qnorm(p) (AS 241). */
    @ParameterizedTest(name = "qnorm({0}) = {1}")
    @CsvSource({
        "0.975, 1.959963984540054",
        "0.995, 2.5758293035489004",
        "0.9, 1.2815515655446004",
        "0.3, -0.5244005127080409",
        "0.5000001, 2.506628273311648e-07",
        "1e-10, -6.361340902404056",
        "1e-300, -37.0470962993612",
        "0.5, 0"})
    void normalQuantile(double p, double z) {
        double q = Distributions.normalQuantile(p);
        if (z == 0) {
            assertEquals(0.0, q);
        } else {
            assertRelative(z, q, 1e-14);
        }
    }

    @Test
    void quantileInvertsCdf() {
        Random rnd = new Random(1);
        for (int i = 0; i < 1000; i++) {
            // lower half only: near p = 1 the double p itself is the limit, not the algorithm
            double z = -Math.abs(rnd.nextGaussian() * 5);
            assertEquals(z, Distributions.normalQuantile(Distributions.normalCdf(z)),
                    1e-12 * Math.max(1, Math.abs(z)));
        }
        assertEquals(Double.NEGATIVE_INFINITY, Distributions.normalQuantile(0));
        assertEquals(Double.POSITIVE_INFINITY, Distributions.normalQuantile(1));
        assertTrue(Double.isNaN(Distributions.normalQuantile(1.5)));
    }

    /** R: pchisq(x, df, lower.tail = FALSE). */
    @ParameterizedTest(name = "pchisq({0}, {1}, lower.tail = FALSE) = {2}")
    @CsvSource({
        "3.5, 1, 0.0613688291394023",
        "10.3267419548856, 1, 0.00131116452035549",
        "0.2, 5, 0.9991138612111875",
        "300, 7, 6.0496418565564134e-61",
        "30.5, 3, 1.0831686754579124e-06",
        "5, 3, 0.17179714429673318",
        "60, 3, 5.878230727906912e-13",
        "100, 1, 1.5239706048321186e-23",
        "20, 4, 0.0004993992273873334",
        "50, 2, 1.3887943864964021e-11"})
    void chiSquareUpperTail(double x, double df, double p) {
        assertRelative(p, Distributions.chiSquareUpperTail(x, df), 1e-12);
    }

    @Test
    void chiSquareEdges() {
        assertEquals(1.0, Distributions.chiSquareUpperTail(0, 1));
        assertEquals(1.0, Distributions.chiSquareUpperTail(-1, 1));
        assertEquals(0.0, Distributions.chiSquareUpperTail(5000, 1));
        assertTrue(Double.isNaN(Distributions.chiSquareUpperTail(1, 0)));
        // df = 1: Q(1/2, x/2) = 2 P(Z > sqrt(x))
        for (double x = 0.01; x < 200; x *= 1.7) {
            assertRelative(2 * Distributions.normalUpperTail(Math.sqrt(x)),
                    Distributions.chiSquareUpperTail(x, 1), 1e-12);
        }
    }

    @Test
    void logGamma() {
        assertRelative(0.5723649429247004, Distributions.logGamma(0.5), 1e-14);
        assertRelative(12.801827480081467, Distributions.logGamma(10), 1e-14);
        assertRelative(469.3360974421906, Distributions.logGamma(123.4), 1e-14);
        assertRelative(4.599479878042022, Distributions.logGamma(0.01), 1e-14);
    }
}
