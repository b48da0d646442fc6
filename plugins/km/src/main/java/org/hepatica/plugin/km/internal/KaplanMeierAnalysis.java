package org.hepatica.plugin.km.internal;

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
import org.hepatica.analysis.support.ResultFigures;
import org.hepatica.analysis.support.SurvivalSample;
import org.hepatica.cohort.CohortView;
import org.hepatica.cohort.Endpoint;
import org.hepatica.figure.Figure;
import org.hepatica.stats.KaplanMeierEstimator;
import org.hepatica.stats.KaplanMeierResult;
import org.hepatica.stats.LogRankResult;
import org.hepatica.stats.LogRankTest;
import org.osgi.service.component.annotations.Component;

/**
 * Kaplan-Meier survival curves of one endpoint, overall or by a grouping column, with Greenwood
 * standard errors, the chosen confidence-interval transform, median with its interval, survival
 * at landmark times, the restricted mean up to tau, and the log-rank test between the groups,
 * stratified when the request names strata (R {@code survfit}, {@code summary.survfit},
 * {@code print.survfit(rmean = tau)}, {@code survdiff(Surv ~ group + strata(s))}). The curves are
 * those of the groups; strata only enter the test.
 */
@Component(service = Analysis.class)
public final class KaplanMeierAnalysis implements Analysis, FigureSource {
    static final String GROUP_BY = "groupBy";
    static final String LANDMARKS = "landmarks";
    static final String TAU = "tau";
    static final String STRATA = "strata";

    /**
     * The result.
     *
     * @param endpoint  OS or DFS
     * @param groupBy   the grouping column, or null for the overall curve (label {@code all})
     * @param strata    the strata of the log-rank test, or null
     * @param confType  the interval transform
     * @param confLevel the confidence level
     * @param n         patients analysed
     * @param nDropped  patients left out for a missing endpoint or group
     * @param missing   per variable, the patients missing it
     * @param groups    one curve per group
     * @param logRank   the log-rank test between the groups; null when ungrouped
     * @param warnings  what needs attention
     */
    public record Result(String endpoint, String groupBy, String strata, String confType, double confLevel, int n, int nDropped,
            Map<String, Integer> missing, List<KaplanMeierResult.Curve> groups, LogRankResult logRank,
            List<String> warnings) {
    }

    @Override
    public String id() {
        return "km";
    }

    @Override
    public String name() {
        return "Kaplan-Meier survival";
    }

    @Override
    public String description() {
        return "Kaplan-Meier curves of OS or DFS, overall or by group: Greenwood errors, log/log-log/plain"
                + " intervals, median, landmark survival, restricted mean, and the log-rank test between groups.";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(CommonParameters.endpoint(Endpoint.OS),
                ParameterSpec.optional(GROUP_BY, ParameterType.STRING, null,
                        "column to group by (e.g. arm); absent for the overall curve"),
                CommonParameters.confType(), CommonParameters.confLevel(),
                ParameterSpec.optional(LANDMARKS, ParameterType.NUMBER_LIST, List.of(),
                        "times (days) at which to report survival, e.g. [730, 1095]"),
                ParameterSpec.optional(TAU, ParameterType.NUMBER, null,
                        "truncation time (days) of the restricted mean survival time; absent for none"),
                ParameterSpec.optional(STRATA, ParameterType.STRING, null,
                        "column whose levels stratify the log-rank test (needs groupBy); absent for none"));
    }

    @Override
    public Object run(CohortView cohort, AnalysisParameters parameters) throws AnalysisException {
        Endpoint endpoint = CommonParameters.endpoint(parameters);
        String groupBy = parameters.string(GROUP_BY);
        KaplanMeierEstimator km = KaplanMeierEstimator.create()
                .withConfType(CommonParameters.confType(parameters))
                .withConfLevel(CommonParameters.confLevel(parameters))
                .withLandmarks(CommonParameters.times(parameters, LANDMARKS));
        double tau = CommonParameters.positiveTime(parameters, TAU);
        if (!Double.isNaN(tau)) {
            km = km.withTau(tau);
        }
        SurvivalSample.Builder b = SurvivalSample.of(cohort, endpoint);
        if (groupBy != null) {
            b.groupBy(GROUP_BY, groupBy);
        }
        String strata = parameters.string(STRATA);
        if (strata != null) {
            if (groupBy == null) {
                throw new InvalidParameterException(STRATA, "stratifies the log-rank test between groups: give groupBy too");
            }
            b.strata(STRATA, strata);
        }
        SurvivalSample s = b.build();
        KaplanMeierResult fit;
        LogRankResult logRank = null;
        List<String> warnings = new ArrayList<>(s.warnings());
        if (s.group() == null) {
            fit = km.fit(s.order(), s.time(), s.status());
        } else {
            fit = km.fit(s.order(), s.time(), s.status(), s.group().codes(), s.group().labelArray());
            logRank = LogRankTest.create().test(s.order(), s.time(), s.status(), s.group().codes(),
                    s.group().labelArray(), s.strataCodes());
            warnings.addAll(logRank.warnings());
        }
        warnings.addAll(fit.warnings());
        return new Result(endpoint.name(), s.group() == null ? null : s.group().name(),
                s.strata() == null ? null : s.strata().name(), fit.confType(),
                fit.confLevel(), s.size(), s.nDropped(), s.missing(), fit.groups(), logRank, warnings);
    }

    /** The curves with the number at risk, the requested landmarks marked and the log-rank p. */
    @Override
    public Optional<Figure> figure(StoredResult stored, FigureRequest request) {
        Map<?, ?> r = ResultFigures.map(stored.result());
        String groupBy = ResultFigures.text(r.get("groupBy"), null);
        String title = ResultFigures.endpointName(ResultFigures.text(r.get("endpoint"), null))
                + (groupBy == null ? "" : " by " + groupBy);
        Map<Double, String> marks = new java.util.TreeMap<>();
        for (Object t : ResultFigures.list(stored.parameters() == null ? null : stored.parameters().get(LANDMARKS))) {
            double days = ResultFigures.number(t, Double.NaN);
            if (!Double.isNaN(days)) {
                marks.put(days, ResultFigures.landmarkLabel(days));
            }
        }
        String strata = ResultFigures.text(r.get("strata"), null);
        List<String> notes = new ArrayList<>();
        notes.add(ResultFigures.logRank(r.get("logRank"), strata == null ? null : "Log-rank stratified by " + strata + ","));
        return ResultFigures.kaplanMeier(title, r.get("groups"), notes, marks, request);
    }
}
