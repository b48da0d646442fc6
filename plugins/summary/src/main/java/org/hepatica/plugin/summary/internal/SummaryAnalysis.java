package org.hepatica.plugin.summary.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hepatica.analysis.Analysis;
import org.hepatica.analysis.AnalysisException;
import org.hepatica.analysis.AnalysisParameters;
import org.hepatica.analysis.ParameterSpec;
import org.hepatica.analysis.support.SurvivalSample;
import org.hepatica.cohort.CohortView;
import org.hepatica.cohort.Endpoint;
import org.hepatica.stats.KaplanMeierEstimator;
import org.osgi.service.component.annotations.Component;

/**
 * Cohort summary: per endpoint, the patients with that endpoint, the events, and the median
 * follow-up by the reverse Kaplan-Meier method (censoring as the event), with the median of the
 * observed times beside it.
 */
@Component(service = Analysis.class)
public final class SummaryAnalysis implements Analysis {

    /** One endpoint's summary. */
    public record EndpointSummary(String endpoint, int patients, int events, int censored, Double medianFollowUp,
            Double medianObservedTime) {
    }

    /** The result. */
    public record Summary(int patients, List<EndpointSummary> endpoints) {
    }

    @Override
    public String id() {
        return "summary";
    }

    @Override
    public String name() {
        return "Cohort summary";
    }

    @Override
    public String description() {
        return "Patients, events and median follow-up (reverse Kaplan-Meier) for OS and DFS.";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(ParameterSpec.choices("endpoints", List.of("OS", "DFS"), "endpoints to summarise: OS, DFS",
                Endpoint.OS.name(), Endpoint.DFS.name()));
    }

    @Override
    public Object run(CohortView cohort, AnalysisParameters parameters) {
        List<EndpointSummary> out = new ArrayList<>();
        for (String name : parameters.strings("endpoints")) {
            Endpoint endpoint = Endpoint.parse(name);
            SurvivalSample sample;
            try {
                sample = SurvivalSample.of(cohort, endpoint).build();
            } catch (AnalysisException e) {
                out.add(new EndpointSummary(endpoint.name(), 0, 0, 0, null, null));
                continue;
            }
            out.add(summarise(endpoint, sample.time(), sample.status()));
        }
        return new Summary(cohort.size(), out);
    }

    /** The summary of the subjects whose endpoint is known. */
    static EndpointSummary summarise(Endpoint endpoint, double[] time, int[] event) {
        int n = time.length;
        int events = 0;
        int[] censoredAsEvent = new int[n];
        for (int i = 0; i < n; i++) {
            events += event[i];
            censoredAsEvent[i] = 1 - event[i];
        }
        return new EndpointSummary(endpoint.name(), n, events, n - events, kmMedian(time, censoredAsEvent),
                n == 0 ? null : median(time));
    }

    /** The median of the Kaplan-Meier curve of (time, status), as R's print.survfit gives it; null when not reached. */
    static Double kmMedian(double[] time, int[] status) {
        if (time.length == 0) {
            return null;
        }
        return KaplanMeierEstimator.create().fit(time, status).groups().get(0).median().estimate();
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int m = v.length / 2;
        return v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
    }
}
