package org.hepatica.federation.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hepatica.analysis.Analysis;
import org.hepatica.analysis.InvalidParameterException;
import org.hepatica.cohort.CohortView;
import org.hepatica.plugin.competingrisks.internal.CompetingRisksAnalysis;
import org.hepatica.plugin.dfs.internal.DfsAnalysis;
import org.hepatica.plugin.km.internal.KaplanMeierAnalysis;
import org.hepatica.plugin.marginstratification.internal.MarginStratificationAnalysis;
import org.hepatica.plugin.mvisubgroups.internal.MviSubgroupsAnalysis;
import org.hepatica.plugin.os.internal.OsAnalysis;
import org.hepatica.plugin.shortterm.internal.ShortTermAnalysis;
import org.hepatica.testing.AnalysisHarness;
import org.hepatica.testing.ReferenceValues;
import org.hepatica.testing.ResultComparison;
import org.hepatica.testing.TestCohorts;
import org.junit.jupiter.api.Test;

/**
 * The demo cohort split across three sites: each site's counts, through the wire format, pooled
 * and run through the plugin, give the single-installation result on the whole cohort.
 */
class PoolingTest {
    /** Site of each demo patient (row number, recorded centre): its centre, S01 at A, S02 at B, S03 at C. */
    private static final java.util.function.BiFunction<Integer, String, String> BY_CENTRE = (row, s) -> switch (s) {
        case "S01" -> "A";
        case "S02" -> "B";
        default -> "C";
    };

    private static List<String> demo() throws IOException {
        return Files.readAllLines(ReferenceValues.dir().resolve("hcc_demo.csv"));
    }

    /** The demo CSV with its site column replaced by the installation each patient is at. */
    private static List<String> assigned(List<String> lines, java.util.function.BiFunction<Integer, String, String> siteOf) {
        int site = siteColumn(lines);
        List<String> out = new ArrayList<>(List.of(lines.get(0)));
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",", -1);
            f[site] = siteOf.apply(i, f[site].replace("\"", ""));
            out.add(String.join(",", f));
        }
        return out;
    }

    private static int siteColumn(List<String> lines) {
        return List.of(lines.get(0).replace("\"", "").split(",", -1)).indexOf("site");
    }

    private static Map<String, CohortView> split(List<String> lines) {
        int site = siteColumn(lines);
        Map<String, StringBuilder> csv = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String s = line.split(",", -1)[site];
            csv.computeIfAbsent(s, k -> new StringBuilder(lines.get(0)).append('\n')).append(line).append('\n');
        }
        Map<String, CohortView> out = new LinkedHashMap<>();
        csv.forEach((k, v) -> out.put(k, TestCohorts.csvText(v.toString())));
        return out;
    }

    /** The result on the pooled records of the sites' counts, each through the wire format. */
    private static JsonNode federated(Analysis analysis, Map<String, CohortView> sites, Map<String, Object> params)
            throws Exception {
        Plan plan = Plan.of(analysis.id(), params);
        Map<String, SiteCounts> released = new LinkedHashMap<>();
        for (Map.Entry<String, CohortView> e : sites.entrySet()) {
            SiteCounts c = SiteCounts.of(e.getValue(), plan);
            Messages.Answer a = new Messages.Answer("t", "r", e.getKey(), Messages.Answer.RELEASED, null, "1", "x",
                    c.rowsUsed(), c);
            released.put(e.getKey(), Messages.readAnswer(Messages.write(a)).counts());
        }
        PooledCohort pooled = new PooledCohort("federated-test", "test", plan, released, "checksum");
        return AnalysisHarness.of(analysis).run(pooled, plan.pooledParameters(params)).json();
    }

    private static JsonNode single(Analysis analysis, List<String> lines, Map<String, Object> params) throws Exception {
        return AnalysisHarness.of(analysis).run(TestCohorts.csvText(String.join("\n", lines) + "\n"), params).json();
    }

    @Test
    void federatedDfsAndOsAreTheWholeCohortsCurvesTestsAndSiteStratifiedHazardRatio() throws Exception {
        List<String> lines = assigned(demo(), BY_CENTRE);
        Map<String, CohortView> sites = split(lines);
        assertEquals(Set.of("A", "B", "C"), sites.keySet());
        for (Analysis a : List.of(new DfsAnalysis(), new OsAnalysis())) {
            JsonNode fed = federated(a, sites, Map.of());
            JsonNode whole = single(a, lines, Map.of());
            ResultComparison.assertClose(whole.get("km"), fed.get("km"), 1e-12, Set.of());
            ResultComparison.assertClose(whole.get("logRank"), fed.get("logRank"), 1e-12, Set.of());
            assertEquals(whole.get("n"), fed.get("n"));
            assertEquals(whole.get("nDropped"), fed.get("nDropped"));
            JsonNode stratified = single(a, lines, Map.of("strata", "site"));
            ResultComparison.assertClose(stratified.get("hazardRatio"), fed.get("hazardRatio"), 1e-8, Set.of());
            ResultComparison.assertClose(stratified.get("logRankStratified"), fed.get("logRankStratified"), 1e-12,
                    Set.of());
            assertNotEquals(whole.get("logRank").get("chiSquare").doubleValue(),
                    fed.get("logRankStratified").get("chiSquare").doubleValue(), 1e-6);
            // stratifying by site changes the hazard ratio: the comparison above is not of equal numbers by chance
            assertNotEquals(whole.get("hazardRatio").get("hazardRatio").doubleValue(),
                    fed.get("hazardRatio").get("hazardRatio").doubleValue(), 1e-6);
        }
    }

    @Test
    void reSplittingThePatientsChangesNoPooledCurve() throws Exception {
        List<String> lines = demo();
        Map<String, CohortView> byCentre = split(assigned(lines, BY_CENTRE));
        Map<String, CohortView> other = split(assigned(lines, (row, s) -> List.of("A", "B", "C").get(row % 3)));
        JsonNode a = federated(new DfsAnalysis(), byCentre, Map.of());
        JsonNode b = federated(new DfsAnalysis(), other, Map.of());
        assertEquals(a.get("km"), b.get("km"));
        assertEquals(a.get("logRank"), b.get("logRank"));
    }

    @Test
    void mviSubgroupsAndMarginStratificationPoolToTheWholeCohortsResult() throws Exception {
        List<String> lines = assigned(demo(), BY_CENTRE);
        Map<String, CohortView> sites = split(lines);
        for (Analysis a : List.of(new MviSubgroupsAnalysis(), new MarginStratificationAnalysis())) {
            JsonNode fed = federated(a, sites, Map.of());
            JsonNode whole = single(a, lines, Map.of());
            ResultComparison.assertClose(whole, fed, 1e-8, Set.of("warnings"));
        }
    }

    @Test
    void competingRisksPoolToTheWholeCohortsIncidenceAndGraysTest() throws Exception {
        List<String> lines = assigned(demo(), BY_CENTRE);
        JsonNode fed = federated(new CompetingRisksAnalysis(), split(lines), Map.of());
        JsonNode whole = single(new CompetingRisksAnalysis(), lines, Map.of());
        ResultComparison.assertClose(whole, fed, 1e-12, Set.of("warnings"));
        assertTrue(fed.get("grayTest").size() == 2 && fed.get("curves").size() > 0, fed.toString());
        // the site releases the causes apart: a table of censored, recurrence and death counts
        SiteCounts c = SiteCounts.of(split(lines).get("A"), Plan.of("competing-risks", Map.of()));
        assertEquals(2, c.table().causes());
        assertTrue(c.table().rows().stream().anyMatch(r -> r.counts()[2] > 0), "deaths without recurrence are counted");
    }

    @Test
    void aSitesCountsCarryNoPatientValueButTheCountsAndTimes() throws Exception {
        CohortView site = split(assigned(demo(), BY_CENTRE)).get("B");
        SiteCounts c = SiteCounts.of(site, Plan.of("dfs", Map.of()));
        String wire = Messages.json(c.toWire());
        assertTrue(!wire.contains("SYN-"), "no patient id leaves the site");
        assertTrue(!wire.contains("2016-"), "no date leaves the site");
        assertEquals(site.size(), c.table().subjects() + c.excluded().values().stream().mapToInt(i -> i).sum());
        // a time that is not a short decimal travels to the bit
        double t = Math.nextUp(365.25);
        assertEquals(Double.doubleToRawLongBits(t), Double.doubleToRawLongBits(Double.parseDouble(Double.toHexString(t))));
    }

    @Test
    void kaplanMeierWithAnyGroupingPoolsToTheWholeCohortsResult() throws Exception {
        List<String> lines = assigned(demo(), BY_CENTRE);
        Map<String, CohortView> sites = split(lines);
        List<Map<String, Object>> requests = List.of(
                Map.of("landmarks", List.of(730, 1095), "tau", 1095),
                Map.of("endpoint", "DFS", "groupBy", "arm", "confType", "log-log"),
                Map.of("groupBy", "mvi", "strata", "sex"),
                Map.of("groupBy", "arm", "strata", "site"),
                Map.of("groupBy", "site", "landmarks", List.of(730)));
        for (Map<String, Object> request : requests) {
            JsonNode fed = federated(new KaplanMeierAnalysis(), sites, request);
            JsonNode whole = single(new KaplanMeierAnalysis(), lines, request);
            ResultComparison.assertClose(whole, fed, 1e-12, Set.of("warnings"));
            assertEquals(whole.get("n"), fed.get("n"), request.toString());
        }
        // the site column is the pooled records' own: grouping by it releases no column
        assertEquals(List.of(), Plan.of("km", Map.of("groupBy", "site")).columns());
        assertEquals("strata", assertThrows(InvalidParameterException.class,
                () -> Plan.of("km", Map.of("groupBy", "arm", "strata", "ARM"))).parameter());
    }

    @Test
    void shortTermResponseAndToxicityPoolToTheWholeCohortsRatesAndTests() throws Exception {
        List<String> lines = assigned(demo(), BY_CENTRE);
        Map<String, CohortView> sites = split(lines);
        JsonNode fed = federated(new ShortTermAnalysis(), sites, Map.of());
        JsonNode whole = single(new ShortTermAnalysis(), lines, Map.of());
        ResultComparison.assertClose(whole, fed, 1e-12, Set.of());
        // the grade travels only as its class at 3
        Plan plan = Plan.of("short-term", Map.of());
        assertEquals(3.0, plan.columns().get(2).cutoff());
        SiteCounts a = SiteCounts.of(sites.get("A"), plan);
        assertTrue(a.table().rows().stream().allMatch(r -> r.time() == 0 && r.counts()[1] == 0),
                "counts of patients: no time, no event");
        assertEquals(sites.get("A").size(), a.table().rows().stream().mapToInt(r -> r.total()).sum());
    }

    @Test
    void anAnalysisThatDoesNotRunFederatedIsRefusedByName() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> Plan.of("baseline", Map.of()));
        assertTrue(e.getMessage().contains("dfs, os, mvi-subgroups, margin-stratification, competing-risks, km, short-term and cox"),
                e.getMessage());
        assertEquals("cutoffMm", assertThrows(InvalidParameterException.class,
                () -> Plan.of("margin-stratification", Map.of("cutoffMm", -1))).parameter());
    }
}
