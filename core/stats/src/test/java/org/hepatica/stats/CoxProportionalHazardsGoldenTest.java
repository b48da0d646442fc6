package org.hepatica.stats;

import static org.hepatica.stats.CoxGolden.TOL;
import static org.hepatica.stats.CoxGolden.TOL_ITER;
import static org.hepatica.stats.CoxGolden.close;
import static org.hepatica.stats.CoxGolden.pValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden tests of the Cox fit against R 4.2.2 / survival 3.5.3 (reference/*.expected.json,
 * sections cox_efron, cox_breslow, cox_stratified). Every value of each section is compared:
 * relative 1e-6 for what R computes in closed form at beta = 0 (n, events, logLikNull, score
 * test), 1e-4 for results R reaches by iteration (README); in practice they agree to ~1e-9.
 */
class CoxProportionalHazardsGoldenTest {

    static Stream<Arguments> sections() {
        return Stream.of(
                Arguments.of("lung", "OS", "cox_efron"),
                Arguments.of("lung", "OS", "cox_breslow"),
                Arguments.of("lung", "OS", "cox_stratified"),
                Arguments.of("hcc_demo", "OS", "cox_efron"),
                Arguments.of("hcc_demo", "OS", "cox_breslow"),
                Arguments.of("hcc_demo", "DFS", "cox_efron"),
                Arguments.of("hcc_demo", "DFS", "cox_breslow"));
    }

    /** Fits the model a reference section describes (covariates, ties, strata). */
    static CoxResult fitSection(ReferenceCohort cohort, String endpoint, JsonNode exp) {
        CoxDesign.Builder design = CoxDesign.builder(cohort.size());
        for (JsonNode c : exp.path("covariates")) {
            String name = c.asText();
            if (CoxGolden.isNumeric(cohort, name)) {
                design.numeric(name, cohort.numeric(name));
            } else {
                design.categorical(name, cohort.text(name));
            }
        }
        if (exp.hasNonNull("strata")) {
            design.strata(exp.get("strata").asText(), cohort.text(exp.get("strata").asText()));
        }
        CoxTies ties = "breslow".equals(exp.path("ties").asText()) ? CoxTies.BRESLOW : CoxTies.EFRON;
        return CoxProportionalHazards.create().withTies(ties)
                .fit(CoxGolden.time(cohort, endpoint), CoxGolden.event(cohort, endpoint), design.build());
    }

    static String rCall(String endpoint, JsonNode exp) {
        List<String> terms = new ArrayList<>();
        exp.path("covariates").forEach(c -> terms.add(c.asText()));
        if (exp.hasNonNull("strata")) {
            terms.add("strata(" + exp.get("strata").asText() + ")");
        }
        return "coxph(Surv(" + endpoint.toLowerCase() + "_time, " + endpoint.toLowerCase() + "_event) ~ "
                + String.join(" + ", terms) + ", ties = \"" + exp.path("ties").asText() + "\")";
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("sections")
    void everyValueMatchesR(String dataset, String endpoint, String section) {
        JsonNode exp = ReferenceData.expected(dataset).path("endpoints").path(endpoint).path(section);
        CoxResult fit = fitSection(ReferenceCohort.load(dataset), endpoint, exp);
        String call = rCall(endpoint, exp);

        // fit <- coxph(...); fit$n, fit$nevent, length(fit$na.action)
        assertEquals(exp.get("n").asInt(), fit.n(), call + " $n");
        assertEquals(exp.get("events").asInt(), fit.events(), call + " $nevent");
        assertEquals(exp.get("nDropped").asInt(), fit.nDropped(), call + " length($na.action)");
        assertTrue(exp.get("warning").isNull() && fit.warnings().isEmpty(), call + " warnings " + fit.warnings());
        assertTrue(fit.converged(), call);

        // summary(fit)$coefficients, summary(fit)$conf.int (conf.int = 0.95)
        JsonNode terms = exp.get("terms");
        assertEquals(terms.size(), fit.terms().size(), call + " number of coefficients");
        for (int j = 0; j < terms.size(); j++) {
            JsonNode e = terms.get(j);
            CoxTerm t = fit.terms().get(j);
            String what = call + " term " + e.get("term").asText();
            assertEquals(e.get("term").asText(), CoxGolden.rName(t.term()), what + " name");
            close(what + " coef", e.get("coef"), t.coef(), TOL_ITER);
            close(what + " se(coef)", e.get("stdErr"), t.stdErr(), TOL_ITER);
            close(what + " exp(coef)", e.get("hazardRatio"), t.hazardRatio(), TOL_ITER);
            close(what + " lower .95", e.get("lower"), t.lower(), TOL_ITER);
            close(what + " upper .95", e.get("upper"), t.upper(), TOL_ITER);
            close(what + " z", e.get("z"), t.z(), TOL_ITER);
            pValue(what + " Pr(>|z|)", e.get("pValue"), t.pValue(), TOL_ITER);
        }
        // fit$loglik, fit$iter
        close(call + " $loglik[1]", exp.get("logLikNull"), fit.logLikNull(), TOL);
        close(call + " $loglik[2]", exp.get("logLik"), fit.logLik(), TOL_ITER);
        assertEquals(exp.get("iterations").asInt(), fit.iterations(), call + " $iter");

        // summary(fit)$logtest, $waldtest (R rounds the Wald statistic to 2 decimals), $sctest
        JsonNode lr = exp.get("likelihoodRatio");
        close(call + " logtest", lr.get("statistic"), fit.likelihoodRatio().statistic(), TOL_ITER);
        assertEquals(lr.get("df").asInt(), fit.likelihoodRatio().df(), call + " logtest df");
        pValue(call + " logtest p", lr.get("pValue"), fit.likelihoodRatio().pValue(), TOL_ITER);
        JsonNode wald = exp.get("wald");
        assertEquals(wald.get("statistic").asDouble(), Math.round(fit.wald().statistic() * 100) / 100.0, 1e-9,
                call + " waldtest (summary.coxph rounds it to 2 decimals)");
        assertEquals(wald.get("df").asInt(), fit.wald().df(), call + " waldtest df");
        pValue(call + " waldtest p", wald.get("pValue"), fit.wald().pValue(), TOL_ITER);
        JsonNode score = exp.get("score");
        close(call + " sctest", score.get("statistic"), fit.score().statistic(), TOL);
        assertEquals(score.get("df").asInt(), fit.score().df(), call + " sctest df");
        pValue(call + " sctest p", score.get("pValue"), fit.score().pValue(), TOL);

        // fit$concordance["concordance"]
        close(call + " concordance", exp.get("concordance"), fit.concordance(), TOL);

        // cox.zph(fit, transform = "km")$table
        JsonNode ph = exp.get("phTest");
        assertEquals(ph.size(), fit.phTest().size(), call + " cox.zph rows");
        for (int j = 0; j < ph.size(); j++) {
            JsonNode e = ph.get(j);
            ProportionalHazardsTest.TermTest t = fit.phTest().get(j);
            String what = "cox.zph(" + call + ", transform = \"km\") " + e.get("term").asText();
            assertEquals(e.get("term").asText(), t.term(), what);
            close(what + " chisq", e.get("chiSquare"), t.chiSquare(), TOL_ITER);
            assertEquals(e.get("df").asInt(), t.df(), what + " df");
            pValue(what + " p", e.get("pValue"), t.pValue(), TOL_ITER);
        }
    }
}
