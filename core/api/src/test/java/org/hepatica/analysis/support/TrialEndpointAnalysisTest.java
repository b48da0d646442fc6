package org.hepatica.analysis.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hepatica.analysis.AnalysisParameters;
import org.hepatica.analysis.FigureRequest;
import org.hepatica.analysis.ParameterSpec;
import org.hepatica.analysis.StoredResult;
import org.hepatica.cohort.ColumnType;
import org.hepatica.cohort.Endpoint;
import org.hepatica.figure.Figure;
import org.hepatica.stats.CoxProportionalHazards;
import org.hepatica.stats.CoxResult;
import org.hepatica.stats.KaplanMeierEstimator;
import org.hepatica.stats.KaplanMeierResult;
import org.hepatica.stats.LogRankResult;
import org.hepatica.stats.LogRankTest;
import org.junit.jupiter.api.Test;

/**
 * The shared DFS/OS analysis: its parameters, and a run whose numbers are the engine's on the
 * patients with the endpoint and an arm; its figure from a stored result.
 */
class TrialEndpointAnalysisTest {
    private static final double[] TIME = {120, 400, 800, 95, 1200, 300, 650, 1500, 70, 900, 210, 1000};
    private static final int[] EVENT = {1, 0, 1, 1, 0, 1, 1, 0, 1, 1, -1, 0};
    private static final String[] ARM = {"RFA", "RFA+RT", "RFA", "RFA", "RFA+RT", "RFA", "RFA+RT", "RFA+RT",
        "RFA", "RFA+RT", "RFA", null};

    /** An OS analysis with a 3-year default landmark, as a plugin declares it. */
    private static final class Os extends TrialEndpointAnalysis {
        Os() {
            super(Endpoint.OS, 1095);
        }

        @Override
        public String id() {
            return "os";
        }

        @Override
        public String name() {
            return "Overall survival";
        }

        @Override
        public String description() {
            return "OS by arm";
        }
    }

    private static AnalysisParameters request(String treatment, double landmark) {
        Map<String, Object> m = new HashMap<>();
        m.put("treatment", treatment);
        m.put("landmark", landmark);
        return new AnalysisParameters(m);
    }

    @Test
    void theParametersAreTheTreatmentColumnAndTheLandmarkWithThePluginsDefault() {
        List<ParameterSpec> specs = new Os().parameters();
        assertEquals(List.of("treatment", "landmark", "strata"), specs.stream().map(ParameterSpec::name).toList());
        assertEquals(1095.0, specs.get(1).defaultValue());
    }

    @Test
    void aRunIsTheEnginesKaplanMeierLogRankAndHazardRatioOnTheAnalysedPatients() throws Exception {
        TestCohort cohort = new TestCohort(12).os(TIME, EVENT).categorical("arm", ColumnType.CATEGORICAL, ARM);
        TrialEndpointAnalysis.Result r = (TrialEndpointAnalysis.Result) new Os().run(cohort, request("arm", 730));
        assertEquals("OS", r.endpoint());
        assertEquals("arm", r.treatment());
        assertEquals("RFA", r.reference(), "the first arm in code-point order");
        assertEquals(730, r.landmark());
        assertEquals(10, r.n());
        assertEquals(2, r.nDropped(), "no OS for one patient, no arm for another");
        assertEquals(Map.of("OS", 1, "arm", 1), r.missing());

        // the same 10 patients given to the engine directly
        int[] rows = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        double[] time = new double[10];
        int[] status = new int[10];
        int[] arm = new int[10];
        for (int k = 0; k < 10; k++) {
            time[k] = TIME[rows[k]];
            status[k] = EVENT[rows[k]];
            arm[k] = "RFA".equals(ARM[rows[k]]) ? 0 : 1;
        }
        String[] labels = {"RFA", "RFA+RT"};
        KaplanMeierResult km = KaplanMeierEstimator.create().withConfType(KaplanMeierEstimator.ConfType.LOG_LOG)
                .withLandmarks(730).fit(time, status, arm, labels);
        assertEquals(km, r.km());
        assertEquals(730, r.km().group("RFA+RT").landmarks().get(0).time());
        LogRankResult lr = LogRankTest.create().test(time, status, arm, labels);
        assertEquals(lr.pValue(), r.logRank().pValue());
        CoxResult cox = CoxProportionalHazards.create().withPhTest(false).fit(time, status, null,
                new double[][] {java.util.Arrays.stream(arm).asDoubleStream().toArray()}, new String[] {"arm=RFA+RT"});
        assertEquals("arm=RFA+RT", r.hazardRatio().term());
        assertEquals(cox.terms().get(0).hazardRatio(), r.hazardRatio().hazardRatio(), 1e-12);
        assertEquals(cox.terms().get(0).pValue(), r.hazardRatio().pValue(), 1e-12);
        assertEquals(List.of(r.hazardRatio()), r.hazardRatios());
        assertTrue(r.warnings().stream().anyMatch(w -> w.startsWith("2 of 12 patients left out")), r.warnings().toString());
    }

    @Test
    void withStrataASecondLogRankTestIsStratifiedByItsLevelsOverThePatientsWhoHaveOne() throws Exception {
        String[] site = {"A", "B", "A", null, "B", "B", "A", "B", "A", "A", "B", "A"};
        TestCohort cohort = new TestCohort(12).os(TIME, EVENT).categorical("arm", ColumnType.CATEGORICAL, ARM)
                .categorical("site", ColumnType.CATEGORICAL, site);
        TrialEndpointAnalysis.Result plain = (TrialEndpointAnalysis.Result) new Os().run(cohort, request("arm", 730));
        assertNull(plain.logRankStratified(), "no strata, no stratified test");

        Map<String, Object> m = new HashMap<>(Map.of("treatment", "arm", "landmark", 730.0, "strata", "site"));
        TrialEndpointAnalysis.Result r = (TrialEndpointAnalysis.Result) new Os().run(cohort, new AnalysisParameters(m));
        assertEquals(plain.logRank(), r.logRank(), "the first test stays unstratified");

        // the analysed patients 0..9 less patient 3, who has no site, given to the engine with their sites
        int[] rows = {0, 1, 2, 4, 5, 6, 7, 8, 9};
        double[] time = new double[rows.length];
        int[] status = new int[rows.length];
        int[] arm = new int[rows.length];
        int[] stratum = new int[rows.length];
        for (int k = 0; k < rows.length; k++) {
            time[k] = TIME[rows[k]];
            status[k] = EVENT[rows[k]];
            arm[k] = "RFA".equals(ARM[rows[k]]) ? 0 : 1;
            stratum[k] = "A".equals(site[rows[k]]) ? 0 : 1;
        }
        LogRankResult expected = LogRankTest.create().test(time, status, arm, new String[] {"RFA", "RFA+RT"}, stratum);
        assertEquals(expected.chiSquare(), r.logRankStratified().chiSquare(), 1e-12);
        assertEquals(expected.pValue(), r.logRankStratified().pValue(), 1e-12);
        assertTrue(Math.abs(expected.chiSquare() - r.logRank().chiSquare()) > 1e-6,
                "stratifying changes the statistic on these patients");
        assertTrue(r.warnings().contains("1 of 10 patients have no site and are left out of the stratified log-rank test"),
                r.warnings().toString());
    }

    @Test
    void oneArmGivesNoHazardRatioAndSaysSo() throws Exception {
        String[] one = new String[12];
        java.util.Arrays.fill(one, "RFA");
        TestCohort cohort = new TestCohort(12).os(TIME, EVENT).categorical("arm", ColumnType.CATEGORICAL, one);
        TrialEndpointAnalysis.Result r = (TrialEndpointAnalysis.Result) new Os().run(cohort, request("arm", 1095));
        assertNull(r.hazardRatio());
        assertEquals(List.of(), r.hazardRatios());
        assertTrue(r.warnings().contains("only one arm (RFA) among the analysed patients: no comparison"),
                r.warnings().toString());
    }

    @Test
    void theFigureShowsTheArmsTheLandmarkTheLogRankPAndTheHazardRatio() {
        Map<String, Object> row = new LinkedHashMap<>(Map.of("time", 200.0, "nRisk", 5, "nEvent", 1, "nCensor", 0,
                "survival", 0.8, "lower", 0.5, "upper", 0.95));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("endpoint", "OS");
        result.put("treatment", "arm");
        result.put("reference", "RFA");
        result.put("landmark", 1095.0);
        result.put("km", Map.of("groups", List.of(Map.of("label", "RFA", "n", 5, "table", List.of(row)),
                Map.of("label", "RFA+RT", "n", 5, "table", List.of(row)))));
        result.put("logRank", Map.of("pValue", 0.031, "df", 1));
        result.put("hazardRatio", Map.of("term", "arm=RFA+RT", "hazardRatio", 0.61, "lower", 0.4, "upper", 0.93,
                "pValue", 0.021));
        StoredResult stored = new StoredResult("r1", "os", "c1", Map.of(), result, null);
        Figure f = new Os().figure(stored, FigureRequest.DEFAULT).orElseThrow();
        assertEquals("Overall survival by arm", f.title());
        assertTrue(f.description().contains("Dotted line: 3 years."), f.description());
        assertTrue(f.description().contains("Log-rank p = 0.031."), f.description());
        assertTrue(f.description().contains("HR RFA+RT vs RFA 0.61 (0.40-0.93), p = 0.021."), f.description());

        assertTrue(!f.description().contains("stratified"), f.description());
        result.put("logRankStratified", Map.of("pValue", 0.044, "df", 1));
        Figure byStrata = new Os().figure(new StoredResult("r1", "os", "c1", Map.of("strata", "site"), result, null),
                FigureRequest.DEFAULT).orElseThrow();
        assertTrue(byStrata.description().contains("Log-rank stratified by site p = 0.044."), byStrata.description());
        assertTrue(byStrata.description().contains("p = 0.021, Cox stratified by site."), byStrata.description());

        result.remove("reference");
        result.remove("landmark");
        result.put("hazardRatio", Map.of("term", "RT", "hazardRatio", 0.61, "lower", 0.4, "upper", 0.93));
        Figure g = new Os().figure(stored, FigureRequest.DEFAULT).orElseThrow();
        assertTrue(g.description().contains("HR RT 0.61 (0.40-0.93)."), g.description());
        assertTrue(!g.description().contains("Dotted line"), g.description());
    }
}
