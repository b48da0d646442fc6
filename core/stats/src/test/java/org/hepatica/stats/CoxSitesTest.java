package org.hepatica.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The Cox fit stratified by site from the sites' sums equals the fit of the pooled subjects with
 * the site as stratum ({@code coxph(... + strata(site))}), which is what a multi-centre study
 * without moving patient rows relies on.
 */
class CoxSitesTest {

    private static final String[] NAMES = {"arm", "age", "mvi"};

    /** Subjects of 3 sites of different sizes and baseline hazards, whole-month times (ties). */
    private record Pooled(double[] time, int[] status, int[] site, double[][] x) {

        static Pooled random(long seed, int n) {
            Random rnd = new Random(seed);
            double[] time = new double[n];
            int[] status = new int[n];
            int[] site = new int[n];
            double[][] x = new double[3][n];
            for (int i = 0; i < n; i++) {
                site[i] = i % 7 < 4 ? 0 : i % 7 < 6 ? 1 : 2;
                x[0][i] = rnd.nextInt(2);
                x[1][i] = 45 + rnd.nextInt(35);
                x[2][i] = rnd.nextDouble() < 0.3 ? 1 : 0;
                double lp = -0.5 * x[0][i] + 0.03 * x[1][i] + 0.6 * x[2][i];
                double base = 0.0005 * (1 + site[i]);
                double t = -Math.log(rnd.nextDouble()) / (base * Math.exp(lp - 2));
                double c = 200 + rnd.nextDouble() * 1500;
                time[i] = Math.ceil(Math.min(t, c) / 30.0);
                status[i] = t <= c ? 1 : 0;
            }
            return new Pooled(time, status, site, x);
        }

        List<CoxSiteModel> sites(CoxTies ties) {
            List<CoxSiteModel> sites = new ArrayList<>();
            for (int s = 0; s < 3; s++) {
                final int code = s;
                int[] rows = java.util.stream.IntStream.range(0, time.length).filter(i -> site[i] == code).toArray();
                double[][] xs = new double[x.length][rows.length];
                double[] ts = new double[rows.length];
                int[] ds = new int[rows.length];
                for (int k = 0; k < rows.length; k++) {
                    ts[k] = time[rows[k]];
                    ds[k] = status[rows[k]];
                    for (int j = 0; j < x.length; j++) {
                        xs[j][k] = x[j][rows[k]];
                    }
                }
                sites.add(CoxSiteModel.of(ts, ds, null, xs, ties));
            }
            return sites;
        }
    }

    private static void assertRelative(double expected, double actual, double tol, String what) {
        assertTrue(Math.abs(expected - actual) <= tol * Math.max(1e-300, Math.abs(expected)),
                () -> what + ": expected " + expected + " but was " + actual);
    }

    private static void assertSameFit(CoxResult expected, CoxResult actual, double tol) {
        assertEquals(expected.n(), actual.n(), "n");
        assertEquals(expected.events(), actual.events(), "events");
        assertEquals(expected.iterations(), actual.iterations(), "iterations");
        assertEquals(expected.converged(), actual.converged(), "converged");
        assertRelative(expected.logLikNull(), actual.logLikNull(), tol, "logLikNull");
        assertRelative(expected.logLik(), actual.logLik(), tol, "logLik");
        for (int j = 0; j < expected.terms().size(); j++) {
            CoxTerm e = expected.terms().get(j);
            CoxTerm a = actual.terms().get(j);
            assertEquals(e.term(), a.term());
            assertRelative(e.coef(), a.coef(), tol, e.term() + " coef");
            assertRelative(e.stdErr(), a.stdErr(), tol, e.term() + " se");
            assertRelative(e.lower(), a.lower(), tol, e.term() + " lower");
            assertRelative(e.upper(), a.upper(), tol, e.term() + " upper");
            assertRelative(e.pValue(), a.pValue(), 1e-6, e.term() + " p");
        }
        assertRelative(expected.likelihoodRatio().statistic(), actual.likelihoodRatio().statistic(), tol, "LR");
        assertRelative(expected.wald().statistic(), actual.wald().statistic(), tol, "Wald");
        assertRelative(expected.score().statistic(), actual.score().statistic(), tol, "score");
        assertEquals(expected.wald().df(), actual.wald().df(), "df");
    }

    @Test
    void theSitesSumsGiveTheFitStratifiedBySite() {
        Pooled pooled = Pooled.random(5, 3000);
        for (CoxTies ties : CoxTies.values()) {
            CoxProportionalHazards cox = CoxProportionalHazards.create().withTies(ties);
            CoxResult whole = cox.fit(pooled.time(), pooled.status(), pooled.site(), pooled.x(), NAMES);
            CoxResult federated = cox.fitSites(pooled.sites(ties), NAMES);
            assertSameFit(whole, federated, 1e-9);
            assertNull(federated.concordance(), "C needs the subjects' linear predictors");
            assertEquals(List.of(), federated.phTest());
            assertTrue(federated.warnings().stream().anyMatch(w -> w.contains("not computed across sites")),
                    federated.warnings()::toString);
        }
    }

    @Test
    void aFitThatRunsOutOfIterationsStopsWhereThePooledFitStops() {
        Pooled pooled = Pooled.random(6, 800);
        CoxProportionalHazards cox = CoxProportionalHazards.create().withMaxIterations(1);
        CoxResult whole = cox.fit(pooled.time(), pooled.status(), pooled.site(), pooled.x(), NAMES);
        CoxResult federated = cox.fitSites(pooled.sites(CoxTies.EFRON), NAMES);
        assertEquals(false, whole.converged());
        assertSameFit(whole, federated, 1e-9);
        assertTrue(federated.warnings().contains("Ran out of iterations and did not converge"));
    }

    @Test
    void oneSiteIsTheUnstratifiedFit() {
        Pooled pooled = Pooled.random(7, 1200);
        CoxProportionalHazards cox = CoxProportionalHazards.create();
        CoxResult whole = cox.fit(pooled.time(), pooled.status(), null, pooled.x(), NAMES);
        CoxSiteModel one = CoxSiteModel.of(pooled.time(), pooled.status(), null, pooled.x(), CoxTies.EFRON);
        assertSameFit(whole, cox.fitSites(List.of(one), NAMES), 1e-9);
    }

    @Test
    void aCovariateConstantAtEverySiteIsNotEstimable() {
        Pooled pooled = Pooled.random(8, 900);
        double[][] x = {pooled.x()[0], new double[900]};
        Arrays.fill(x[1], 3.0);
        CoxSiteModel one = CoxSiteModel.of(pooled.time(), pooled.status(), null, x, CoxTies.EFRON);
        CoxResult r = CoxProportionalHazards.create().fitSites(List.of(one), new String[] {"arm", "k"});
        assertNull(r.terms().get(1).coef());
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("singular") && w.contains("k")), r.warnings()::toString);
        assertEquals(1, r.wald().df());
    }

    @Test
    void noSiteOrAWrongAnswerIsRefusedByName() {
        CoxProportionalHazards cox = CoxProportionalHazards.create();
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> cox.fitSites(List.of(), NAMES));
        assertTrue(none.getMessage().contains("sites"), none.getMessage());
        CoxSite wrong = new CoxSite() {
            public int n() {
                return 10;
            }

            public int events() {
                return 4;
            }

            public CoxSiteDerivatives at(double[] beta) {
                return new CoxSiteDerivatives(-3, new double[] {1}, new double[][] {{2}});
            }
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> cox.fitSites(List.of(wrong), NAMES));
        assertTrue(e.getMessage().contains("score"), e.getMessage());
    }

    @Test
    void aSiteReleasesItsSumsAtTheCoefficientsItIsSent() {
        Pooled pooled = Pooled.random(9, 600);
        CoxSiteModel site = CoxSiteModel.of(pooled.time(), pooled.status(), null, pooled.x(), CoxTies.BRESLOW);
        // at beta = 0 the Breslow log partial likelihood is -sum over event times of d log(n at risk)
        double expected = 0;
        double[] distinct = Arrays.stream(pooled.time()).distinct().sorted().toArray();
        for (double t : distinct) {
            int d = 0;
            int atRisk = 0;
            for (int i = 0; i < 600; i++) {
                atRisk += pooled.time()[i] >= t ? 1 : 0;
                d += pooled.time()[i] == t && pooled.status()[i] == 1 ? 1 : 0;
            }
            expected -= d * Math.log(atRisk);
        }
        CoxSiteDerivatives at0 = site.at(new double[3]);
        assertRelative(expected, at0.logLik(), 1e-12, "loglik at 0");
        double[][] info = at0.information();
        for (int i = 0; i < 3; i++) {
            assertTrue(info[i][i] > 0, "information diagonal " + i);
            for (int j = 0; j < 3; j++) {
                assertEquals(info[i][j], info[j][i], "information symmetric");
            }
        }
        assertThrows(IllegalArgumentException.class, () -> site.at(new double[2]));
    }

    @Test
    void strataWithinASiteAreStrataOfThePooledFit() {
        Pooled pooled = Pooled.random(10, 2400);
        int[] margin = new int[2400];
        int[] siteAndMargin = new int[2400];
        for (int i = 0; i < 2400; i++) {
            margin[i] = (int) (pooled.x()[1][i]) % 2;
            siteAndMargin[i] = 2 * pooled.site()[i] + margin[i];
        }
        CoxProportionalHazards cox = CoxProportionalHazards.create();
        CoxResult whole = cox.fit(pooled.time(), pooled.status(), siteAndMargin, pooled.x(), NAMES);
        List<CoxSite> sites = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
            final int code = s;
            int[] rows = java.util.stream.IntStream.range(0, 2400).filter(i -> pooled.site()[i] == code).toArray();
            double[][] xs = new double[3][];
            for (int j = 0; j < 3; j++) {
                final int col = j;
                xs[j] = java.util.stream.IntStream.of(rows).mapToDouble(i -> pooled.x()[col][i]).toArray();
            }
            CoxSiteModel site = CoxSiteModel.of(java.util.stream.IntStream.of(rows).mapToDouble(i -> pooled.time()[i]).toArray(),
                    java.util.stream.IntStream.of(rows).map(i -> pooled.status()[i]).toArray(),
                    java.util.stream.IntStream.of(rows).map(i -> margin[i]).toArray(), xs, CoxTies.EFRON);
            assertEquals(rows.length, site.n());
            assertEquals(3, site.p());
            sites.add(site);
        }
        assertSameFit(whole, cox.fitSites(sites, NAMES), 1e-9);
    }

    @Test
    void sitesWithoutAnyEventGiveNoEstimateAndSaySo() {
        CoxSiteModel quiet = CoxSiteModel.of(new double[] {3, 5, 8}, new int[] {0, 0, 0}, null,
                new double[][] {{0, 1, 1}}, CoxTies.EFRON);
        CoxResult r = CoxProportionalHazards.create().fitSites(List.of(quiet, quiet), new String[] {"arm"});
        assertEquals(6, r.n());
        assertEquals(0, r.events());
        assertNull(r.terms().get(0).coef());
        assertNull(r.likelihoodRatio());
        assertTrue(r.warnings().contains("no events: the coefficients cannot be estimated"), r.warnings()::toString);
    }

    @Test
    void aConvergedFitOfEstimableCovariatesWarnsOnlyThatCAndZphAreMissing() {
        Pooled pooled = Pooled.random(11, 1500);
        CoxResult r = CoxProportionalHazards.create().fitSites(pooled.sites(CoxTies.EFRON), NAMES);
        assertTrue(r.converged());
        assertEquals(List.of("concordance and cox.zph need the subjects' linear predictors: not computed across sites"),
                r.warnings());
    }

    @Test
    void badSiteDataIsRefusedByName() {
        double[] time = {3, 5, 8};
        int[] status = {1, 0, 1};
        double[][] x = {{0, 1, 1}};
        IllegalArgumentException ties = assertThrows(IllegalArgumentException.class,
                () -> CoxSiteModel.of(time, status, null, x, null));
        assertTrue(ties.getMessage().contains("ties"), ties.getMessage());
        IllegalArgumentException strata = assertThrows(IllegalArgumentException.class,
                () -> CoxSiteModel.of(time, status, new int[] {0, 1}, x, CoxTies.EFRON));
        assertTrue(strata.getMessage().contains("strata"), strata.getMessage());
        IllegalArgumentException column = assertThrows(IllegalArgumentException.class,
                () -> CoxSiteModel.of(time, status, null, new double[][] {{0, 1}}, CoxTies.EFRON));
        assertTrue(column.getMessage().contains("x[0]"), column.getMessage());
        IllegalArgumentException info = assertThrows(IllegalArgumentException.class,
                () -> new CoxSiteDerivatives(-1, new double[] {1, 2}, new double[][] {{1, 0}}));
        assertTrue(info.getMessage().contains("information"), info.getMessage());
        IllegalArgumentException row = assertThrows(IllegalArgumentException.class,
                () -> new CoxSiteDerivatives(-1, new double[] {1, 2}, new double[][] {{1, 0}, {0}}));
        assertTrue(row.getMessage().contains("information[1]"), row.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new CoxSiteDerivatives(-1, null, new double[0][]));
    }
}
