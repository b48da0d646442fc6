package org.hepatica.plugin.marginstratification.internal;

import java.util.ArrayList;
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
import org.hepatica.analysis.support.Grouping;
import org.hepatica.analysis.support.HazardRatio;
import org.hepatica.analysis.support.Labels;
import org.hepatica.analysis.support.ResultFigures;
import org.hepatica.analysis.support.SurvivalSample;
import org.hepatica.cohort.Categorical;
import org.hepatica.cohort.CohortColumns;
import org.hepatica.cohort.CohortView;
import org.hepatica.cohort.Endpoint;
import org.hepatica.figure.Figure;
import org.hepatica.stats.CoxProportionalHazards;
import org.hepatica.stats.CoxResult;
import org.hepatica.stats.KaplanMeierEstimator;
import org.hepatica.stats.KaplanMeierResult;
import org.hepatica.stats.LogRankResult;
import org.hepatica.stats.LogRankTest;
import org.osgi.service.component.annotations.Component;

/**
 * Outcome by ablation margin width: patients classed {@code <cutoff} / {@code >=cutoff} mm
 * (10 mm by default), Kaplan-Meier curves by class (log-log, landmarks 730 and 1095 days, restricted
 * mean to 1095), the log-rank test between the classes, and the treatment effect stratified by
 * class: the stratified log-rank test ({@code survdiff(Surv ~ arm + strata(class))}) and the
 * stratified Cox model ({@code coxph(Surv ~ arm + strata(class))}). Patients without a recorded
 * margin are left out and counted.
 */
@Component(service = Analysis.class)
public final class MarginStratificationAnalysis implements Analysis, FigureSource {
    static final String CUTOFF = "cutoffMm";
    /** The grouping of the classes; patients without a margin count as missing {@code margin_mm}. */
    static final String CLASS = CohortColumns.MARGIN_MM;

    /** The stratified Cox model's treatment terms. */
    public record StratifiedCox(List<HazardRatio> terms, int n, int events, List<String> warnings) {
    }

    /**
     * The result.
     *
     * @param n                     patients with a known endpoint and treatment
     * @param excludedMissingMargin of those, the patients with no margin recorded (left out)
     */
    public record Result(String endpoint, String treatment, double cutoffMm, int n, int excludedMissingMargin,
            int nDropped, Map<String, Integer> missing, List<KaplanMeierResult.Curve> km,
            LogRankResult logRankBetweenClasses, LogRankResult stratifiedLogRankTreatment,
            StratifiedCox stratifiedCoxTreatment, List<String> warnings) {
    }

    @Override
    public String id() {
        return "margin-stratification";
    }

    @Override
    public String name() {
        return "Outcome by margin width";
    }

    @Override
    public String description() {
        return "Margin classes < cutoff and >= cutoff (10 mm): Kaplan-Meier by class, log-rank between classes,"
                + " and the treatment effect stratified by class (stratified log-rank and Cox).";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(CommonParameters.endpoint(Endpoint.DFS), CommonParameters.treatment(),
                ParameterSpec.optional(CUTOFF, ParameterType.NUMBER, 10,
                        "margin width (mm) that separates the classes: < cutoff and >= cutoff"));
    }

    @Override
    public Object run(CohortView cohort, AnalysisParameters parameters) throws AnalysisException {
        Endpoint endpoint = CommonParameters.endpoint(parameters);
        String treatment = CommonParameters.treatment(parameters);
        double cutoff = parameters.number(CUTOFF);
        if (!(cutoff > 0)) {
            throw new InvalidParameterException(CUTOFF, "must be a margin width in mm > 0, was " + Labels.number(cutoff));
        }
        if (cohort.column(CohortColumns.MARGIN_MM) == null) {
            throw new AnalysisException("the cohort has no column '" + CohortColumns.MARGIN_MM + "'");
        }
        double[] margin = cohort.numeric(CohortColumns.MARGIN_MM);
        SurvivalSample population = SurvivalSample.of(cohort, endpoint).groupBy(CommonParameters.TREATMENT, treatment)
                .build();
        int excluded = 0;
        for (int row : population.rows()) {
            if (Double.isNaN(margin[row])) {
                excluded++;
            }
        }
        SurvivalSample s = SurvivalSample.of(cohort, endpoint).groupBy(CommonParameters.TREATMENT, treatment)
                .strata(CLASS, classes(margin, cutoff)).build();
        Grouping classes = s.strata();
        Grouping arms = s.group();
        KaplanMeierResult km = KaplanMeierEstimator.create().withConfType(KaplanMeierEstimator.ConfType.LOG_LOG)
                .withLandmarks(730, 1095).withTau(1095)
                .fit(s.order(), s.time(), s.status(), classes.codes(), classes.labelArray());
        LogRankTest logRank = LogRankTest.create();
        LogRankResult betweenClasses = logRank.test(s.order(), s.time(), s.status(), classes.codes(),
                classes.labelArray());
        LogRankResult stratified = logRank.test(s.order(), s.time(), s.status(), arms.codes(), arms.labelArray(),
                classes.codes());
        CoxModel model = CoxModel.of(cohort, s).group().sampleStrata().build();
        CoxResult cox = model.fit(CoxProportionalHazards.create().withPhTest(false));
        List<String> warnings = new ArrayList<>(s.warnings());
        warnings.addAll(km.warnings());
        warnings.addAll(betweenClasses.warnings());
        warnings.addAll(stratified.warnings());
        warnings.addAll(cox.warnings());
        return new Result(endpoint.name(), arms.name(), cutoff, population.size(), excluded, s.nDropped(),
                s.missing(), km.groups(), betweenClasses, stratified,
                new StratifiedCox(HazardRatio.ofVariable(cox, model.design(), arms.name()), cox.n(), cox.events(),
                        cox.warnings()), warnings);
    }

    /** The class of each patient: 0 = below the cutoff, 1 = at or above it, -1 = no margin recorded. */
    static Categorical classes(double[] margin, double cutoff) {
        int[] codes = new int[margin.length];
        for (int i = 0; i < margin.length; i++) {
            codes[i] = Double.isNaN(margin[i]) ? -1 : margin[i] < cutoff ? 0 : 1;
        }
        String c = Labels.number(cutoff);
        return new Categorical(List.of("<" + c, ">=" + c), codes);
    }

    /** The curves by margin class with the number at risk, the log-rank p between the classes and the stratified HR. */
    @Override
    public Optional<Figure> figure(StoredResult stored, FigureRequest request) {
        Map<?, ?> r = ResultFigures.map(stored.result());
        String title = ResultFigures.endpointName(ResultFigures.text(r.get("endpoint"), null)) + " by margin width";
        List<String> notes = new ArrayList<>();
        notes.add(ResultFigures.logRank(r.get("logRankBetweenClasses"), "Log-rank between classes"));
        List<?> terms = ResultFigures.list(ResultFigures.map(r.get("stratifiedCoxTreatment")).get("terms"));
        if (!terms.isEmpty()) {
            String term = ResultFigures.text(ResultFigures.map(terms.get(0)).get("term"), "");
            notes.add(ResultFigures.hazardRatio(terms.get(0), "HR " + term.substring(term.indexOf('=') + 1)
                    + " (stratified by class) "));
        }
        // "<10" and ">=10" as a reader writes them
        notes.add(ResultFigures.pooled(r));
        return ResultFigures.kaplanMeier(title, r.get("km"), notes, Map.of(), request,
                label -> "margin " + label.replace(">=", "\u2265 ").replace("<", "< ") + " mm");
    }
}
