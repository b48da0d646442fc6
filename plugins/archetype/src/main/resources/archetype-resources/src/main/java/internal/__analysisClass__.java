package ${package}.internal;

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
import org.hepatica.analysis.support.ResultFigures;
import org.hepatica.analysis.support.SurvivalSample;
import org.hepatica.cohort.CohortColumns;
import org.hepatica.cohort.CohortView;
import org.hepatica.cohort.Endpoint;
import org.hepatica.figure.Figure;
import org.hepatica.stats.KaplanMeierEstimator;
import org.hepatica.stats.KaplanMeierResult;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Survival at one landmark time by group: the Kaplan-Meier estimate S(t) = prod over event times
 * t_i <= t of (1 - d_i / n_i), with its Greenwood standard error
 * SE = S(t) * sqrt(sum d_i / (n_i (n_i - d_i))) and the chosen interval (R
 * {@code summary(survfit(Surv(time, status) ~ group), times = t, extend = TRUE)}).
 *
 * <p>Registered as an {@link Analysis} service by Declarative Services. The platform calls
 * {@link #run} on HTTP request threads, several at once: keep no state between runs.
 */
@Component(service = Analysis.class)
public final class ${analysisClass} implements Analysis, FigureSource {
    private static final Logger LOG = LoggerFactory.getLogger(${analysisClass}.class);

    static final String GROUP_BY = "groupBy";
    static final String LANDMARK = "landmark";

    /**
     * The result, serialized to JSON by component name.
     *
     * @param endpoint OS or DFS
     * @param groupBy  the grouping column as the cohort spells it
     * @param landmark the landmark time, days
     * @param n        patients analysed
     * @param nDropped patients left out for a missing value
     * @param missing  per variable, the patients missing it
     * @param groups   one Kaplan-Meier curve per group; its {@code landmarks[0]} is the survival at the landmark
     * @param warnings what needs attention
     */
    public record Result(String endpoint, String groupBy, double landmark, int n, int nDropped,
            Map<String, Integer> missing, List<KaplanMeierResult.Curve> groups, List<String> warnings) {
    }

    @Override
    public String id() {
        return "${analysisId}";
    }

    @Override
    public String name() {
        return "Survival at a landmark";
    }

    @Override
    public String description() {
        return "Kaplan-Meier survival of OS or DFS at one landmark time by group, with Greenwood errors and"
                + " the chosen interval.";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(CommonParameters.endpoint(Endpoint.OS),
                ParameterSpec.optional(GROUP_BY, ParameterType.STRING, CohortColumns.ARM, "column to group by"),
                ParameterSpec.optional(LANDMARK, ParameterType.NUMBER, 730.0, "landmark time in days (> 0)"),
                CommonParameters.confType(), CommonParameters.confLevel());
    }

    @Override
    public Object run(CohortView cohort, AnalysisParameters parameters) throws AnalysisException {
        Endpoint endpoint = CommonParameters.endpoint(parameters);
        double landmark = CommonParameters.positiveTime(parameters, LANDMARK);
        SurvivalSample s = SurvivalSample.of(cohort, endpoint)
                .groupBy(GROUP_BY, parameters.string(GROUP_BY))
                .build();
        KaplanMeierResult fit = KaplanMeierEstimator.create()
                .withConfType(CommonParameters.confType(parameters))
                .withConfLevel(CommonParameters.confLevel(parameters))
                .withLandmarks(landmark)
                .fit(s.order(), s.time(), s.status(), s.group().codes(), s.group().labelArray());
        List<String> warnings = new ArrayList<>(s.warnings());
        warnings.addAll(fit.warnings());
        LOG.debug("{} on cohort {}: {} patients, {} groups", id(), cohort.summary().id(), s.size(), fit.groups().size());
        return new Result(endpoint.name(), s.group().name(), landmark, s.size(), s.nDropped(), s.missing(),
                fit.groups(), warnings);
    }

    /** The curves with the landmark dotted, drawn from the stored result (never from the cohort). */
    @Override
    public Optional<Figure> figure(StoredResult stored, FigureRequest request) {
        Map<?, ?> r = ResultFigures.map(stored.result());
        String title = ResultFigures.endpointName(ResultFigures.text(r.get("endpoint"), null)) + " by "
                + ResultFigures.text(r.get("groupBy"), "group");
        double landmark = ResultFigures.number(r.get("landmark"), Double.NaN);
        Map<Double, String> marks = Double.isNaN(landmark) ? Map.of()
                : Map.of(landmark, ResultFigures.landmarkLabel(landmark));
        return ResultFigures.kaplanMeier(title, r.get("groups"), List.of(), marks, request);
    }
}
