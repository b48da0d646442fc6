package org.hepatica.stats;

import static org.hepatica.stats.CoxGolden.TOL_ITER;
import static org.hepatica.stats.CoxGolden.close;
import static org.hepatica.stats.CoxGolden.pValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Golden tests of the Cox analyses built on subsets of hcc_demo: {@code mviSubgroups}
 * (treatment hazard ratio within each MVI level, treatment x MVI interaction) and
 * {@code marginStratification.stratifiedCoxTreatment}. R 4.2.2 / survival 3.5.3; relative
 * tolerance 1e-4 for iterated results, 1e-6 otherwise, counts exact.
 */
class CoxSubgroupGoldenTest {

    private static final ReferenceCohort HCC = ReferenceCohort.load("hcc_demo");

    /** Subset of a double column. */
    private static double[] take(double[] v, int[] rows) {
        return Arrays.stream(rows).mapToDouble(i -> v[i]).toArray();
    }

    private static int[] take(int[] v, int[] rows) {
        return Arrays.stream(rows).map(i -> v[i]).toArray();
    }

    private static String[] take(String[] v, int[] rows) {
        return Arrays.stream(rows).mapToObj(i -> v[i]).toArray(String[]::new);
    }

    @ParameterizedTest(name = "hcc_demo {0} mviSubgroups")
    @ValueSource(strings = {"OS", "DFS"})
    void mviSubgroupsMatchR(String endpoint) {
        JsonNode exp = ReferenceData.expected("hcc_demo").path("endpoints").path(endpoint).path("mviSubgroups");
        double[] time = CoxGolden.time(HCC, endpoint);
        int[] event = CoxGolden.event(HCC, endpoint);
        String[] arm = HCC.text("arm");
        double[] mvi = HCC.numeric("mvi");
        assertEquals("arm", exp.get("treatment").asText());
        assertEquals("mvi", exp.get("subgroup").asText());

        for (JsonNode sub : exp.get("subgroups")) {
            double level = Double.parseDouble(sub.get("level").asText());
            int[] rows = java.util.stream.IntStream.range(0, HCC.size()).filter(i -> mvi[i] == level).toArray();
            String call = "coxph(Surv(time, event) ~ arm, data = subset(hcc, mvi == " + sub.get("level").asText() + "))";
            CoxDesign design = CoxDesign.builder(rows.length).categorical("arm", take(arm, rows)).build();
            assertEquals(exp.get("reference").asText(), design.reference("arm"), call + " reference level");
            CoxResult fit = CoxProportionalHazards.create().fit(take(time, rows), take(event, rows), design);
            CoxTerm t = fit.term("arm=RFA+RT").orElseThrow();
            assertEquals(sub.get("n").asInt(), fit.n(), call + " $n");
            assertEquals(sub.get("events").asInt(), fit.events(), call + " $nevent");
            close(call + " exp(coef)", sub.get("hazardRatio"), t.hazardRatio(), TOL_ITER);
            close(call + " lower .95", sub.get("lower"), t.lower(), TOL_ITER);
            close(call + " upper .95", sub.get("upper"), t.upper(), TOL_ITER);
            pValue(call + " Pr(>|z|)", sub.get("pValue"), t.pValue(), TOL_ITER);
        }

        // anova(coxph(Surv ~ arm + mvi), coxph(Surv ~ arm * mvi)) on patients with known MVI
        CoxDesign main = CoxDesign.builder(HCC.size()).categorical("arm", arm).numeric("mvi", mvi).build();
        CoxDesign withInteraction = CoxDesign.builder(HCC.size()).categorical("arm", arm).numeric("mvi", mvi)
                .interaction("arm", "mvi").build();
        assertEquals(java.util.List.of("arm=RFA+RT", "mvi", "arm=RFA+RT:mvi"), withInteraction.termNames());
        CoxResult reduced = CoxProportionalHazards.create().fit(time, event, main);
        CoxResult full = CoxProportionalHazards.create().fit(time, event, withInteraction);
        CoxLikelihoodRatioTest.Result lrt = CoxLikelihoodRatioTest.compare(reduced, full);
        JsonNode interaction = exp.get("interaction");
        String call = "anova(coxph(Surv(time, event) ~ arm + mvi), coxph(Surv(time, event) ~ arm * mvi))";
        close(call + " Chisq", interaction.get("statistic"), lrt.statistic(), TOL_ITER);
        assertEquals(interaction.get("df").asInt(), lrt.df(), call + " Df");
        pValue(call + " Pr(>|Chi|)", interaction.get("pValue"), lrt.pValue(), TOL_ITER);
        assertEquals(java.util.List.of(), lrt.warnings());
    }

    @ParameterizedTest(name = "hcc_demo {0} marginStratification.stratifiedCoxTreatment")
    @ValueSource(strings = {"OS", "DFS"})
    void stratifiedCoxTreatmentMatchesR(String endpoint) {
        JsonNode exp = ReferenceData.expected("hcc_demo").path("endpoints").path(endpoint).path("marginStratification");
        double cutoff = exp.get("cutoffMm").asDouble();
        double[] margin = HCC.numeric("margin_mm");
        String[] marginClass = new String[HCC.size()];
        int missing = 0;
        for (int i = 0; i < margin.length; i++) {
            if (Double.isNaN(margin[i])) {
                missing++;
            } else {
                marginClass[i] = margin[i] < cutoff ? "<10" : ">=10";
            }
        }
        assertEquals(exp.get("excludedMissingMargin").asInt(), missing);
        CoxDesign design = CoxDesign.builder(HCC.size()).categorical("arm", HCC.text("arm"))
                .strata("marginClass", marginClass).build();
        CoxResult fit = CoxProportionalHazards.create().fit(CoxGolden.time(HCC, endpoint), CoxGolden.event(HCC, endpoint), design);
        assertEquals(exp.get("n").asInt() - missing, fit.n());
        String call = "coxph(Surv(time, event) ~ .t + strata(marginClass))";
        JsonNode terms = exp.get("stratifiedCoxTreatment").get("terms");
        assertEquals(1, terms.size());
        JsonNode e = terms.get(0);
        assertEquals(".tRFA+RT", e.get("term").asText()); // R's name for the treatment of the analysis
        CoxTerm t = fit.term("arm=RFA+RT").orElseThrow();
        close(call + " exp(coef)", e.get("hazardRatio"), t.hazardRatio(), TOL_ITER);
        close(call + " lower .95", e.get("lower"), t.lower(), TOL_ITER);
        close(call + " upper .95", e.get("upper"), t.upper(), TOL_ITER);
        pValue(call + " Pr(>|z|)", e.get("pValue"), t.pValue(), TOL_ITER);
    }
}
