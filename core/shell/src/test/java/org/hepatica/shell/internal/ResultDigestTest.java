package org.hepatica.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The digest of results as the platform's analyses produce them (src/test/resources/results). */
class ResultDigestTest {

    private static String digest(String sample) {
        return digestOf(Samples.result(sample).result());
    }

    private static String digestOf(Object tree) {
        return Samples.printed(out -> ResultDigest.print(tree, out));
    }

    private static void assertLine(String text, String regex) {
        assertTrue(Pattern.compile("(?m)^" + regex + "$").matcher(text).find(), "no line /" + regex + "/ in\n" + text);
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    @Test
    void dfsShowsTheGroupsTheLogRankTestAndTheHazardRatioOnce() {
        String d = digest("dfs");
        assertLine(d, "endpoint: DFS");
        assertLine(d, "landmark: 730");
        assertLine(d, "n: 400");
        assertLine(d, "Kaplan-Meier \\(km\\.groups\\):");
        assertLine(d, "RFA +\\| +188 \\| +126 \\| 1052 \\(792-1176\\)");
        assertLine(d, "RFA\\+RT \\| +212 \\| +108 \\| 1519 \\(1285-1881\\)");
        assertLine(d, "logRank: chi-square 20\\.94 on 1 df, p < 0\\.001");
        assertLine(d, "hazard ratio arm=RFA\\+RT: 0\\.54 \\(0\\.42-0\\.71\\), p < 0\\.001");
        assertEquals(1, count(d, "hazard ratio"), "hazardRatio and hazardRatios[0] are the same ratio:\n" + d);
        assertFalse(d.contains("0.9946"), "no step table:\n" + d);
        assertFalse(d.contains("warning"), d);
        assertTrue(d.lines().count() < 25, "short:\n" + d);
    }

    @Test
    void aMedianOrBoundNotReachedIsNR() {
        String d = digest("os");
        assertLine(d, "RFA +\\| +188 \\| +44 \\| NR \\(2415-NR\\)");
        assertLine(d, "RFA\\+RT \\| +212 \\| +33 \\| NR");
        assertLine(d, "logRank: chi-square 6\\.03 on 1 df, p = 0\\.014");
        assertLine(d, "hazard ratio arm=RFA\\+RT: 0\\.57 \\(0\\.36-0\\.90\\), p = 0\\.015");
    }

    @Test
    void kmWithoutGroupingHasOneGroupAndNoTest() {
        String d = digest("km");
        assertLine(d, "Kaplan-Meier \\(groups\\):");
        assertLine(d, "all +\\| +400 \\| +77 \\| NR");
        assertFalse(d.contains("chi-square"), d);
        assertLine(d, "confLevel: 0\\.95");
    }

    @Test
    void coxShowsEveryTermAndItsWarning() {
        String d = digest("cox");
        assertLine(d, "covariates: arm, mvi, age");
        assertLine(d, "converged: true");
        assertLine(d, "hazard ratio arm=RFA\\+RT: 0\\.62 \\(0\\.39-0\\.98\\), p = 0\\.040");
        assertLine(d, "hazard ratio mvi: 2\\.09 \\(1\\.30-3\\.35\\), p = 0\\.002");
        assertLine(d, "hazard ratio age: 1\\.01 \\(0\\.99-1\\.03\\), p = 0\\.44");
        assertLine(d, "likelihoodRatio: statistic 14\\.44 on 3 df, p = 0\\.002");
        assertLine(d, "warning: 16 of 400 patients left out of the model for a missing covariate \\(mvi missing for 16\\)");
    }

    @Test
    void subgroupsAreNamedByTheirLevel() {
        String d = digest("mvi-subgroups");
        assertLine(d, "hazard ratio arm=RFA\\+RT \\(level 0\\): 0\\.52 \\(0\\.37-0\\.72\\), p < 0\\.001");
        assertLine(d, "hazard ratio arm=RFA\\+RT \\(level 1\\): 0\\.59 \\(0\\.37-0\\.96\\), p = 0\\.032");
        assertLine(d, "interaction: statistic 0\\.02 on 1 df, p = 0\\.88");
        assertEquals(1, count(d, "warning:"), d);
    }

    @Test
    void testsInAListAreNamedByTheirCause() {
        String d = digest("competing-risks");
        assertLine(d, "grayTest cause 1: statistic 7\\.48 on 1 df, p = 0\\.006");
        assertLine(d, "grayTest cause 2: statistic 6\\.00 on 1 df, p = 0\\.014");
        assertLine(d, "times: 365, 730, 1095");
    }

    @Test
    void kmGroupsAsATopLevelListAndTwoTests() {
        String d = digest("margin-stratification");
        assertLine(d, "Kaplan-Meier \\(km\\):");
        assertLine(d, "<10 +\\| +198 \\| +127 \\| 1014 \\(782-1298\\)");
        assertLine(d, "logRankBetweenClasses: chi-square 5\\.51 on 1 df, p = 0\\.019");
        assertLine(d, "stratifiedLogRankTreatment: chi-square 20\\.20 on 1 df, p < 0\\.001");
        assertLine(d, "hazard ratio arm=RFA\\+RT: 0\\.55 \\(0\\.42-0\\.72\\), p < 0\\.001");
    }

    @Test
    void aTopLevelListOfRecordsIsATable() {
        String d = digest("summary");
        assertLine(d, "patients: 400");
        assertLine(d, "endpoints:");
        assertLine(d, "OS +\\| 400 +\\| 77 +\\| 323 +\\| 1522 +\\| 1325");
        assertLine(d, "DFS +\\| 400 +\\| 234 +\\| 166 +\\| 1456 +\\| 856");
    }

    @Test
    void warningsFromEveryPartAreShownOnce() {
        Map<String, Object> tree = Map.of("n", 3, "warnings", List.of("few patients"),
                "part", Map.of("warnings", List.of("few patients", "no events in group B")));
        String d = digestOf(tree);
        assertEquals(1, count(d, "warning: few patients"), d);
        assertLine(d, "warning: no events in group B");
    }

    @Test
    void aResultThatIsNotAnObjectIsShownAsIs() {
        assertEquals("result: 2.50" + System.lineSeparator(), digestOf(2.5));
    }
}
