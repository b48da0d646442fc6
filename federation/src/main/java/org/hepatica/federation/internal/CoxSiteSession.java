package org.hepatica.federation.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hepatica.analysis.AnalysisException;
import org.hepatica.analysis.InvalidParameterException;
import org.hepatica.analysis.support.CoxModel;
import org.hepatica.analysis.support.SurvivalSample;
import org.hepatica.cohort.CohortColumns;
import org.hepatica.cohort.CohortView;
import org.hepatica.cohort.Endpoint;
import org.hepatica.stats.CoxDesign;
import org.hepatica.stats.CoxSiteDerivatives;
import org.hepatica.stats.CoxSiteModel;
import org.hepatica.stats.CoxTies;

/**
 * A site's part of a multi-centre Cox model ({@code cox}): the model of its cohort, built once
 * when a run opens it and kept until the run's deadline, answering each Newton step of the
 * coordinator with its log partial likelihood, score and information at the coefficients sent.
 * The site's patients are a stratum of their own, so the sums over the sites are those of
 * {@code coxph(... + strata(site))} on the pooled patients; no patient's value leaves the site.
 */
final class CoxSiteSession {
    /** The analysis id. */
    static final String ANALYSIS = "cox";

    /**
     * A multi-centre Cox request, as the {@code cox} plugin reads its parameters.
     *
     * @param endpoint   OS (default) or DFS
     * @param covariates the covariate columns, in order
     * @param ties       efron (default) or breslow
     * @param reference  the reference level per categorical covariate
     */
    record Request(Endpoint endpoint, List<String> covariates, CoxTies ties, Map<String, String> reference) {
        /**
         * @throws InvalidParameterException naming the parameter that is malformed, or {@code strata},
         *     which a multi-centre model does not take: its strata are the sites
         */
        static Request of(Map<String, Object> p) throws InvalidParameterException {
            Endpoint endpoint = Endpoint.OS;
            if (p.get("endpoint") != null) {
                try {
                    endpoint = Endpoint.parse(String.valueOf(p.get("endpoint")));
                } catch (IllegalArgumentException e) {
                    throw new InvalidParameterException("endpoint", e.getMessage());
                }
            }
            if (!(p.get("covariates") instanceof List<?> list) || list.isEmpty()) {
                throw new InvalidParameterException("covariates", "name at least one covariate column, e.g. [\"arm\", \"age\"]");
            }
            List<String> covariates = new ArrayList<>();
            for (Object o : list) {
                if (!(o instanceof String s) || s.isBlank()) {
                    throw new InvalidParameterException("covariates", "must be column names, was " + o);
                }
                if (s.equalsIgnoreCase(CohortColumns.SITE)) {
                    throw new InvalidParameterException("covariates", "'site' is the stratum of a multi-centre Cox model,"
                            + " not a covariate");
                }
                covariates.add(s);
            }
            Object t = p.getOrDefault("ties", "efron");
            CoxTies ties = switch (String.valueOf(t).toLowerCase(Locale.ROOT)) {
                case "efron" -> CoxTies.EFRON;
                case "breslow" -> CoxTies.BRESLOW;
                default -> throw new InvalidParameterException("ties", "is efron or breslow, was " + t);
            };
            if (p.get("strata") != null && !CohortColumns.SITE.equals(p.get("strata"))) {
                throw new InvalidParameterException("strata", "a multi-centre Cox model is stratified by site;"
                        + " strata within the sites are not supported, was " + p.get("strata"));
            }
            Map<String, String> reference = new LinkedHashMap<>();
            if (p.get("reference") instanceof Map<?, ?> m) {
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    if (!(e.getValue() instanceof String level)) {
                        throw new InvalidParameterException("reference", "maps a covariate to a level, was " + e);
                    }
                    reference.put(String.valueOf(e.getKey()), level);
                }
            } else if (p.get("reference") != null) {
                throw new InvalidParameterException("reference", "maps each categorical covariate to its reference level,"
                        + " was " + p.get("reference"));
            }
            return new Request(endpoint, List.copyOf(covariates), ties, Map.copyOf(reference));
        }
    }

    private final String run;
    private final String coordinator;
    private final Instant deadline;
    private final CoxSiteModel model;
    private final Map<String, Object> description;
    private int steps;

    private CoxSiteSession(String run, String coordinator, Instant deadline, CoxSiteModel model,
            Map<String, Object> description) {
        this.run = run;
        this.coordinator = coordinator;
        this.deadline = deadline;
        this.model = model;
        this.description = description;
    }

    /**
     * Builds the site's model for a run.
     *
     * @throws InvalidParameterException when a covariate is not in the cohort or cannot enter a model
     * @throws AnalysisException when the cohort has no such endpoint
     */
    static CoxSiteSession open(Messages.Task task, CohortView cohort, Request request) throws AnalysisException {
        SurvivalSample s = SurvivalSample.of(cohort, request.endpoint()).build();
        CoxModel m = CoxModel.of(cohort, s).covariates("covariates", request.covariates())
                .references("reference", request.reference()).build();
        CoxDesign design = m.design();
        int[] kept = design.keptRows();
        double[] time = new double[kept.length];
        int[] status = new int[kept.length];
        int events = 0;
        for (int k = 0; k < kept.length; k++) {
            time[k] = s.time()[kept[k]];
            status[k] = s.status()[kept[k]];
            events += status[k];
        }
        double[][] x = new double[design.termNames().size()][];
        for (int j = 0; j < x.length; j++) {
            x[j] = design.column(j);
        }
        Map<String, String> references = new LinkedHashMap<>();
        for (String v : design.termVariables()) {
            if (design.reference(v) != null) {
                references.put(v, design.reference(v));
            }
        }
        Map<String, Integer> missing = new LinkedHashMap<>(s.missing());
        missing.putAll(m.missing());
        List<String> warnings = new ArrayList<>(s.warnings());
        warnings.addAll(design.warnings());
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("n", kept.length);
        d.put("events", events);
        d.put("nDropped", s.nDropped() + design.nDropped());
        d.put("terms", design.termNames());
        d.put("reference", references);
        d.put("missing", missing);
        d.put("warnings", warnings);
        CoxSiteModel model = kept.length == 0 ? null : CoxSiteModel.of(time, status, null, x, request.ties());
        return new CoxSiteSession(task.run(), task.coordinator(), task.deadline(), model, d);
    }

    /** Patients in the model. */
    int n() {
        return (Integer) description.get("n");
    }

    /** Events among them. */
    int events() {
        return (Integer) description.get("events");
    }

    /**
     * What the site tells when it opens the run: {@code n}, {@code events}, {@code nDropped},
     * {@code terms} (the design's columns, in order), {@code reference} (per categorical covariate),
     * {@code missing} (per variable, patients missing it) and {@code warnings}.
     */
    Map<String, Object> describe() {
        return description;
    }

    String run() {
        return run;
    }

    String coordinator() {
        return coordinator;
    }

    boolean expired(Instant now) {
        return now.isAfter(deadline);
    }

    /** Newton steps answered. */
    int steps() {
        return steps;
    }

    /**
     * The site's sums at {@code beta}.
     *
     * @throws IllegalArgumentException when beta has another length than the model's terms, or is not finite
     */
    synchronized CoxSiteDerivatives at(double[] beta) {
        if (beta.length != model.p()) {
            throw new IllegalArgumentException("the step has " + beta.length + " coefficients, the model "
                    + model.p() + " terms");
        }
        for (double b : beta) {
            if (!Double.isFinite(b)) {
                throw new IllegalArgumentException("the step has a coefficient that is not finite: " + b);
            }
        }
        steps++;
        return model.at(beta);
    }
}
