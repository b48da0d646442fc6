package org.hepatica.plugin.cox.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hepatica.analysis.Analysis;
import org.hepatica.analysis.AnalysisException;
import org.hepatica.analysis.AnalysisParameters;
import org.hepatica.analysis.FigureRequest;
import org.hepatica.analysis.FigureSource;
import org.hepatica.analysis.InvalidParameterException;
import org.hepatica.analysis.ParameterSpec;
import org.hepatica.analysis.ParameterType;
import org.hepatica.analysis.StoredResult;
import org.hepatica.analysis.support.CommonParameters;
import org.hepatica.analysis.support.CoxModel;
import org.hepatica.analysis.support.ResultFigures;
import org.hepatica.analysis.support.SurvivalSample;
import org.hepatica.cohort.CohortView;
import org.hepatica.cohort.Endpoint;
import org.hepatica.figure.Figure;
import org.hepatica.figure.ForestPlot;
import org.hepatica.figure.Format;
import org.hepatica.stats.CoxProportionalHazards;
import org.hepatica.stats.CoxResult;
import org.osgi.service.component.annotations.Component;

/**
 * Cox proportional hazards regression of one endpoint on the named covariates, optionally
 * stratified, with Efron or Breslow ties (R {@code coxph}, {@code summary.coxph}), Harrell's
 * concordance and the {@code cox.zph} test of proportional hazards (transform "km", with GLOBAL).
 */
@Component(service = Analysis.class)
public final class CoxAnalysis implements Analysis, FigureSource {
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

    /**
     * A forest plot of the model's terms: each numeric covariate in one row, first; then per
     * categorical covariate a heading, its reference level (marked, without an estimate of its own)
     * and one row per other level, so that no numeric covariate sits under a categorical one's
     * heading; the model's n, events and tests below.
     */
    @Override
    public Optional<Figure> figure(StoredResult stored, FigureRequest request) {
        Map<?, ?> r = ResultFigures.map(stored.result());
        List<?> terms = ResultFigures.list(r.get("terms"));
        if (terms.isEmpty()) {
            return Optional.empty();
        }
        Map<?, ?> reference = ResultFigures.map(r.get("reference"));
        ForestPlot plot = ForestPlot.of("Cox model of " + ResultFigures.endpointName(ResultFigures.text(r.get("endpoint"), null))
                .toLowerCase(java.util.Locale.ROOT)).labelHeader("Term");
        java.util.Set<Object> drawn = new java.util.HashSet<>();
        // numeric covariates first: a row after a heading is drawn (and described) as part of its group
        for (Object covariate : ResultFigures.list(r.get("covariates"))) {
            String name = String.valueOf(covariate);
            for (Object o : terms) {
                Map<?, ?> t = ResultFigures.map(o);
                if (ResultFigures.text(t.get("term"), "").equals(name)) {
                    ResultFigures.row(plot, name, null, null, t);
                    drawn.add(o);
                }
            }
        }
        for (Object covariate : ResultFigures.list(r.get("covariates"))) {
            String name = String.valueOf(covariate);
            boolean headed = false;
            for (Object o : terms) {
                Map<?, ?> t = ResultFigures.map(o);
                String term = ResultFigures.text(t.get("term"), "");
                if (term.startsWith(name + "=")) {
                    if (!headed) {
                        plot.heading(name);
                        if (reference.get(name) != null) {
                            plot.reference(name + " = " + reference.get(name), null, null);
                        }
                        headed = true;
                    }
                    ResultFigures.row(plot, term.replaceFirst("=", " = "), null, null, t);
                    drawn.add(o);
                }
            }
        }
        for (Object o : terms) { // terms of no listed covariate (interactions, say): as they are named
            if (!drawn.contains(o)) {
                ResultFigures.row(plot, ResultFigures.text(ResultFigures.map(o).get("term"), "?"), null, null, o);
            }
        }
        StringBuilder note = new StringBuilder();
        note.append("n = ").append(ResultFigures.integer(r.get("n"))).append(", ")
                .append(ResultFigures.integer(r.get("events"))).append(" events; ")
                .append(ResultFigures.text(r.get("ties"), "efron")).append(" ties");
        if (ResultFigures.map(r.get("likelihoodRatio")).get("pValue") instanceof Number p) {
            note.append("; likelihood ratio ").append(Format.p(p.doubleValue()));
        }
        if (r.get("concordance") instanceof Number c) {
            note.append("; concordance ").append(Format.number(c.doubleValue(), 2));
        }
        if (r.get("strata") != null) {
            note.append("; stratified by ").append(r.get("strata"));
        }
        String pooled = ResultFigures.pooled(r);
        if (pooled != null) {
            note.append(". ").append(pooled);
        }
        plot.footnote(note.toString());
        return Optional.of(plot.draw());
    }
}
