package org.hepatica.plugin.cox.internal;

import java.util.List;
import java.util.Map;
import org.hepatica.analysis.Analysis;
import org.hepatica.analysis.AnalysisException;
import org.hepatica.analysis.AnalysisParameters;
import org.hepatica.analysis.InvalidParameterException;
import org.hepatica.analysis.ParameterSpec;
import org.hepatica.analysis.ParameterType;
import org.hepatica.analysis.support.CommonParameters;
import org.hepatica.analysis.support.CoxModel;
import org.hepatica.analysis.support.SurvivalSample;
import org.hepatica.cohort.CohortView;
import org.hepatica.cohort.Endpoint;
import org.hepatica.stats.CoxProportionalHazards;
import org.hepatica.stats.CoxResult;
import org.osgi.service.component.annotations.Component;

/**
 * Cox proportional hazards regression of one endpoint on the named covariates, optionally
 * stratified, with Efron or Breslow ties (R {@code coxph}, {@code summary.coxph}), Harrell's
 * concordance and the {@code cox.zph} test of proportional hazards (transform "km", with GLOBAL).
 */
@Component(service = Analysis.class)
public final class CoxAnalysis implements Analysis {
    static final String COVARIATES = "covariates";
    static final String STRATA = "strata";
    static final String REFERENCE = "reference";

    /**
     * The result: the fit as {@link CoxResult} reports it (n, events, nDropped, terms, logLikNull,
     * logLik, likelihoodRatio, wald, score, concordance, phTest, warnings), with what was asked.
     *
     * @param endpoint   OS or DFS
     * @param covariates the covariates, as named
     * @param ties       efron or breslow
     * @param strata     the stratification column, or null
     * @param reference  the reference level of each categorical covariate
     * @param missing    per variable, the patients missing it: the endpoint among all patients, each covariate
     *                   and the strata among those with the endpoint
     */
    public record Result(String endpoint, List<String> covariates, String ties, String strata,
            Map<String, String> reference, Map<String, Integer> missing, int n, int events, int nDropped,
            List<org.hepatica.stats.CoxTerm> terms, double logLikNull, double logLik, int iterations,
            boolean converged, org.hepatica.stats.CoxTest likelihoodRatio, org.hepatica.stats.CoxTest wald,
            org.hepatica.stats.CoxTest score, Double concordance,
            List<org.hepatica.stats.ProportionalHazardsTest.TermTest> phTest, List<String> warnings) {
    }

    @Override
    public String id() {
        return "cox";
    }

    @Override
    public String name() {
        return "Cox proportional hazards";
    }

    @Override
    public String description() {
        return "Cox regression of OS or DFS on covariates (Efron or Breslow ties, optional strata): hazard ratios"
                + " with CI, likelihood-ratio, Wald and score tests, concordance and the proportional-hazards test.";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(CommonParameters.endpoint(Endpoint.OS),
                ParameterSpec.required(COVARIATES, ParameterType.STRING_LIST,
                        "covariate columns, e.g. [\"arm\", \"mvi\", \"age\"]: numbers and 0/1 enter as they are,"
                                + " categorical columns as indicators against their reference level"),
                CommonParameters.ties(),
                ParameterSpec.optional(STRATA, ParameterType.STRING, null,
                        "column whose levels get separate baseline hazards; absent for none"),
                ParameterSpec.optional(REFERENCE, ParameterType.STRING_MAP, Map.of(),
                        "reference level per categorical covariate, e.g. {\"arm\": \"RFA\"}; default: the first"
                                + " level in code point order"));
    }

    @Override
    public Object run(CohortView cohort, AnalysisParameters parameters) throws AnalysisException {
        Endpoint endpoint = CommonParameters.endpoint(parameters);
        List<String> covariates = parameters.strings(COVARIATES);
        if (covariates.isEmpty()) {
            throw new InvalidParameterException(COVARIATES, "name at least one covariate");
        }
        SurvivalSample s = SurvivalSample.of(cohort, endpoint).build();
        CoxModel.Builder b = CoxModel.of(cohort, s).covariates(COVARIATES, covariates);
        String strata = parameters.string(STRATA);
        if (strata != null) {
            b.strata(STRATA, strata);
        }
        CoxModel model = b.references(REFERENCE, parameters.stringMap(REFERENCE)).build();
        CoxResult r = model.fit(CoxProportionalHazards.create().withTies(CommonParameters.ties(parameters)));
        Map<String, String> references = new java.util.LinkedHashMap<>();
        for (String v : model.design().termVariables()) {
            String ref = model.design().reference(v);
            if (ref != null) {
                references.put(v, ref);
            }
        }
        List<String> warnings = new java.util.ArrayList<>(s.warnings());
        warnings.addAll(r.warnings());
        Map<String, Integer> missing = new java.util.LinkedHashMap<>(s.missing());
        missing.putAll(model.missing());
        return new Result(endpoint.name(), covariates, parameters.string(CommonParameters.TIES),
                model.design().strataName(), references, missing, r.n(), r.events(), r.nDropped(), r.terms(),
                r.logLikNull(), r.logLik(), r.iterations(), r.converged(), r.likelihoodRatio(), r.wald(), r.score(),
                r.concordance(), r.phTest(), warnings);
    }
}
