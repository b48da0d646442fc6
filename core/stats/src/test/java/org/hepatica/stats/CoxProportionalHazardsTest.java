package org.hepatica.stats;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Degenerate data (answer with a warning, never an exception) and properties of the Cox fit that
 * hold for any data (checked on seeded random cohorts).
 */
class CoxProportionalHazardsTest {

    private static final CoxProportionalHazards COX = CoxProportionalHazards.create();

    /** A random cohort: exponential times, uniform censoring, binary and normal covariates. */
    record Cohort(double[] time, int[] status, double[][] x) {

        static Cohort random(long seed, int n, boolean integerTimes) {
            Random rnd = new Random(seed);
            double[] time = new double[n];
            int[] status = new int[n];
            double[][] x = new double[3][n];
            for (int i = 0; i < n; i++) {
                x[0][i] = rnd.nextInt(2);
                x[1][i] = rnd.nextGaussian();
                x[2][i] = 40 + rnd.nextInt(40);
                double lp = 0.7 * x[0][i] - 0.4 * x[1][i] + 0.02 * x[2][i];
                double t = -Math.log(rnd.nextDouble()) / (0.002 * Math.exp(lp - 1.5));
                double c = rnd.nextDouble() * 2000;
                time[i] = Math.min(t, c);
                if (integerTimes) {
                    time[i] = Math.ceil(time[i] / 30); // months: many ties
                }
                status[i] = t <= c ? 1 : 0;
            }
            return new Cohort(time, status, x);
        }

        CoxResult fit(CoxProportionalHazards cox) {
            return cox.fit(time, status, null, x, new String[] {"x1", "x2", "x3"});
        }
    }

    private static void assertRelative(double expected, double actual, double tol, String what) {
        assertTrue(Math.abs(expected - actual) <= tol * Math.max(1e-12, Math.abs(expected)),
                () -> what + ": expected " + expected + " but was " + actual);
    }

    /** A column collinear with the cohort's first two: 2 x2 + 3 x1 - 1. */
    private static double[] collinear(Cohort c) {
        double[] alias = new double[c.time().length];
        for (int i = 0; i < alias.length; i++) {
            alias[i] = 2 * c.x()[1][i] + 3 * c.x()[0][i] - 1;
        }
        return alias;
    }

    private static double coef(CoxResult r, int j) {
        return r.terms().get(j).coef();
    }

    @Nested
    class DegenerateData {

        @Test
        void noEventsGivesNullCoefficientsAndAWarning() {
            double[] time = {5, 8, 13, 21};
            int[] status = {0, 0, 0, 0};
            double[][] x = {{1, 0, 1, 0}};
            CoxResult r = COX.fit(time, status, null, x, new String[] {"arm"});
            assertAll(
                    () -> assertEquals(0, r.events()),
                    () -> assertNull(r.terms().get(0).coef()),
                    () -> assertNull(r.terms().get(0).hazardRatio()),
                    () -> assertNull(r.likelihoodRatio()),
                    () -> assertNull(r.concordance()),
                    () -> assertEquals(List.of(), r.phTest()),
                    () -> assertEquals(0.0, r.logLik()),
                    () -> assertTrue(r.warnings().stream().anyMatch(w -> w.contains("no events")), r.warnings()::toString));
        }

        @Test
        void constantCovariateIsNullAndTheOthersAreUnaffected() {
            Cohort c = Cohort.random(1, 300, false);
            double[] constant = new double[300];
            java.util.Arrays.fill(constant, 7.5);
            CoxResult with = COX.fit(c.time(), c.status(), null, new double[][] {c.x()[0], constant, c.x()[1]},
                    new String[] {"x1", "k", "x2"});
            CoxResult without = COX.fit(c.time(), c.status(), null, new double[][] {c.x()[0], c.x()[1]},
                    new String[] {"x1", "x2"});
            assertNull(with.terms().get(1).coef());
            assertTrue(with.warnings().stream().anyMatch(w -> w.contains("'k' is constant")), with.warnings()::toString);
            assertRelative(coef(without, 0), coef(with, 0), 1e-10, "x1");
            assertRelative(coef(without, 1), coef(with, 2), 1e-10, "x2");
            assertEquals(2, with.likelihoodRatio().df());
            assertEquals(List.of("x1", "x2", "GLOBAL"), with.phTest().stream().map(ProportionalHazardsTest.TermTest::term).toList());
        }

        @Test
        void collinearCovariateIsAliasedLikeRsNa() {
            Cohort c = Cohort.random(2, 400, true);
            double[] alias = collinear(c);
            CoxResult r = COX.fit(c.time(), c.status(), null, new double[][] {c.x()[0], c.x()[1], alias},
                    new String[] {"x1", "x2", "alias"});
            CoxResult reduced = COX.fit(c.time(), c.status(), null, new double[][] {c.x()[0], c.x()[1]},
                    new String[] {"x1", "x2"});
            assertNull(r.terms().get(2).coef(), "coxph reports NA for the aliased column");
            assertTrue(r.warnings().stream().anyMatch(w -> w.contains("singular") && w.contains("alias")), r.warnings()::toString);
            assertRelative(coef(reduced, 0), coef(r, 0), 1e-8, "x1");
            assertRelative(coef(reduced, 1), coef(r, 1), 1e-8, "x2");
            assertRelative(reduced.logLik(), r.logLik(), 1e-12, "loglik");
            assertEquals(2, r.wald().df());
            assertRelative(reduced.wald().statistic(), r.wald().statistic(), 1e-8, "wald");
        }

        @Test
        void separationWarnsThatTheCoefficientMayBeInfinite() {
            // every treated subject fails before any untreated one: monotone likelihood
            int n = 40;
            double[] time = new double[n];
            int[] status = new int[n];
            double[] arm = new double[n];
            for (int i = 0; i < n; i++) {
                arm[i] = i < 20 ? 1 : 0;
                time[i] = i + 1;
                status[i] = 1;
            }
            CoxResult r = COX.fit(time, status, null, new double[][] {arm}, new String[] {"arm"});
            assertTrue(r.warnings().stream().anyMatch(w -> w.contains("Loglik converged before variable arm")
                    && w.contains("coefficient may be infinite")), r.warnings()::toString);
            assertTrue(r.terms().get(0).coef() > 5, "diverging coefficient: " + r.terms().get(0).coef());
            assertTrue(r.converged());
            assertNotNull(r.likelihoodRatio());
        }

        @Test
        void allTimesTiedStillGivesAnAnswer() {
            double[] time = {10, 10, 10, 10, 10, 10};
            int[] status = {1, 0, 1, 1, 0, 1};
            double[][] x = {{1, 0, 1, 0, 0, 1}};
            for (CoxTies ties : CoxTies.values()) {
                CoxResult r = COX.withTies(ties).fit(time, status, null, x, new String[] {"x"});
                assertTrue(r.warnings().stream().anyMatch(w -> w.contains("all times are tied")), r.warnings()::toString);
                assertEquals(4, r.events());
                assertTrue(Double.isFinite(r.logLik()));
            }
        }

        @Test
        void oneSubjectStillGivesAnAnswer() {
            CoxResult r = COX.fit(new double[] {12}, new int[] {1}, null, new double[][] {{3.0}}, new String[] {"x"});
            assertEquals(1, r.n());
            assertNull(r.terms().get(0).coef());
            assertEquals(List.of("only one subject: nothing can be estimated"), r.warnings());
        }

        @Test
        void noRowsStillGivesAnAnswer() {
            CoxResult r = COX.fit(new double[0], new int[0], null, new double[][] {new double[0]}, new String[] {"x"});
            assertEquals(0, r.n());
            assertEquals(List.of("no rows to analyse"), r.warnings());
        }

        @Test
        void singleInformativeRiskSetOnlyWarnsNoException() {
            // the only event happens last: its risk set holds only itself
            CoxResult r = COX.fit(new double[] {1, 2, 3}, new int[] {0, 0, 1}, null,
                    new double[][] {{0.5, 1.5, 2.5}}, new String[] {"x"});
            assertEquals(1, r.events());
            assertNull(r.terms().get(0).coef());
            // a log-likelihood of 0 at 0 and after the first step is convergence (R's relative
            // rule divides 0 by 0 and runs out of its 20 iterations)
            assertTrue(r.converged());
            assertEquals(1, r.iterations());
            assertEquals(0.0, r.logLik());
            assertEquals(List.of("X matrix deemed to be singular (collinear covariates, or no information in the"
                    + " risk sets): no estimable coefficient for x (null)"), r.warnings());
        }

        @Test
        void ranOutOfIterationsIsReported() {
            Cohort c = Cohort.random(3, 200, false);
            CoxResult r = c.fit(COX.withMaxIterations(2).withEpsilon(1e-300));
            assertFalse(r.converged());
            assertEquals(2, r.iterations());
            assertTrue(r.warnings().contains("Ran out of iterations and did not converge"), r.warnings()::toString);
        }

        @Test
        void invalidArgumentsAreRejectedWithTheirName() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> COX.fit(new double[] {1, 2}, new int[] {1, 2}, null, new double[][] {{0, 1}}, new String[] {"x"}));
            assertEquals("status[1] must be in 0..1, was 2", e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> COX.fit(new double[] {1, Double.NaN}, new int[] {1, 0}, null, new double[][] {{0, 1}}, new String[] {"x"}));
            assertEquals("time[1] must be finite, was NaN", e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> COX.fit(new double[] {1, 2}, new int[] {1, 0}, null, new double[][] {{0, 1, 2}}, new String[] {"x"}));
            assertEquals("time has length 2 but x[0] has length 3", e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> COX.fit(new double[] {1, 2}, new int[] {1}, null, new double[][] {{0, 1}}, new String[] {"x"}));
            assertEquals("time has length 2 but status has length 1", e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> COX.fit(new double[] {1, 2}, new int[] {1, 0}, null, new double[][] {{0, 1}}, new String[] {"x", "y"}));
            assertEquals("x has length 1 but termNames has length 2", e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> COX.fit(new double[] {1, 2}, new int[] {1, 0}, new int[] {0}, new double[][] {{0, 1}}, new String[] {"x"}));
            assertEquals("time has length 2 but strata has length 1", e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> COX.fit(new double[] {1, 2}, new int[] {1, 0}, new int[] {0, -1}, new double[][] {{0, 1}}, new String[] {"x"}));
            assertEquals("strata[1] must be >= 0, was -1", e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> COX.fit(new double[] {1, 2}, new int[] {1, 0}, null, new double[][] {{0, Double.NaN}}, new String[] {"x"}));
            assertEquals("x[0][1] must be finite, was NaN", e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> COX.withConfLevel(1.0));
            assertEquals("confLevel must be > 0 and < 1, was 1.0", e.getMessage());
        }
    }

    @Nested
    class Properties {

        /** The engine's log-rank (survdiff) chi-square for a binary group without strata. */
        private double logRankChiSquare(double[] time, int[] status, double[] group) {
            int[] codes = new int[group.length];
            for (int i = 0; i < codes.length; i++) {
                codes[i] = (int) group[i];
            }
            return LogRankTest.create().test(time, status, codes, new String[] {"0", "1"}).chiSquare();
        }

        @Test
        void scoreTestOfOneBinaryCovariateIsTheLogRankTest() {
            for (long seed = 10; seed < 20; seed++) {
                Cohort c = Cohort.random(seed, 150, false); // continuous times: no ties
                for (CoxTies ties : CoxTies.values()) {
                    CoxResult r = COX.withTies(ties).fit(c.time(), c.status(), null, new double[][] {c.x()[0]},
                            new String[] {"arm"});
                    assertRelative(logRankChiSquare(c.time(), c.status(), c.x()[0]), r.score().statistic(), 1e-10,
                            "seed " + seed + " " + ties);
                }
            }
        }

        @Test
        void breslowScoreTestWithTiesIsObservedMinusExpectedOverItsBinomialVariance() {
            Cohort c = Cohort.random(15, 300, true); // months: many tied event times
            double[] arm = c.x()[0];
            double[] distinct = java.util.Arrays.stream(c.time()).distinct().toArray();
            double oMinusE = 0;
            double var = 0;
            for (double t : distinct) {
                double n = 0;
                double n1 = 0;
                double d = 0;
                double d1 = 0;
                for (int i = 0; i < arm.length; i++) {
                    if (c.time()[i] >= t) {
                        n++;
                        n1 += arm[i];
                        if (c.time()[i] == t && c.status()[i] == 1) {
                            d++;
                            d1 += arm[i];
                        }
                    }
                }
                oMinusE += d1 - d * n1 / n;
                var += d * (n1 / n) * (1 - n1 / n); // Breslow: no (n - d)/(n - 1) correction
            }
            CoxResult r = COX.withTies(CoxTies.BRESLOW).fit(c.time(), c.status(), null, new double[][] {arm},
                    new String[] {"arm"});
            assertRelative(oMinusE * oMinusE / var, r.score().statistic(), 1e-10, "score");
        }

        @Test
        void modelWithoutCovariatesIsTheNullModel() {
            Cohort c = Cohort.random(16, 100, true);
            CoxResult r = COX.fit(c.time(), c.status(), null, new double[0][], new String[0]);
            assertEquals(List.of(), r.terms());
            assertEquals(r.logLikNull(), r.logLik());
            assertNull(r.likelihoodRatio());
            assertEquals(0.5, r.concordance());
        }

        @Test
        void sparseStrataCodesAreAccepted() {
            Cohort c = Cohort.random(17, 100, true);
            int[] sparse = new int[100];
            int[] dense = new int[100];
            for (int i = 0; i < 100; i++) {
                dense[i] = i % 3;
                sparse[i] = dense[i] * 1_000_000;
            }
            CoxResult a = COX.fit(c.time(), c.status(), dense, c.x(), new String[] {"x1", "x2", "x3"});
            CoxResult b = COX.fit(c.time(), c.status(), sparse, c.x(), new String[] {"x1", "x2", "x3"});
            assertEquals(a.terms(), b.terms());
        }

        @Test
        void efronEqualsBreslowWithoutTies() {
            Cohort c = Cohort.random(21, 250, false);
            CoxResult efron = c.fit(COX);
            CoxResult breslow = c.fit(COX.withTies(CoxTies.BRESLOW));
            for (int j = 0; j < 3; j++) {
                assertRelative(coef(efron, j), coef(breslow, j), 1e-12, "coef " + j);
            }
            assertRelative(efron.logLik(), breslow.logLik(), 1e-12, "loglik");
        }

        @Test
        void hazardRatiosDoNotDependOnTheTimeScale() {
            for (long seed = 30; seed < 35; seed++) {
                Cohort c = Cohort.random(seed, 300, true);
                CoxResult days = c.fit(COX);
                double[] years = java.util.Arrays.stream(c.time()).map(t -> Math.sqrt(t) / 365.25 + 2).toArray();
                CoxResult r = COX.fit(years, c.status(), null, c.x(), new String[] {"x1", "x2", "x3"});
                for (int j = 0; j < 3; j++) {
                    assertRelative(days.terms().get(j).hazardRatio(), r.terms().get(j).hazardRatio(), 1e-12, "HR " + j);
                    assertRelative(days.phTest().get(j).chiSquare(), r.phTest().get(j).chiSquare(), 1e-10, "zph " + j);
                }
                assertRelative(days.logLik(), r.logLik(), 1e-12, "loglik");
                assertEquals(days.concordance(), r.concordance());
            }
        }

        @Test
        void rowOrderDoesNotMatter() {
            Cohort c = Cohort.random(40, 500, true);
            CoxResult r = c.fit(COX);
            int n = c.time().length;
            int[] perm = new java.util.Random(7).ints(0, n).distinct().limit(n).toArray();
            double[] t = new double[n];
            int[] s = new int[n];
            double[][] x = new double[3][n];
            for (int i = 0; i < n; i++) {
                t[i] = c.time()[perm[i]];
                s[i] = c.status()[perm[i]];
                for (int j = 0; j < 3; j++) {
                    x[j][i] = c.x()[j][perm[i]];
                }
            }
            CoxResult shuffled = COX.fit(t, s, null, x, new String[] {"x1", "x2", "x3"});
            for (int j = 0; j < 3; j++) {
                assertRelative(coef(r, j), coef(shuffled, j), 1e-10, "coef " + j);
                assertRelative(r.phTest().get(j).chiSquare(), shuffled.phTest().get(j).chiSquare(), 1e-8, "zph " + j);
            }
            assertEquals(r.concordance(), shuffled.concordance());
            assertEquals(r.iterations(), shuffled.iterations());
        }

        @Test
        void rescalingACovariateRescalesOnlyItsCoefficient() {
            Cohort c = Cohort.random(50, 300, true);
            CoxResult r = c.fit(COX);
            double[] ageInMonths = java.util.Arrays.stream(c.x()[2]).map(v -> 12 * v + 5).toArray();
            CoxResult m = COX.fit(c.time(), c.status(), null, new double[][] {c.x()[0], c.x()[1], ageInMonths},
                    new String[] {"x1", "x2", "x3"});
            assertRelative(coef(r, 2) / 12, coef(m, 2), 1e-9, "coef");
            assertRelative(r.terms().get(2).z(), m.terms().get(2).z(), 1e-9, "z");
            assertRelative(coef(r, 0), coef(m, 0), 1e-9, "other coef");
            assertRelative(r.score().statistic(), m.score().statistic(), 1e-9, "score");
            assertRelative(r.wald().statistic(), m.wald().statistic(), 1e-9, "wald");
            assertRelative(r.phTest().get(3).chiSquare(), m.phTest().get(3).chiSquare(), 1e-8, "zph GLOBAL");
        }

        @Test
        void twoIdenticalStrataKeepTheCoefficientsAndShrinkTheStandardErrors() {
            Cohort c = Cohort.random(60, 200, true);
            int n = c.time().length;
            double[] t = new double[2 * n];
            int[] s = new int[2 * n];
            int[] strata = new int[2 * n];
            double[][] x = new double[3][2 * n];
            for (int i = 0; i < 2 * n; i++) {
                t[i] = c.time()[i % n];
                s[i] = c.status()[i % n];
                strata[i] = i / n;
                for (int j = 0; j < 3; j++) {
                    x[j][i] = c.x()[j][i % n];
                }
            }
            CoxResult single = c.fit(COX);
            CoxResult doubled = COX.fit(t, s, strata, x, new String[] {"x1", "x2", "x3"});
            for (int j = 0; j < 3; j++) {
                assertRelative(coef(single, j), coef(doubled, j), 1e-9, "coef " + j);
                assertRelative(single.terms().get(j).stdErr() / Math.sqrt(2), doubled.terms().get(j).stdErr(), 1e-8, "se " + j);
            }
            assertRelative(2 * single.logLik(), doubled.logLik(), 1e-12, "loglik");
            assertRelative(single.concordance(), doubled.concordance(), 1e-12, "concordance");
        }

        /** The Efron / Breslow log partial likelihood written out directly, O(n^2). */
        private double bruteForceLogLik(Cohort c, double[] beta, boolean efron) {
            int n = c.time().length;
            double[] lp = new double[n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < beta.length; j++) {
                    lp[i] += beta[j] * c.x()[j][i];
                }
            }
            double ll = 0;
            double[] distinct = java.util.Arrays.stream(c.time()).distinct().toArray();
            for (double t : distinct) {
                double atRisk = 0;
                double deathRisk = 0;
                int d = 0;
                for (int i = 0; i < n; i++) {
                    if (c.time()[i] >= t) {
                        atRisk += Math.exp(lp[i]);
                    }
                    if (c.time()[i] == t && c.status()[i] == 1) {
                        d++;
                        deathRisk += Math.exp(lp[i]);
                        ll += lp[i];
                    }
                }
                for (int k = 0; k < d; k++) {
                    ll -= Math.log(atRisk - (efron ? (double) k / d * deathRisk : 0));
                }
            }
            return ll;
        }

        @Test
        void logLikelihoodAndItsMaximumMatchTheDirectFormula() {
            for (CoxTies ties : CoxTies.values()) {
                Cohort c = Cohort.random(70, 250, true);
                CoxResult r = c.fit(COX.withTies(ties));
                double[] beta = {coef(r, 0), coef(r, 1), coef(r, 2)};
                boolean efron = ties == CoxTies.EFRON;
                assertRelative(bruteForceLogLik(c, beta, efron), r.logLik(), 1e-11, ties + " loglik");
                assertRelative(bruteForceLogLik(c, new double[3], efron), r.logLikNull(), 1e-11, ties + " null loglik");
                for (int j = 0; j < 3; j++) { // the estimate is the maximum: zero gradient
                    double h = 1e-5 * Math.max(1, Math.abs(beta[j])) / r.terms().get(j).stdErr() * r.terms().get(j).stdErr();
                    double[] up = beta.clone();
                    double[] down = beta.clone();
                    up[j] += h;
                    down[j] -= h;
                    double grad = (bruteForceLogLik(c, up, efron) - bruteForceLogLik(c, down, efron)) / (2 * h);
                    assertTrue(Math.abs(grad) < 1e-4, ties + " gradient " + j + " = " + grad);
                    double curvature = (bruteForceLogLik(c, up, efron) - 2 * r.logLik() + bruteForceLogLik(c, down, efron)) / (h * h);
                    assertTrue(curvature < 0, "maximum");
                }
            }
        }

        @Test
        void confidenceLevelOptionWidensOrNarrowsTheInterval() {
            Cohort c = Cohort.random(80, 300, true);
            CoxTerm t95 = c.fit(COX).terms().get(0);
            CoxTerm t90 = c.fit(COX.withConfLevel(0.90)).terms().get(0);
            assertRelative(Math.exp(t95.coef() + 1.6448536269514722 * t95.stdErr()), t90.upper(), 1e-12, "upper 90%");
            assertRelative(Math.exp(t95.coef() - 1.959963984540054 * t95.stdErr()), t95.lower(), 1e-12, "lower 95%");
            assertEquals(t95.coef(), t90.coef());
        }

        @Test
        void likelihoodRatioWaldAndScoreAgreeForLargeSamples() {
            Cohort c = Cohort.random(90, 3000, true);
            CoxResult r = c.fit(COX);
            assertRelative(r.likelihoodRatio().statistic(), r.wald().statistic(), 0.05, "LR vs Wald");
            assertRelative(r.likelihoodRatio().statistic(), r.score().statistic(), 0.05, "LR vs score");
            assertTrue(r.iterations() >= 2 && r.iterations() <= 6, "iterations " + r.iterations());
            assertTrue(r.concordance() > 0.5 && r.concordance() < 1);
        }

        @Test
        void designAndPrimitiveApisAgree() {
            Cohort c = Cohort.random(100, 200, true);
            String[] arm = new String[200];
            double[] time = c.time().clone();
            for (int i = 0; i < 200; i++) {
                arm[i] = c.x()[0][i] == 1 ? "B" : "A";
            }
            arm[5] = null; // dropped
            time[7] = Double.NaN; // dropped too
            CoxDesign design = CoxDesign.builder(200).categorical("arm", arm).numeric("x2", c.x()[1]).build();
            CoxResult viaDesign = COX.fit(time, c.status(), design);
            assertEquals(2, viaDesign.nDropped());
            assertEquals(198, viaDesign.n());
            int[] keep = java.util.stream.IntStream.range(0, 200).filter(i -> i != 5 && i != 7).toArray();
            double[] t = java.util.Arrays.stream(keep).mapToDouble(i -> c.time()[i]).toArray();
            int[] s = java.util.Arrays.stream(keep).map(i -> c.status()[i]).toArray();
            double[][] x = {java.util.Arrays.stream(keep).mapToDouble(i -> c.x()[0][i]).toArray(),
                    java.util.Arrays.stream(keep).mapToDouble(i -> c.x()[1][i]).toArray()};
            CoxResult direct = COX.fit(t, s, null, x, new String[] {"arm=B", "x2"});
            assertEquals(direct.terms(), viaDesign.terms());
            assertEquals(direct.phTest().stream().map(p -> p.chiSquare()).toList().get(0),
                    viaDesign.phTest().get(0).chiSquare());
            assertEquals("arm", viaDesign.phTest().get(0).term());
        }

        @Test
        void zeroIterationsEvaluatesAtZero() {
            Cohort c = Cohort.random(110, 100, true);
            CoxResult r = c.fit(COX.withMaxIterations(0));
            assertEquals(0, r.iterations());
            assertEquals(r.logLikNull(), r.logLik());
            assertEquals(0.0, coef(r, 0));
        }

        @Test
        void phTestCanBeSwitchedOff() {
            assertEquals(List.of(), Cohort.random(120, 100, true).fit(COX.withPhTest(false)).phTest());
        }

        @Test
        void largeCovariateValuesDoNotOverflow() {
            Cohort c = Cohort.random(130, 300, true);
            double[] shifted = java.util.Arrays.stream(c.x()[2]).map(v -> v * 1000 + 1e6).toArray();
            CoxResult r = COX.fit(c.time(), c.status(), null, new double[][] {c.x()[0], shifted}, new String[] {"x1", "big"});
            CoxResult ref = COX.fit(c.time(), c.status(), null, new double[][] {c.x()[0], c.x()[2]}, new String[] {"x1", "x3"});
            assertTrue(r.converged());
            assertRelative(coef(ref, 1) / 1000, coef(r, 1), 1e-7, "coef");
            assertTrue(r.warnings().isEmpty(), r.warnings()::toString);
        }
    }

    /**
     * The fit's cox.zph table is the test at the fitted coefficients: whether the fit takes the
     * test's sums from its own last walk (every coefficient estimated) or walks the estimated
     * columns again (an aliased column), and whether it converged or ran out of iterations.
     */
    @Nested
    class PhTestOfTheFit {

        private void assertSameTable(List<ProportionalHazardsTest.TermTest> expected,
                                     List<ProportionalHazardsTest.TermTest> actual, double tol) {
            assertEquals(expected.stream().map(ProportionalHazardsTest.TermTest::term).toList(),
                    actual.stream().map(ProportionalHazardsTest.TermTest::term).toList());
            for (int j = 0; j < expected.size(); j++) {
                String term = expected.get(j).term();
                assertRelative(expected.get(j).chiSquare(), actual.get(j).chiSquare(), tol, "zph chi-square " + term);
                assertRelative(expected.get(j).pValue(), actual.get(j).pValue(), tol, "zph p " + term);
                assertEquals(expected.get(j).df(), actual.get(j).df(), "zph df " + term);
            }
        }

        private List<ProportionalHazardsTest.TermTest> atCoefficients(Cohort c, int[] strata, CoxResult r,
                                                                      CoxTies ties) {
            double[] coef = new double[c.x().length];
            for (int j = 0; j < coef.length; j++) {
                coef[j] = coef(r, j);
            }
            return ProportionalHazardsTest.test(c.time(), c.status(), strata, c.x(),
                    new String[] {"x1", "x2", "x3"}, coef, ties);
        }

        @Test
        void equalsTheTestAtTheFittedCoefficientsForBothTiesWithAndWithoutStrata() {
            for (boolean integerTimes : new boolean[] {true, false}) {
                Cohort c = Cohort.random(integerTimes ? 31 : 32, 60_000, integerTimes);
                int[] strata = new int[c.time().length];
                for (int i = 0; i < strata.length; i++) {
                    strata[i] = i % 3;
                }
                for (CoxTies ties : CoxTies.values()) {
                    CoxProportionalHazards cox = COX.withTies(ties);
                    CoxResult plain = c.fit(cox);
                    assertTrue(plain.converged());
                    assertSameTable(atCoefficients(c, null, plain, ties), plain.phTest(), 1e-9);
                    CoxResult stratified = cox.fit(c.time(), c.status(), strata, c.x(), new String[] {"x1", "x2", "x3"});
                    assertSameTable(atCoefficients(c, strata, stratified, ties), stratified.phTest(), 1e-9);
                }
            }
        }

        @Test
        void ofAFitThatRanOutOfIterationsIsAtItsLastCoefficients() {
            Cohort c = Cohort.random(33, 500, true);
            for (int iterations : new int[] {0, 1, 2}) {
                CoxResult r = c.fit(COX.withMaxIterations(iterations));
                assertEquals(iterations, r.iterations());
                assertSameTable(atCoefficients(c, null, r, CoxTies.EFRON), r.phTest(), 1e-9);
            }
        }

        @Test
        void withAnAliasedColumnIsTheTestOfTheEstimatedColumns() {
            Cohort c = Cohort.random(34, 400, true);
            double[] alias = collinear(c);
            CoxResult r = COX.fit(c.time(), c.status(), null, new double[][] {c.x()[0], c.x()[1], alias},
                    new String[] {"x1", "x2", "alias"});
            CoxResult reduced = COX.fit(c.time(), c.status(), null, new double[][] {c.x()[0], c.x()[1]},
                    new String[] {"x1", "x2"});
            assertNull(r.terms().get(2).coef());
            assertSameTable(reduced.phTest(), r.phTest(), 1e-7);
        }
    }
}
