package org.hepatica.plugin.dfs.internal;

import org.hepatica.analysis.Analysis;
import org.hepatica.analysis.support.TrialEndpointAnalysis;
import org.hepatica.cohort.Endpoint;
import org.osgi.service.component.annotations.Component;

/** The trial's primary endpoint: disease-free survival by treatment with the 2-year (730-day) landmark. */
@Component(service = Analysis.class)
public final class DfsAnalysis extends TrialEndpointAnalysis {

    public DfsAnalysis() {
        super(Endpoint.DFS, 730);
    }

    @Override
    public String id() {
        return "dfs";
    }

    @Override
    public String name() {
        return "Disease-free survival by treatment (primary endpoint)";
    }

    @Override
    public String description() {
        return "DFS by treatment: Kaplan-Meier curves (log-log), 2-year DFS per arm with 95 % CI, median DFS,"
                + " log-rank test and the univariate Cox hazard ratio of treatment.";
    }
}
