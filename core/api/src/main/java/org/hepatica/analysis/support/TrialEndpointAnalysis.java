package org.hepatica.analysis.support;

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
import org.hepatica.cohort.CohortView;
import org.hepatica.cohort.Endpoint;
import org.hepatica.figure.Figure;
import org.hepatica.stats.CoxProportionalHazards;
import org.hepatica.stats.CoxResult;
import org.hepatica.stats.KaplanMeierEstimator;
import org.hepatica.stats.KaplanMeierResult;
import org.hepatica.stats.LogRankResult;
import org.hepatica.stats.LogRankTest;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * The trial's analysis of one time-to-event endpoint by treatment, as the {@code dfs} and
 * {@code os} plugins run it: Kaplan-Meier curves by arm with log-log intervals, survival at the
 * landmark with its interval and the median with its interval per arm, the log-rank test, and the
 * hazard ratio of treatment from the univariate Cox model (Efron ties; reference arm = first in
 * code point order), all on one time order of the same patients. With {@code strata} the Cox model
 * has a baseline hazard per level of that column (a multi-centre analysis stratifies by site) and a
 * second log-rank test is stratified by it; the curves and the first log-rank test stay those of all
 * patients together. A plugin subclasses it with its
 * endpoint and landmark and registers as an {@link Analysis} service.
 */
@ConsumerType
public abstract class TrialEndpointAnalysis implements Analysis, FigureSource {
    /** The parameter of the landmark time. */
    public static final String LANDMARK = "landmark";
    /** The parameter of the column whose levels get their own baseline hazard in the hazard ratio's Cox model. */
    public static final String STRATA = "strata";

    private final Endpoint endpoint;
    private final double defaultLandmark;

    /**
     * The result.
     *
     * @param endpoint      OS or DFS
     * @param treatment     the treatment column
     * @param reference     the reference arm of the hazard ratio
     * @param landmark      the landmark time, days
     * @param n             patients analysed
     * @param nDropped      patients left out for a missing endpoint or treatment
     * @param missing       per variable, the patients missing it
     * @param km            the Kaplan-Meier curves by arm (log-log, 95 %), landmark survival in each
     *                      group's {@code landmarks}
     * @param logRank       the log-rank test between the arms
     * @param logRankStratified with {@code strata}, the log-rank test between the arms stratified by
     *                      its levels (R: {@code survdiff(... ~ arm + strata(site))}) over the
     *                      patients who have one; null without {@code strata}
     * @param hazardRatio   the hazard ratio of the (first) non-reference arm against the reference;
     *                      null with a single arm
     * @param hazardRatios  every non-reference arm's hazard ratio (one with two arms)
     * @param warnings      what needs attention
     */
    public record Result(String endpoint, String treatment, String reference, double landmark, int n, int nDropped,
            Map<String, Integer> missing, KaplanMeierResult km, LogRankResult logRank, HazardRatio hazardRatio,
            List<HazardRatio> hazardRatios, List<String> warnings, LogRankResult logRankStratified) {
        /** A result without a stratified log-rank test. */
        public Result(String endpoint, String treatment, String reference, double landmark, int n, int nDropped,
                Map<String, Integer> missing, KaplanMeierResult km, LogRankResult logRank, HazardRatio hazardRatio,
                List<HazardRatio> hazardRatios, List<String> warnings) {
            this(endpoint, treatment, reference, landmark, n, nDropped, missing, km, logRank, hazardRatio, hazardRatios,
                    warnings, null);
        }
    }

    /**
     * @param endpoint        the endpoint analysed
     * @param defaultLandmark the landmark time in days used when the request names none
     */
    protected TrialEndpointAnalysis(Endpoint endpoint, double defaultLandmark) {
        this.endpoint = endpoint;
        this.defaultLandmark = defaultLandmark;
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(CommonParameters.treatment(),
                ParameterSpec.optional(LANDMARK, ParameterType.NUMBER, defaultLandmark,
                        "landmark time in days at which survival per arm is reported"),
                ParameterSpec.optional(STRATA, ParameterType.STRING, null,
                        "a column whose levels get their own baseline hazard in the hazard ratio's Cox model"
                                + " (e.g. site), and that stratifies a second log-rank test (logRankStratified);"
                                + " the curves and the log-rank test stay unstratified"));
    }

    @Override
    public Object run(CohortView cohort, AnalysisParameters parameters) throws AnalysisException {
        String treatment = CommonParameters.treatment(parameters);
        double landmark = CommonParameters.positiveTime(parameters, LANDMARK);
        SurvivalSample s = SurvivalSample.of(cohort, endpoint).groupBy(CommonParameters.TREATMENT, treatment).build();
        Grouping arms = s.group();
        String[] labels = arms.labelArray();
        KaplanMeierResult km = KaplanMeierEstimator.create().withConfType(KaplanMeierEstimator.ConfType.LOG_LOG)
                .withLandmarks(landmark).fit(s.order(), s.time(), s.status(), arms.codes(), labels);
        LogRankResult logRank = LogRankTest.create().test(s.order(), s.time(), s.status(), arms.codes(), labels);
        String strata = parameters.string(STRATA);
        CoxModel.Builder builder = CoxModel.of(cohort, s).group();
        if (strata != null) {
            builder.strata(STRATA, strata);
        }
        CoxModel model = builder.build();
        CoxResult cox = model.fit(CoxProportionalHazards.create().withPhTest(false));
        List<HazardRatio> ratios = HazardRatio.ofVariable(cox, model.design(), arms.name());
        List<String> warnings = new ArrayList<>(s.warnings());
        warnings.addAll(km.warnings());
        warnings.addAll(logRank.warnings());
        warnings.addAll(cox.warnings());
        LogRankResult stratified = strata == null ? null : stratifiedLogRank(cohort, s, strata, labels, warnings);
        if (arms.size() < 2) {
            warnings.add("only one arm (" + labels[0] + ") among the analysed patients: no comparison");
        }
        return new Result(endpoint.name(), arms.name(), model.design().reference(arms.name()), landmark, s.size(),
                s.nDropped(), s.missing(), km, logRank, ratios.isEmpty() ? null : ratios.get(0), ratios, warnings,
                stratified);
    }

    /** The log-rank test between the arms stratified by {@code column}, over the sample's patients who have a level. */
    private static LogRankResult stratifiedLogRank(CohortView cohort, SurvivalSample s, String column, String[] labels,
            List<String> warnings) throws AnalysisException {
        int[] codes = cohort.categorical(Columns.require(cohort, STRATA, column).name()).codes();
        int[] rows = s.rows();
        int kept = 0;
        for (int row : rows) {
            if (codes[row] >= 0) {
                kept++;
            }
        }
        double[] time = new double[kept];
        int[] status = new int[kept];
        int[] group = new int[kept];
        int[] stratum = new int[kept];
        int[] arm = s.group().codes();
        double[] sampleTime = s.time();
        int[] sampleStatus = s.status();
        for (int i = 0, k = 0; i < rows.length; i++) {
            if (codes[rows[i]] >= 0) {
                time[k] = sampleTime[i];
                status[k] = sampleStatus[i];
                group[k] = arm[i];
                stratum[k] = codes[rows[i]];
                k++;
            }
        }
        if (kept < rows.length) {
            warnings.add((rows.length - kept) + " of " + rows.length + " patients have no " + column
                    + " and are left out of the stratified log-rank test");
        }
        LogRankResult r = LogRankTest.create().test(time, status, group, labels, stratum);
        warnings.addAll(r.warnings());
        return r;
    }

    /**
     * The Kaplan-Meier curves by arm with the number at risk, the landmark marked, the log-rank p and
     * the hazard ratio, drawn from the stored result.
     */
    @Override
    public Optional<Figure> figure(StoredResult stored, FigureRequest request) {
        Map<?, ?> r = ResultFigures.map(stored.result());
        String treatment = ResultFigures.text(r.get("treatment"), "treatment");
        String title = ResultFigures.endpointName(ResultFigures.text(r.get("endpoint"), null)) + " by " + treatment;
        double landmark = ResultFigures.number(r.get("landmark"), Double.NaN);
        Map<Double, String> marks = Double.isNaN(landmark) ? Map.of()
                : Map.of(landmark, ResultFigures.landmarkLabel(landmark));
        Map<?, ?> hr = ResultFigures.map(r.get("hazardRatio"));
        String term = ResultFigures.text(hr.get("term"), "");
        String versus = term.contains("=") ? term.substring(term.indexOf('=') + 1) : term;
        String prefix = "HR " + versus + (r.get("reference") != null ? " vs " + r.get("reference") : "") + " ";
        List<String> notes = new ArrayList<>();
        notes.add(ResultFigures.logRank(r.get("logRank"), null));
        Object strata = stored.parameters() == null ? null : stored.parameters().get(STRATA);
        if (strata != null) {
            notes.add(ResultFigures.logRank(r.get("logRankStratified"), "Log-rank stratified by " + strata));
        }
        String hrNote = ResultFigures.hazardRatio(hr, prefix);
        notes.add(hrNote != null && strata != null ? hrNote + ", Cox stratified by " + strata : hrNote);
        notes.add(ResultFigures.pooled(r));
        return ResultFigures.kaplanMeier(title, ResultFigures.map(r.get("km")).get("groups"), notes, marks, request);
    }
}
