package org.hepatica.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.hepatica.analysis.AnalysisException;
import org.hepatica.analysis.AnalysisParameters;
import org.hepatica.analysis.support.CoxModel;
import org.hepatica.analysis.support.SurvivalSample;
import org.hepatica.cohort.CohortImportException;
import org.hepatica.cohort.CohortSummary;
import org.hepatica.cohort.Endpoint;
import org.hepatica.platform.internal.csv.CohortCsvParser;
import org.hepatica.platform.internal.csv.ParsedCohort;
import org.hepatica.platform.internal.demo.SyntheticCohort;
import org.hepatica.platform.internal.model.Cohort;
import org.hepatica.plugin.cox.internal.CoxAnalysis;
import org.hepatica.plugin.dfs.internal.DfsAnalysis;
import org.hepatica.plugin.km.internal.KaplanMeierAnalysis;
import org.hepatica.stats.CoxDesign;
import org.hepatica.stats.CoxProportionalHazards;
import org.hepatica.stats.CoxResult;
import org.hepatica.stats.CoxTies;
import org.hepatica.stats.KaplanMeierEstimator;
import org.hepatica.stats.KaplanMeierResult;
import org.hepatica.stats.LogRankResult;
import org.hepatica.stats.LogRankTest;
import org.hepatica.stats.TimeOrder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The engine work of three analysis runs on one cohort, to set beside the {@code durationMs} the
 * HTTP API reports for the same runs ({@code analysis-benchmark.sh} prints both):
 * <ul>
 * <li>{@code km}: {@code km} with {@code endpoint OS, groupBy arm, confType log-log, landmarks
 * [730, 1095], tau 1095}: one time order, Kaplan-Meier by arm and the log-rank test;</li>
 * <li>{@code cox}: {@code cox} with {@code endpoint OS, covariates [arm, mvi, age, child_pugh,
 * margin_mm], ties efron}: one time order and the Efron fit of the {@link CoxDesign} the plugin
 * builds, with Harrell's C and the {@code cox.zph} test;</li>
 * <li>{@code dfs}: {@code dfs} with its defaults (treatment arm, landmark 730): one time order
 * shared by Kaplan-Meier by arm (log-log), the log-rank test and the univariate Cox model of arm
 * (Efron, no proportional-hazards test).</li>
 * </ul>
 * The cohort is the CSV the script imports ({@code csv}), parsed with the platform's parser into
 * the platform's stored form ({@link Cohort}); without one, {@link SyntheticCohort} writes one
 * ({@code rows}, {@code seed}, shape {@code full}). The engine's inputs (subjects, times, arm codes,
 * the design) are selected once, at setup, by the same support library calls as the plugins make,
 * so the subjects are exactly those of the run; each measured call then sorts the times and runs
 * the estimators as the run does. What the API's {@code durationMs} counts beyond that is the
 * plugin's own path: reading the columns from the cohort, selecting the subjects, building the
 * design. The {@code *Plugin} methods measure it in-process: the plugin's {@code run} on the same
 * cohort, without the container. {@code durationMs} excludes the JSON of the result, so the
 * Kaplan-Meier tables are not walked here either.
 *
 * <p>Run: {@code java -jar core/benchmarks/target/benchmarks.jar AnalysisWork -p csv=cohort.csv};
 * {@code core/benchmarks/analysis-benchmark.sh} runs it beside the platform. {@code kaplanMeierByArm},
 * {@code logRank}, {@code cox}, {@code coxBreslow} and {@code coxModelOnly} are the engine's column of
 * {@code core/benchmarks/compare-r.sh}, beside R survival on the same file.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
// the heap and collector bin/hepatica gives the platform
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseParallelGC", "-Xmx4g"})
public class AnalysisWorkBenchmark {
    /** The km run's parameters, as the script sends them. */
    static final Map<String, Object> KM = parameters("endpoint", "OS", "groupBy", "arm", "confType", "log-log",
            "confLevel", 0.95, "landmarks", List.of(730.0, 1095.0), "tau", 1095.0, "strata", null);
    /** The cox run's parameters. */
    static final Map<String, Object> COX = parameters("endpoint", "OS",
            "covariates", List.of("arm", "mvi", "age", "child_pugh", "margin_mm"), "ties", "efron", "strata", null,
            "reference", Map.of());
    /** The dfs run's parameters: its defaults. */
    static final Map<String, Object> DFS = parameters("treatment", "arm", "landmark", 730.0);

    /** The cohort CSV (canonical, days); empty: a synthetic one of {@code rows} rows. */
    @Param({""})
    public String csv;

    @Param({"1000000"})
    public int rows;

    @Param({"1"})
    public long seed;

    private Cohort cohort;

    private final KaplanMeierEstimator kmEstimator = KaplanMeierEstimator.create()
            .withConfType(KaplanMeierEstimator.ConfType.LOG_LOG).withConfLevel(0.95).withLandmarks(730, 1095)
            .withTau(1095);
    private final KaplanMeierEstimator dfsEstimator = KaplanMeierEstimator.create()
            .withConfType(KaplanMeierEstimator.ConfType.LOG_LOG).withLandmarks(730);
    private final LogRankTest logRank = LogRankTest.create();
    private final CoxProportionalHazards coxFull = CoxProportionalHazards.create().withTies(CoxTies.EFRON);
    private final CoxProportionalHazards coxBreslow = CoxProportionalHazards.create().withTies(CoxTies.BRESLOW);
    private final CoxProportionalHazards coxModelOnly = coxFull.withPhTest(false);
    private final CoxProportionalHazards coxUnivariate = CoxProportionalHazards.create().withPhTest(false);

    private Subjects kmSubjects;
    private Subjects coxSubjects;
    private Subjects dfsSubjects;

    private final KaplanMeierAnalysis kmPlugin = new KaplanMeierAnalysis();
    private final CoxAnalysis coxPlugin = new CoxAnalysis();
    private final DfsAnalysis dfsPlugin = new DfsAnalysis();

    /** What the engine is given: the sample's times, status and arm codes, and the model's design. */
    private record Subjects(double[] time, int[] status, int[] arm, String[] arms, CoxDesign design) {
    }

    @Setup(Level.Trial)
    public void load() throws IOException, CohortImportException, AnalysisException {
        Path file;
        Path temp = null;
        if (csv.isEmpty()) {
            temp = Files.createTempFile("hepatica-bench-", ".csv");
            try (OutputStream out = Files.newOutputStream(temp)) {
                SyntheticCohort.write(rows, seed, out);
            }
            file = temp;
        } else {
            file = Path.of(csv);
        }
        ParsedCohort parsed;
        try (InputStream in = Files.newInputStream(file)) {
            parsed = new CohortCsvParser(org.hepatica.cohort.TimeUnit.DAYS).parse(in);
        } finally {
            if (temp != null) {
                Files.delete(temp);
            }
        }
        cohort = new Cohort(new CohortSummary("bench", file.getFileName().toString(), 1, "", parsed.data().size(),
                Instant.now()), parsed.data());

        // the subjects each plugin selects, by the same support-library calls
        SurvivalSample km = SurvivalSample.of(cohort, Endpoint.OS).groupBy("groupBy", "arm").build();
        kmSubjects = new Subjects(km.time(), km.status(), km.group().codes(), km.group().labelArray(), null);
        SurvivalSample cox = SurvivalSample.of(cohort, Endpoint.OS).build();
        CoxDesign design = CoxModel.of(cohort, cox).covariates("covariates", strings(COX.get("covariates")))
                .references("reference", Map.of()).build().design();
        coxSubjects = new Subjects(cox.time(), cox.status(), null, null, design);
        SurvivalSample dfs = SurvivalSample.of(cohort, Endpoint.DFS).groupBy("treatment", "arm").build();
        dfsSubjects = new Subjects(dfs.time(), dfs.status(), dfs.group().codes(), dfs.group().labelArray(),
                CoxModel.of(cohort, dfs).group().build().design());
        // the script checks these against the n the API reports
        System.out.printf("same-work cohort=%s patients=%d km.n=%d cox.n=%d cox.nDropped=%d dfs.n=%d%n",
                file.getFileName(), cohort.size(), km.size(), design.n(), design.nDropped() + cox.nDropped(),
                dfs.size());
        // compare-r.sh sets these beside R's coxph on the same file
        CoxResult fit = coxFull.fit(cox.time(), cox.status(), design);
        StringBuilder coef = new StringBuilder("engine-cox");
        fit.terms().forEach(t -> coef.append(' ').append(t.coef()));
        System.out.println(coef.append(" concordance ").append(fit.concordance()));
    }

    /** km by arm: Kaplan-Meier (log-log, landmarks 730 and 1095, tau 1095) and the log-rank test. */
    @Benchmark
    public Object[] km() {
        Subjects s = kmSubjects;
        TimeOrder order = TimeOrder.of(s.time());
        KaplanMeierResult fit = kmEstimator.fit(order, s.time(), s.status(), s.arm(), s.arms());
        LogRankResult test = logRank.test(order, s.time(), s.status(), s.arm(), s.arms(), null);
        return new Object[] {fit, test};
    }

    /** cox with 5 covariates: the Efron fit with concordance and the proportional-hazards test. */
    @Benchmark
    public CoxResult cox() {
        Subjects s = coxSubjects;
        return coxFull.fit(TimeOrder.of(s.time()), s.time(), s.status(), s.design());
    }

    /**
     * Kaplan-Meier of OS by arm alone (log-log, landmarks 730 and 1095, tau 1095), with its own sort:
     * the "KM by arm" row of {@code compare-r.sh} (R: {@code survfit} by arm, {@code summary} at the
     * landmarks, the restricted mean).
     */
    @Benchmark
    public KaplanMeierResult kaplanMeierByArm() {
        Subjects s = kmSubjects;
        return kmEstimator.fit(s.time(), s.status(), s.arm(), s.arms());
    }

    /** The log-rank test of OS by arm alone, with its own sort ({@code compare-r.sh}; R: {@code survdiff}). */
    @Benchmark
    public LogRankResult logRank() {
        Subjects s = kmSubjects;
        return logRank.test(s.time(), s.status(), s.arm(), s.arms());
    }

    /** As {@link #cox}, Breslow ties: fit, concordance and the proportional-hazards test. */
    @Benchmark
    public CoxResult coxBreslow() {
        Subjects s = coxSubjects;
        return coxBreslow.fit(TimeOrder.of(s.time()), s.time(), s.status(), s.design());
    }

    /** As {@link #cox} without the proportional-hazards test: what R's {@code coxph} alone computes. */
    @Benchmark
    public CoxResult coxModelOnly() {
        Subjects s = coxSubjects;
        return coxModelOnly.fit(TimeOrder.of(s.time()), s.time(), s.status(), s.design());
    }

    /** dfs: Kaplan-Meier by arm (landmark 730), log-rank and the univariate Cox model on one order. */
    @Benchmark
    public Object[] dfs() {
        Subjects s = dfsSubjects;
        TimeOrder order = TimeOrder.of(s.time());
        return new Object[] {
            dfsEstimator.fit(order, s.time(), s.status(), s.arm(), s.arms()),
            logRank.test(order, s.time(), s.status(), s.arm(), s.arms()),
            coxUnivariate.fit(order, s.time(), s.status(), s.design())};
    }

    /** The km plugin's whole run on the cohort, in-process (what {@code durationMs} times). */
    @Benchmark
    public Object kmPlugin() throws AnalysisException {
        return kmPlugin.run(cohort, new AnalysisParameters(KM));
    }

    /** The cox plugin's whole run on the cohort, in-process. */
    @Benchmark
    public Object coxPlugin() throws AnalysisException {
        return coxPlugin.run(cohort, new AnalysisParameters(COX));
    }

    /** The dfs plugin's whole run on the cohort, in-process. */
    @Benchmark
    public Object dfsPlugin() throws AnalysisException {
        return dfsPlugin.run(cohort, new AnalysisParameters(DFS));
    }

    /** Name-value pairs in order, values as the platform binds them (null allowed). */
    private static Map<String, Object> parameters(Object... pairs) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put((String) pairs[i], pairs[i + 1]);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object list) {
        return (List<String>) list;
    }
}
