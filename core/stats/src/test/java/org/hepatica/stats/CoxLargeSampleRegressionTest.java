package org.hepatica.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Cox fits of 10^5 synthetic subjects (5 covariates, whole-day times with many ties), Efron and
 * Breslow, with and without strata, against the values the engine gave at commit 1ebee38 (before
 * the large-sample fit used two threads), stored as IEEE-754 bits in
 * {@code cox-large-sample-1ebee38.txt}: coefficients, standard errors, both log-likelihoods, the
 * three tests, Harrell's C and every {@code cox.zph} statistic. At 10^5 subjects the fit takes its
 * large-sample path (two threads), so this checks that path against the single-threaded one.
 *
 * <p>Tolerance: 1e-12 relative (|a - b| &lt;= 1e-12 max(|a|, |b|)); the count of values that are
 * identical to the last bit is printed. p-values are not compared: they are functions of the
 * statistics compared here. Every mismatch is reported at once.
 *
 * <p>Re-recording (only when a change of the numbers is intended and checked against R):
 * {@code mvn -o test -pl core/stats -Dtest=CoxLargeSampleRegressionTest -Dhepatica.record=FILE}.
 */
class CoxLargeSampleRegressionTest {

    private static final String RESOURCE = "cox-large-sample-1ebee38.txt";
    private static final double TOLERANCE = 1e-12;
    private static final int N = 100_000;

    static Stream<Arguments> fits() {
        return Stream.of(
                Arguments.of("efron", CoxTies.EFRON, false, 1),
                Arguments.of("breslow", CoxTies.BRESLOW, false, 1),
                Arguments.of("efron-strata", CoxTies.EFRON, true, 1),
                Arguments.of("efron-month-ties", CoxTies.EFRON, false, 30),
                Arguments.of("breslow-strata-month-ties", CoxTies.BRESLOW, true, 30));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fits")
    void largeSampleFitIsUnchanged(String name, CoxTies ties, boolean stratified, int rounding)
            throws IOException {
        Map<String, Double> actual = values(name, fit(ties, stratified, rounding));
        String record = System.getProperty("hepatica.record");
        if (record != null) {
            StringBuilder b = new StringBuilder();
            actual.forEach((k, v) -> b.append(k).append(' ').append(Long.toHexString(Double.doubleToRawLongBits(v)))
                    .append(' ').append(v).append('\n'));
            Files.writeString(Path.of(record), b.toString(), StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            return;
        }
        Map<String, Double> expected = recorded(name);
        assertEquals(expected.keySet(), actual.keySet(), name + ": the same values are reported");
        List<String> mismatches = new ArrayList<>();
        int identical = 0;
        for (Map.Entry<String, Double> e : expected.entrySet()) {
            double want = e.getValue();
            double got = actual.get(e.getKey());
            if (Double.doubleToLongBits(want) == Double.doubleToLongBits(got)) {
                identical++;
            } else if (!(Math.abs(want - got) <= TOLERANCE * Math.max(Math.abs(want), Math.abs(got)))) {
                mismatches.add(e.getKey() + ": recorded " + want + ", now " + got + " (relative "
                        + Math.abs(want - got) / Math.abs(want) + ")");
            }
        }
        System.out.printf("%s: %d of %d values identical to the last bit, the others within %.0e relative%n",
                name, identical, expected.size(), TOLERANCE);
        assertTrue(mismatches.isEmpty(), name + ": " + String.join("; ", mismatches));
    }

    /** Synthetic subjects as the benchmarks draw them (arm, mvi, age, child_pugh=B, margin_mm). */
    private static CoxResult fit(CoxTies ties, boolean stratified, int rounding) {
        SplittableRandom r = new SplittableRandom(20261202L);
        double[] time = new double[N];
        int[] status = new int[N];
        int[] strata = stratified ? new int[N] : null;
        double[][] x = new double[5][N];
        for (int i = 0; i < N; i++) {
            int a = r.nextInt(2);
            int mvi = r.nextDouble() < 0.3 ? 1 : 0;
            double age = 40 + r.nextDouble() * 40;
            int childB = r.nextDouble() < 0.2 ? 1 : 0;
            double margin = r.nextDouble() * 20;
            int site = r.nextInt(3);
            double lp = -0.6 * a + 0.5 * mvi - 0.01 * (age - 60) + 0.6 * childB + 0.01 * margin + 0.2 * site;
            double t = -Math.log(1 - r.nextDouble()) / (0.0005 * Math.exp(lp));
            double c = 30 + r.nextDouble() * 3000;
            time[i] = Math.max(1, rounding * Math.rint(Math.min(t, c) / rounding));
            status[i] = t <= c ? 1 : 0;
            if (strata != null) {
                strata[i] = site;
            }
            x[0][i] = a;
            x[1][i] = mvi;
            x[2][i] = Math.rint(age);
            x[3][i] = childB;
            x[4][i] = Math.rint(margin * 10) / 10;
        }
        return CoxProportionalHazards.create().withTies(ties).fit(time, status, strata, x,
                new String[] {"arm", "mvi", "age", "child_pugh=B", "margin_mm"});
    }

    private static Map<String, Double> values(String name, CoxResult fit) {
        Map<String, Double> v = new LinkedHashMap<>();
        for (CoxTerm t : fit.terms()) {
            v.put(name + ".coef." + t.term(), t.coef());
            v.put(name + ".se." + t.term(), t.stdErr());
        }
        v.put(name + ".logLikNull", fit.logLikNull());
        v.put(name + ".logLik", fit.logLik());
        v.put(name + ".iterations", (double) fit.iterations());
        v.put(name + ".lr", fit.likelihoodRatio().statistic());
        v.put(name + ".wald", fit.wald().statistic());
        v.put(name + ".score", fit.score().statistic());
        v.put(name + ".concordance", fit.concordance());
        for (ProportionalHazardsTest.TermTest t : fit.phTest()) {
            v.put(name + ".zph." + t.term(), t.chiSquare());
        }
        return v;
    }

    private static Map<String, Double> recorded(String name) throws IOException {
        Map<String, Double> out = new LinkedHashMap<>();
        try (InputStream in = CoxLargeSampleRegressionTest.class.getResourceAsStream(RESOURCE)) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String[] f = line.split(" ");
                if (!line.startsWith("#") && f[0].startsWith(name + ".")) {
                    out.put(f[0], Double.longBitsToDouble(Long.parseUnsignedLong(f[1], 16)));
                }
            }
        }
        return out;
    }
}
