package org.hepatica.plugin.competingrisks.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hepatica.analysis.Analysis;
import org.hepatica.analysis.AnalysisException;
import org.hepatica.analysis.AnalysisParameters;
import org.hepatica.analysis.ParameterSpec;
import org.hepatica.analysis.ParameterType;
import org.hepatica.analysis.support.CommonParameters;
import org.hepatica.analysis.support.Grouping;
import org.hepatica.analysis.support.SurvivalSample;
import org.hepatica.cohort.CohortView;
import org.hepatica.cohort.Endpoint;
import org.hepatica.stats.CumulativeIncidenceEstimator;
import org.hepatica.stats.CumulativeIncidenceResult;
import org.hepatica.stats.GrayTest;
import org.hepatica.stats.GrayTestResult;
import org.osgi.service.component.annotations.Component;

/**
 * Competing risks of DFS: the cumulative incidence of recurrence (cause 1) and of death without
 * recurrence (cause 2) by treatment arm, with their variances, and Gray's test of equal incidence
 * per cause (R {@code cmprsk::cuminc(ftime, fstatus, group)} and {@code timepoints}).
 */
@Component(service = Analysis.class)
public final class CompetingRisksAnalysis implements Analysis {
    static final String TIMES = "times";
    static final List<String> CAUSES = List.of("1 = recurrence", "2 = death without recurrence");

    /**
     * The result.
     *
     * @param cif      one curve per arm and cause, named {@code "ARM CAUSE"}, at {@code times}
     * @param grayTest Gray's test per cause
     */
    public record Result(String treatment, List<Double> times, List<String> causes, int n, int nDropped,
            Map<String, Integer> missing, List<CumulativeIncidenceResult.Curve> cif,
            List<GrayTestResult.CauseTest> grayTest, List<String> warnings) {
    }

    @Override
    public String id() {
        return "competing-risks";
    }

    @Override
    public String name() {
        return "Competing risks: recurrence and death without recurrence";
    }

    @Override
    public String description() {
        return "Cumulative incidence of recurrence and of death without recurrence by treatment arm, and"
                + " Gray's test per cause.";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(CommonParameters.treatment(),
                ParameterSpec.optional(TIMES, ParameterType.NUMBER_LIST, List.of(365.0, 730.0, 1095.0),
                        "times (days) at which the cumulative incidences are reported; empty for every event time"));
    }

    @Override
    public Object run(CohortView cohort, AnalysisParameters parameters) throws AnalysisException {
        double[] times = CommonParameters.times(parameters, TIMES);
        SurvivalSample s = SurvivalSample.of(cohort, Endpoint.DFS)
                .groupBy(CommonParameters.TREATMENT, CommonParameters.treatment(parameters)).withCauses().build();
        Grouping arms = s.group();
        CumulativeIncidenceEstimator estimator = times.length == 0 ? CumulativeIncidenceEstimator.create()
                : CumulativeIncidenceEstimator.create().withTimes(times);
        CumulativeIncidenceResult cif = estimator.fit(s.order(), s.time(), s.cause(), arms.codes(), arms.labelArray());
        GrayTestResult gray = GrayTest.create().test(s.order(), s.time(), s.cause(), arms.codes(), arms.labelArray());
        List<String> warnings = new ArrayList<>(s.warnings());
        warnings.addAll(cif.warnings());
        warnings.addAll(gray.warnings());
        List<Double> reported = new ArrayList<>();
        for (double t : times) {
            reported.add(t);
        }
        return new Result(arms.name(), reported, CAUSES, s.size(), s.nDropped(), s.missing(), cif.cif(), gray.tests(),
                warnings);
    }
}
