package org.hepatica.plugin.competingrisks.internal;

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
import org.hepatica.analysis.support.Grouping;
import org.hepatica.analysis.support.ResultFigures;
import org.hepatica.analysis.support.SurvivalSample;
import org.hepatica.cohort.CohortView;
import org.hepatica.cohort.Endpoint;
import org.hepatica.cohort.TimeUnit;
import org.hepatica.figure.Figure;
import org.hepatica.figure.Format;
import org.hepatica.figure.StepCurve;
import org.hepatica.figure.StepPlot;
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
public final class CompetingRisksAnalysis implements Analysis, FigureSource {
    static final String TIMES = "times";
    static final List<String> CAUSES = List.of("1 = recurrence", "2 = death without recurrence");

    /**
     * The result.
     *
     * @param cif      one curve per arm and cause, named {@code "ARM CAUSE"}, at {@code times}
     * @param grayTest Gray's test per cause
     * @param curves   the same curves at every event time: the steps the figure draws
     */
    public record Result(String treatment, List<Double> times, List<String> causes, int n, int nDropped,
            Map<String, Integer> missing, List<CumulativeIncidenceResult.Curve> cif,
            List<GrayTestResult.CauseTest> grayTest, List<String> warnings,
            List<CumulativeIncidenceResult.Curve> curves) {
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
        CumulativeIncidenceResult steps = times.length == 0 ? cif
                : CumulativeIncidenceEstimator.create().fit(s.order(), s.time(), s.cause(), arms.codes(), arms.labelArray());
        GrayTestResult gray = GrayTest.create().test(s.order(), s.time(), s.cause(), arms.codes(), arms.labelArray());
        List<String> warnings = new ArrayList<>(s.warnings());
        warnings.addAll(cif.warnings());
        warnings.addAll(gray.warnings());
        List<Double> reported = new ArrayList<>();
        for (double t : times) {
            reported.add(t);
        }
        return new Result(arms.name(), reported, CAUSES, s.size(), s.nDropped(), s.missing(), cif.cif(), gray.tests(),
                warnings, steps.cif());
    }

    /**
     * The cumulative incidence of each cause by arm, with Gray's p per cause. Drawn from the stored
     * steps ({@code curves}); a result stored without them is drawn from its reported times.
     */
    @Override
    public Optional<Figure> figure(StoredResult stored, FigureRequest request) {
        Map<?, ?> r = ResultFigures.map(stored.result());
        List<?> curves = ResultFigures.list(r.get("curves"));
        boolean coarse = curves.isEmpty();
        if (coarse) {
            curves = ResultFigures.list(r.get("cif"));
        }
        StepPlot plot = StepPlot.cumulativeIncidence("Recurrence and death without recurrence by "
                + ResultFigures.text(r.get("treatment"), "treatment")).dataUnit(TimeUnit.DAYS)
                .displayUnit(request.timeUnit()).percent(request.percent()).timeLabel(ResultFigures.timeLabel(request))
                .bands(false);
        int drawn = 0;
        for (Object o : curves) {
            Map<?, ?> c = ResultFigures.map(o);
            List<?> t = ResultFigures.list(c.get("times"));
            List<?> e = ResultFigures.list(c.get("estimate"));
            int n = 0;
            while (n < t.size() && n < e.size() && e.get(n) instanceof Number) {
                n++; // the estimate ends (null) after the group's last follow-up
            }
            double[] time = new double[n];
            double[] value = new double[n];
            for (int i = 0; i < n; i++) {
                time[i] = ResultFigures.number(t.get(i), 0);
                value[i] = ResultFigures.number(e.get(i), 0);
            }
            String cause = ResultFigures.text(c.get("cause"), "?");
            plot.curve(new StepCurve(ResultFigures.text(c.get("group"), "?") + ": " + causeName(cause), 0, time, value,
                    null, null, null, null, null, null));
            drawn++;
        }
        if (drawn == 0) {
            return Optional.empty();
        }
        for (Object o : ResultFigures.list(r.get("grayTest"))) {
            Map<?, ?> g = ResultFigures.map(o);
            if (g.get("pValue") instanceof Number p) {
                plot.annotation("Gray's test, " + causeName(ResultFigures.text(g.get("cause"), "?")) + ": "
                        + Format.p(p.doubleValue()));
            }
        }
        if (coarse) {
            plot.annotation("(at the reported times only)");
        }
        String pooled = ResultFigures.pooled(r);
        if (pooled != null) {
            plot.annotation(pooled);
        }
        return Optional.of(plot.draw());
    }

    private static String causeName(String code) {
        return "1".equals(code) ? "recurrence" : "2".equals(code) ? "death without recurrence" : "cause " + code;
    }
}
