package org.hepatica.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Property: every estimator gives the same record, value for value (record equality compares
 * doubles bit for bit), whether it sorts the times itself or is handed one {@link TimeOrder}
 * shared by the whole request.
 */
class SharedTimeOrderTest {

    private static final String[] LABELS = {"A", "B", "C", "empty"};

    /** One random sample: ties, -0.0, sparse strata codes, missing values for the design. */
    private record Sample(double[] time, int[] status, int[] cause, int[] group, int[] strata,
            double[][] x, double[] timeWithMissing, CoxDesign design) {

        static Sample random(long seed) {
            Random rnd = new Random(seed);
            int n = 1 + rnd.nextInt(rnd.nextBoolean() ? 40 : 600);
            boolean wholeDays = rnd.nextBoolean();
            double[] time = new double[n];
            int[] status = new int[n];
            int[] cause = new int[n];
            int[] group = new int[n];
            int[] strata = new int[n];
            double[][] x = new double[3][n];
            double[] timeWithMissing = new double[n];
            double[] age = new double[n];
            String[] arm = new String[n];
            double[] site = new double[n];
            int[] stratumCodes = {0, 7, 1_000_000};
            for (int i = 0; i < n; i++) {
                time[i] = wholeDays ? rnd.nextInt(1 + n / 4) : rnd.nextExponential() * 500;
                if (rnd.nextInt(50) == 0) {
                    time[i] = rnd.nextBoolean() ? 0.0 : -0.0;
                }
                status[i] = rnd.nextInt(3) == 0 ? 0 : 1;
                cause[i] = rnd.nextInt(3);
                group[i] = rnd.nextInt(3); // group "empty" has no subjects
                strata[i] = stratumCodes[rnd.nextInt(3)];
                x[0][i] = group[i] == 1 ? 1 : 0;
                x[1][i] = 40 + rnd.nextInt(40);
                x[2][i] = rnd.nextGaussian() + 0.3 * status[i];
                timeWithMissing[i] = rnd.nextInt(20) == 0 ? Double.NaN : time[i];
                age[i] = rnd.nextInt(20) == 0 ? Double.NaN : x[1][i];
                arm[i] = rnd.nextInt(25) == 0 ? null : LABELS[group[i]];
                site[i] = strata[i] == 7 ? 1 : strata[i] == 0 ? 0 : 2;
            }
            CoxDesign design = CoxDesign.builder(n).categorical("arm", arm).numeric("age", age)
                    .numeric("score", x[2]).strata("site", site).build();
            return new Sample(time, status, cause, group, strata, x, timeWithMissing, design);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void survivalCurvesAndTestsAreIdentical(long seed) {
        Sample d = Sample.random(seed);
        TimeOrder order = TimeOrder.of(d.time());
        KaplanMeierEstimator km = KaplanMeierEstimator.create().withLandmarks(10, 100)
                .withTau(50);
        assertEquals(km.fit(d.time(), d.status()), km.fit(order, d.time(), d.status()));
        assertEquals(km.fit(d.time(), d.status(), d.group(), LABELS),
                km.fit(order, d.time(), d.status(), d.group(), LABELS));

        for (LogRankTest lr : new LogRankTest[] {LogRankTest.create(),
            LogRankTest.create().withRho(1)}) {
            assertEquals(lr.test(d.time(), d.status(), d.group(), LABELS),
                    lr.test(order, d.time(), d.status(), d.group(), LABELS));
            assertEquals(lr.test(d.time(), d.status(), d.group(), LABELS, d.strata()),
                    lr.test(order, d.time(), d.status(), d.group(), LABELS, d.strata()));
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void competingRisksAreIdentical(long seed) {
        Sample d = Sample.random(seed);
        TimeOrder order = TimeOrder.of(d.time());
        for (CumulativeIncidenceEstimator cif : new CumulativeIncidenceEstimator[] {
            CumulativeIncidenceEstimator.create(),
            CumulativeIncidenceEstimator.create().withTimes(5, 50, 500)}) {
            assertEquals(cif.fit(d.time(), d.cause()), cif.fit(order, d.time(), d.cause()));
            assertEquals(cif.fit(d.time(), d.cause(), d.group(), LABELS),
                    cif.fit(order, d.time(), d.cause(), d.group(), LABELS));
        }
        GrayTest gray = GrayTest.create();
        assertEquals(gray.test(d.time(), d.cause(), d.group(), LABELS),
                gray.test(order, d.time(), d.cause(), d.group(), LABELS));
        assertEquals(gray.test(d.time(), d.cause(), d.group(), LABELS, d.strata()),
                gray.test(order, d.time(), d.cause(), d.group(), LABELS, d.strata()));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void coxModelsAreIdentical(long seed) {
        Sample d = Sample.random(seed);
        TimeOrder order = TimeOrder.of(d.time());
        TimeOrder withMissing = TimeOrder.of(d.timeWithMissing());
        String[] names = {"arm=B", "age", "score"};
        for (CoxTies ties : CoxTies.values()) {
            CoxProportionalHazards cox = CoxProportionalHazards.create().withTies(ties);
            assertEquals(cox.fit(d.time(), d.status(), null, d.x(), names),
                    cox.fit(order, d.time(), d.status(), null, d.x(), names));
            assertEquals(cox.fit(d.time(), d.status(), d.strata(), d.x(), names),
                    cox.fit(order, d.time(), d.status(), d.strata(), d.x(), names));
            assertEquals(cox.fit(d.timeWithMissing(), d.status(), d.design()),
                    cox.fit(withMissing, d.timeWithMissing(), d.status(), d.design()));
        }
    }

    /**
     * From 50,000 rows the design's analysed rows are compacted and their order restricted by two
     * threads: the fit equals that of the design built without the rows whose time is missing.
     */
    @Test
    void aLargeDesignWithMissingTimesFitsLikeTheDesignWithoutThoseRows() {
        Random rnd = new Random(77);
        int n = 70_000;
        double[] time = new double[n];
        int[] status = new int[n];
        String[] arm = new String[n];
        double[] age = new double[n];
        for (int i = 0; i < n; i++) {
            time[i] = rnd.nextInt(20) == 0 ? Double.NaN : 1 + rnd.nextInt(1500);
            status[i] = rnd.nextInt(3) == 0 ? 0 : 1;
            arm[i] = rnd.nextInt(25) == 0 ? null : LABELS[rnd.nextInt(2)];
            age[i] = rnd.nextInt(20) == 0 ? Double.NaN : 40 + rnd.nextInt(40);
        }
        int[] rows = IntStream.range(0, n).filter(i -> !Double.isNaN(time[i])).toArray();
        CoxDesign without = CoxDesign.builder(rows.length)
                .categorical("arm", IntStream.of(rows).mapToObj(i -> arm[i]).toArray(String[]::new))
                .numeric("age", IntStream.of(rows).mapToDouble(i -> age[i]).toArray()).build();
        CoxProportionalHazards cox = CoxProportionalHazards.create();
        CoxResult expected = cox.fit(IntStream.of(rows).mapToDouble(i -> time[i]).toArray(),
                IntStream.of(rows).map(i -> status[i]).toArray(), without);
        CoxDesign design = CoxDesign.builder(n).categorical("arm", arm).numeric("age", age).build();
        for (CoxResult actual : List.of(cox.fit(time, status, design),
                cox.fit(TimeOrder.of(time), time, status, design))) {
            assertEquals(expected.n(), actual.n());
            assertEquals(expected.terms(), actual.terms());
            assertEquals(expected.logLik(), actual.logLik());
            assertEquals(expected.concordance(), actual.concordance());
            assertEquals(expected.phTest(), actual.phTest());
            assertEquals(expected.nDropped() + n - rows.length, actual.nDropped());
        }
    }
}
