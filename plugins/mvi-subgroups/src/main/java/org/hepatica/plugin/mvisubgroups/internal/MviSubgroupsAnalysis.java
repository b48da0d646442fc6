package org.hepatica.plugin.mvisubgroups.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hepatica.analysis.Analysis;
import org.hepatica.analysis.AnalysisException;
import org.hepatica.analysis.AnalysisParameters;
import org.hepatica.analysis.FigureRequest;
import org.hepatica.analysis.FigureSource;
import org.hepatica.analysis.ParameterSpec;
import org.hepatica.analysis.ParameterType;
import org.hepatica.analysis.StoredResult;
import org.hepatica.analysis.support.CommonParameters;
import org.hepatica.analysis.support.CoxModel;
import org.hepatica.analysis.support.HazardRatio;
import org.hepatica.analysis.support.ResultFigures;
import org.hepatica.analysis.support.SurvivalSample;
import org.hepatica.cohort.CohortColumns;
import org.hepatica.cohort.CohortView;
import org.hepatica.cohort.Endpoint;
import org.hepatica.figure.Figure;
import org.hepatica.figure.ForestPlot;
import org.hepatica.figure.Format;
import org.hepatica.stats.CoxLikelihoodRatioTest;
import org.hepatica.stats.CoxProportionalHazards;
import org.hepatica.stats.CoxResult;
import org.osgi.service.component.annotations.Component;

/**
 * The treatment effect within each level of a subgroup variable, microvascular invasion by
 * default: the hazard ratio of treatment from a univariate Cox model (Efron) in each level, and
 * the likelihood-ratio test of the treatment x subgroup interaction
 * ({@code anova(coxph(Surv ~ arm + mvi), coxph(Surv ~ arm * mvi))}), all on the patients whose
 * subgroup is known (the others are left out and counted).
 */
@Component(service = Analysis.class)
public final class MviSubgroupsAnalysis implements Analysis, FigureSource {
    static final String SUBGROUP = "subgroup";

    /**
     * The hazard ratio of treatment in one subgroup level.
     *
     * @param level       the level ({@code 0}, {@code 1} for MVI)
     * @param n           patients in the level
     * @param events      events among them
     * @param term        the Cox term, e.g. {@code arm=RFA+RT}
     * @param hazardRatio exp(beta), null when not estimable (one arm only, no events)
     * @param lower       lower 95 % bound
     * @param upper       upper 95 % bound
     * @param pValue      Wald p-value
     * @param warnings    what needs attention in this level
     */
    public record Subgroup(String level, int n, int events, String term, Double hazardRatio, Double lower,
            Double upper, Double pValue, List<String> warnings) {
    }

    /**
     * The interaction test.
     *
     * @param statistic likelihood-ratio chi-square
     * @param df        degrees of freedom (interaction coefficients estimated)
     * @param pValue    its p-value; null when df = 0
     */
    public record Interaction(double statistic, int df, Double pValue) {
    }

    /** The result. */
    public record Result(String endpoint, String treatment, String subgroup, String reference, int n, int nDropped,
            Map<String, Integer> missing, List<Subgroup> subgroups, Interaction interaction, List<String> warnings) {
    }

    @Override
    public String id() {
        return "mvi-subgroups";
    }

    @Override
    public String name() {
        return "Treatment effect by MVI subgroup";
    }

    @Override
    public String description() {
        return "Hazard ratio of treatment within each level of microvascular invasion (or another subgroup"
                + " column), and the likelihood-ratio test of the treatment x subgroup interaction.";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(CommonParameters.endpoint(Endpoint.DFS), CommonParameters.treatment(),
                ParameterSpec.optional(SUBGROUP, ParameterType.STRING, CohortColumns.MVI,
                        "column whose levels are the subgroups"));
    }

    @Override
    public Object run(CohortView cohort, AnalysisParameters parameters) throws AnalysisException {
        Endpoint endpoint = CommonParameters.endpoint(parameters);
        SurvivalSample s = SurvivalSample.of(cohort, endpoint)
                .groupBy(CommonParameters.TREATMENT, CommonParameters.treatment(parameters))
                .subgroup(SUBGROUP, parameters.string(SUBGROUP)).build();
        String treatment = s.group().name();
        CoxProportionalHazards cox = CoxProportionalHazards.create().withPhTest(false);
        List<String> warnings = new ArrayList<>(s.warnings());
        // the reference arm of every subgroup's model: the first arm in code point order
        String reference = s.group().labels().get(0);
        List<Subgroup> subgroups = new ArrayList<>();
        List<String> levels = s.subgroup().labels();
        for (int level = 0; level < levels.size(); level++) {
            int code = level;
            SurvivalSample sub = s.subset(k -> s.subgroup().codes()[k] == code);
            CoxModel model = CoxModel.of(cohort, sub).group().build();
            CoxResult fit = model.fit(cox);
            List<String> notes = new ArrayList<>(fit.warnings());
            if (sub.group().size() < 2) {
                notes.add("only arm " + sub.group().labels() + " in this subgroup: no hazard ratio");
            }
            List<HazardRatio> hr = HazardRatio.ofVariable(fit, model.design(), treatment);
            HazardRatio h = hr.isEmpty() ? new HazardRatio(null, null, null, null, null) : hr.get(0);
            subgroups.add(new Subgroup(levels.get(level), fit.n(), fit.events(), h.term(), h.hazardRatio(), h.lower(),
                    h.upper(), h.pValue(), notes));
        }
        String subgroup = s.subgroup().name();
        CoxResult reduced = CoxModel.of(cohort, s).group().subgroup().build().fit(cox);
        CoxResult full = CoxModel.of(cohort, s).group().subgroup().interaction(treatment, subgroup).build().fit(cox);
        CoxLikelihoodRatioTest.Result lrt = CoxLikelihoodRatioTest.compare(reduced, full);
        warnings.addAll(lrt.warnings());
        return new Result(endpoint.name(), treatment, subgroup, reference, s.size(), s.nDropped(), s.missing(),
                subgroups, new Interaction(lrt.statistic(), lrt.df(), lrt.pValue()), warnings);
    }

    /** One forest row per subgroup level: the treatment's HR with its interval, n and events; the interaction p below. */
    @Override
    public Optional<Figure> figure(StoredResult stored, FigureRequest request) {
        Map<?, ?> r = ResultFigures.map(stored.result());
        List<?> subgroups = ResultFigures.list(r.get("subgroups"));
        if (subgroups.isEmpty()) {
            return Optional.empty();
        }
        String subgroup = ResultFigures.text(r.get("subgroup"), "subgroup");
        String treatment = ResultFigures.text(r.get("treatment"), "treatment");
        Map<?, ?> first = ResultFigures.map(subgroups.get(0));
        String term = ResultFigures.text(first.get("term"), "");
        String versus = term.contains("=") ? term.substring(term.indexOf('=') + 1) : term;
        String endpoint = ResultFigures.endpointName(ResultFigures.text(r.get("endpoint"), null));
        ForestPlot plot = ForestPlot.of(endpoint + ": " + versus + " vs " + ResultFigures.text(r.get("reference"), "reference")
                + " by " + subgroup).effectLabel("Hazard ratio of " + treatment + " " + versus + " (95% CI)");
        plot.heading(subgroup);
        for (Object o : subgroups) {
            Map<?, ?> g = ResultFigures.map(o);
            ResultFigures.row(plot, subgroup + " = " + ResultFigures.text(g.get("level"), "?"),
                    ResultFigures.integer(g.get("n")), ResultFigures.integer(g.get("events")), g);
        }
        Map<?, ?> interaction = ResultFigures.map(r.get("interaction"));
        if (interaction.get("pValue") instanceof Number p) {
            plot.footnote("Interaction " + treatment + " \u00d7 " + subgroup + ": " + Format.p(p.doubleValue())
                    + " (likelihood ratio, " + ResultFigures.integer(interaction.get("df")) + " df)");
        }
        String pooled = ResultFigures.pooled(r);
        if (pooled != null) {
            plot.footnote(pooled);
        }
        return Optional.of(plot.draw());
    }
}
