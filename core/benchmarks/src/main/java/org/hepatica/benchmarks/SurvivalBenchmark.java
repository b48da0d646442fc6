package org.hepatica.benchmarks;

import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Kaplan-Meier by arm, the log-rank test and Cox with 5 covariates at 10^4, 10^5 and 10^6 subjects.
 * R survival on the same shape of data, 1M subjects, this machine: survfit by arm 2.84 s, survdiff
 * 1.31 s, coxph Efron 5.51 s, coxph Breslow 3.52 s. The Cox fits include what the platform reports
 * with them (concordance and the proportional-hazards test); {@code coxEfronModelOnly} is the fit alone,
 * as R's coxph computes it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseParallelGC", "-Xmx4g"})
public class SurvivalBenchmark {
    @Param({"10000", "100000", "1000000"})
    public int n;

    private SyntheticSurvival data;
    private final KaplanMeierEstimator km = KaplanMeierEstimator.create()
            .withConfType(KaplanMeierEstimator.ConfType.LOG_LOG).withLandmarks(730, 1095).withTau(1095);
    private final LogRankTest logRank = LogRankTest.create();
    private final CoxProportionalHazards efron = CoxProportionalHazards.create().withTies(CoxTies.EFRON);
    private final CoxProportionalHazards breslow = CoxProportionalHazards.create().withTies(CoxTies.BRESLOW);

    @Setup
    public void setUp() {
        data = new SyntheticSurvival(n, 42);
    }

    @Benchmark
    public KaplanMeierResult kaplanMeierByArm() {
        KaplanMeierResult r = km.fit(data.time, data.status, data.arm, SyntheticSurvival.ARMS);
        // touch every table row, as serializing the result to JSON does
        r.groups().forEach(g -> g.table().forEach(row -> row.survival()));
        return r;
    }

    @Benchmark
    public LogRankResult logRank() {
        return logRank.test(data.time, data.status, data.arm, SyntheticSurvival.ARMS);
    }

    @Benchmark
    public CoxResult coxEfron() {
        return efron.fit(data.time, data.status, null, data.x, SyntheticSurvival.TERMS);
    }

    @Benchmark
    public CoxResult coxEfronModelOnly() {
        return efron.withPhTest(false).fit(data.time, data.status, null, data.x, SyntheticSurvival.TERMS);
    }

    @Benchmark
    public CoxResult coxBreslow() {
        return breslow.fit(data.time, data.status, null, data.x, SyntheticSurvival.TERMS);
    }

    /** What an analysis of one endpoint by arm computes: KM, log-rank and Cox Efron on one shared sort. */
    @Benchmark
    public Object[] oneRequestSharingOneSort() {
        TimeOrder order = TimeOrder.of(data.time);
        return new Object[] {
            km.fit(order, data.time, data.status, data.arm, SyntheticSurvival.ARMS),
            logRank.test(order, data.time, data.status, data.arm, SyntheticSurvival.ARMS),
            efron.fit(order, data.time, data.status, null, data.x, SyntheticSurvival.TERMS)};
    }
}
