package org.hepatica.analysis.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.hepatica.analysis.InvalidParameterException;
import org.hepatica.cohort.ColumnType;
import org.hepatica.cohort.Endpoint;
import org.hepatica.stats.CoxDesign;
import org.hepatica.stats.CoxProportionalHazards;
import org.hepatica.stats.CoxResult;
import org.hepatica.stats.CoxTerm;
import org.junit.jupiter.api.Test;

class CoxModelTest {
    private static final double NA = Double.NaN;
    private static final double[] TIME = {5, 8, 12, 3, 9, 15, 7, 11, 4, 14, 6, 10};
    private static final int[] EVENT = {1, 0, 1, 1, 1, 0, 1, 1, 0, 1, 1, -1};
    private static final String[] ARM = {"B", "A", "B", "A", "B", "A", "B", "A", "B", "A", "B", "A"};
    private static final double[] AGE = {50, 61, 72, 43, 55, NA, 66, 58, 49, 70, 62, 53};
    private static final String[] CP = {"A", "B", "A", "A", "C", "B", "A", "A", "B", "A", "C", "A"};

    private static TestCohort cohort() {
        return new TestCohort(12).os(TIME.clone(), EVENT.clone())
                .categorical("arm", ColumnType.CATEGORICAL, ARM)
                .numeric("age", ColumnType.NUMERIC, AGE)
                .categorical("child_pugh", ColumnType.CATEGORICAL, CP)
                .categorical("site", ColumnType.TEXT, ARM);
    }

    @Test
    void covariatesEnterByColumnTypeInTheOrderGivenAndTheFitIsTheEngines() throws Exception {
        TestCohort cohort = cohort();
        SurvivalSample s = SurvivalSample.of(cohort, Endpoint.OS).build();
        CoxModel model = CoxModel.of(cohort, s).covariates("covariates", List.of("child_pugh", "age", "arm")).build();
        assertEquals(List.of("child_pugh=B", "child_pugh=C", "age", "arm=B"), model.design().termNames());
        CoxResult fit = model.fit(CoxProportionalHazards.create());
        assertEquals(10, fit.n());
        assertEquals(2, fit.nDropped(), "one patient without OS (the sample) and one without age (the design)");
        assertEquals(Map.of("child_pugh", 0, "age", 1, "arm", 0), model.missing());
        assertEquals("1 of 11 patients left out of the model for a missing covariate (age missing for 1)",
                fit.warnings().get(0));

        // the same model given to the engine directly, on the 11 patients with OS
        int[] rows = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        CoxDesign direct = CoxDesign.builder(11).categorical("child_pugh", take(CP, rows)).numeric("age", take(AGE, rows))
                .categorical("arm", take(ARM, rows)).build();
        int[] event = new int[11];
        double[] time = new double[11];
        for (int k = 0; k < 11; k++) {
            event[k] = EVENT[k];
            time[k] = TIME[k];
        }
        CoxResult expected = CoxProportionalHazards.create().fit(time, event, direct);
        assertEquals(expected.terms(), fit.terms());
        assertEquals(expected.warnings(), fit.warnings().subList(1, fit.warnings().size()));
        assertEquals(expected.logLik(), fit.logLik());
    }

    @Test
    void theHazardRatiosOfAVariableAreItsTermsInDesignOrder() throws Exception {
        TestCohort cohort = cohort();
        SurvivalSample s = SurvivalSample.of(cohort, Endpoint.OS).build();
        CoxModel model = CoxModel.of(cohort, s).covariates("covariates", List.of("child_pugh", "age", "arm")).build();
        CoxResult fit = model.fit(CoxProportionalHazards.create());
        List<HazardRatio> cp = HazardRatio.ofVariable(fit, model.design(), "child_pugh");
        assertEquals(List.of("child_pugh=B", "child_pugh=C"), cp.stream().map(HazardRatio::term).toList());
        for (int k = 0; k < 2; k++) {
            CoxTerm t = fit.terms().get(k);
            assertEquals(new HazardRatio(t.term(), t.hazardRatio(), t.lower(), t.upper(), t.pValue()), cp.get(k));
        }
        List<HazardRatio> arm = HazardRatio.ofVariable(fit, model.design(), "arm");
        assertEquals(1, arm.size());
        assertEquals(fit.terms().get(3).hazardRatio(), arm.get(0).hazardRatio());
        assertEquals(Math.exp(fit.terms().get(3).coef()), arm.get(0).hazardRatio(), 1e-12);
        assertTrue(arm.get(0).lower() < arm.get(0).hazardRatio() && arm.get(0).hazardRatio() < arm.get(0).upper());
        assertEquals(List.of(), HazardRatio.ofVariable(fit, model.design(), "site"), "not in the model");
    }

    @Test
    void aNamedReferenceLevelIsUsed() throws Exception {
        TestCohort cohort = cohort();
        SurvivalSample s = SurvivalSample.of(cohort, Endpoint.OS).build();
        CoxModel model = CoxModel.of(cohort, s).covariates("covariates", List.of("arm"))
                .references("reference", Map.of("arm", "B")).build();
        assertEquals(List.of("arm=A"), model.design().termNames());
        assertEquals("B", model.design().reference("arm"));
    }

    @Test
    void whatCannotBeACovariateIsA400NamingTheParameter() throws Exception {
        TestCohort cohort = cohort();
        SurvivalSample s = SurvivalSample.of(cohort, Endpoint.OS).build();
        InvalidParameterException text = assertThrows(InvalidParameterException.class,
                () -> CoxModel.of(cohort, s).covariates("covariates", List.of("site")));
        assertEquals("covariates", text.parameter());
        assertTrue(text.getMessage().contains("text, not a covariate"), text.getMessage());
        assertEquals("covariates", assertThrows(InvalidParameterException.class,
                () -> CoxModel.of(cohort, s).covariates("covariates", List.of("weight"))).parameter());
        assertEquals("covariates", assertThrows(InvalidParameterException.class,
                () -> CoxModel.of(cohort, s).covariates("covariates", List.of("age", "age"))).parameter());
        InvalidParameterException numericReference = assertThrows(InvalidParameterException.class,
                () -> CoxModel.of(cohort, s).covariates("covariates", List.of("age")).references("reference",
                        Map.of("age", "50")));
        assertEquals("reference", numericReference.parameter());
        InvalidParameterException absentLevel = assertThrows(InvalidParameterException.class,
                () -> CoxModel.of(cohort, s).covariates("covariates", List.of("arm")).references("reference",
                        Map.of("arm", "RFA")).build());
        assertEquals("reference", absentLevel.parameter());
        assertTrue(absentLevel.getMessage().contains("'RFA'"), absentLevel.getMessage());
    }

    @Test
    void theSamplesGroupingAndStrataEnterAsTheyAre() throws Exception {
        TestCohort cohort = cohort();
        SurvivalSample s = SurvivalSample.of(cohort, Endpoint.OS).groupBy("treatment", "arm")
                .strata("strata", "child_pugh").build();
        CoxModel model = CoxModel.of(cohort, s).group().sampleStrata().build();
        assertEquals(List.of("arm=B"), model.design().termNames());
        assertEquals("child_pugh", model.design().strataName());
        assertEquals(List.of("A", "B", "C"), model.design().strataLabels());
    }

    private static String[] take(String[] v, int[] rows) {
        String[] out = new String[rows.length];
        for (int k = 0; k < rows.length; k++) {
            out[k] = v[rows[k]];
        }
        return out;
    }

    private static double[] take(double[] v, int[] rows) {
        double[] out = new double[rows.length];
        for (int k = 0; k < rows.length; k++) {
            out[k] = v[rows[k]];
        }
        return out;
    }
}
