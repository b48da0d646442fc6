package org.hepatica.plugin.os.internal;

import org.hepatica.analysis.Analysis;
import org.hepatica.analysis.support.TrialEndpointAnalysis;
import org.hepatica.cohort.Endpoint;
import org.osgi.service.component.annotations.Component;

/** The trial's secondary endpoint: overall survival by treatment with the 3-year (1095-day) landmark. */
@Component(service = Analysis.class)
public final class OsAnalysis extends TrialEndpointAnalysis {

    public OsAnalysis() {
        super(Endpoint.OS, 1095);
    }

    @Override
    public String id() {
        return "os";
    }

    @Override
    public String name() {
        return "Overall survival by treatment (secondary endpoint)";
    }

    @Override
    public String description() {
        return "OS by treatment: Kaplan-Meier curves (log-log), 3-year OS per arm with 95 % CI, median OS,"
                + " log-rank test and the univariate Cox hazard ratio of treatment.";
    }
}
