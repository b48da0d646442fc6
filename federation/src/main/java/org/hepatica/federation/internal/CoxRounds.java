package org.hepatica.federation.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hepatica.analysis.AnalysisException;
import org.hepatica.analysis.StoredResult;
import org.hepatica.cohort.CohortColumns;
import org.hepatica.cohort.CohortSummary;
import org.hepatica.stats.CoxProportionalHazards;
import org.hepatica.stats.CoxResult;
import org.hepatica.stats.CoxSite;
import org.hepatica.stats.CoxSiteDerivatives;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coordinator's side of a multi-centre Cox model ({@code cox}), once the sites have opened
 * their models: the Newton-Raphson iterations of the single-installation fit, each evaluation a
 * round in which every site gets the coefficients and answers with its log partial likelihood,
 * score and information; their sums drive the step, with the same step halving and convergence
 * rule ({@link CoxProportionalHazards#fitSites}). The result has the {@code cox} plugin's fields,
 * with {@code strata = site}; concordance and the proportional-hazards test need the patients'
 * linear predictors and are not computed.
 */
final class CoxRounds {
    private static final Logger LOG = LoggerFactory.getLogger(CoxRounds.class);

    private final Coordinator coordinator;
    private final String run;
    private final Map<String, Messages.Task> opening;
    private final Instant until;
    private double[] asked;
    private Map<String, Messages.Answer> answers;
    private int rounds;

    private CoxRounds(Coordinator coordinator, String run, Map<String, Messages.Task> opening, Instant until) {
        this.coordinator = coordinator;
        this.run = run;
        this.opening = opening;
        this.until = until;
    }

    /** A site that stopped answering, or answered without sums: the fit cannot go on. */
    private static final class RoundFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RoundFailed(String message) {
            super(message);
        }
    }

    /**
     * Fits the model over the sites that opened theirs and stores the result.
     *
     * @param opened per site that released its model, its answer (in the order asked)
     * @param report per site asked, its status, as the result's {@code sites}
     * @param warnings the run's warnings so far (sites left out)
     * @throws AnalysisException when the sites' models have other terms, or a site stops answering
     */
    static StoredResult fit(Coordinator coordinator, String run, Map<String, Messages.Task> tasks,
            Map<String, Messages.Answer> opened, List<Map<String, Object>> report, List<String> warnings, Instant until,
            Map<String, Object> parameters, CoxSiteSession.Request request, String checksum, String user)
            throws AnalysisException {
        List<?> terms = null;
        String first = null;
        for (Map.Entry<String, Messages.Answer> e : opened.entrySet()) {
            List<?> t = e.getValue().model().get("terms") instanceof List<?> l ? l : List.of();
            if (terms == null) {
                terms = t;
                first = e.getKey();
            } else if (!terms.equals(t)) {
                throw new AnalysisException("the sites' models differ: site " + e.getKey() + " has the terms " + t
                        + ", site " + first + " " + terms + "; a categorical covariate has other levels at these sites"
                        + " (name its level in reference, or leave it out)");
            }
        }
        if (terms == null || terms.isEmpty()) {
            throw new AnalysisException("the sites' models have no terms");
        }
        Map<String, Messages.Task> open = new LinkedHashMap<>();
        opened.keySet().forEach(site -> open.put(site, tasks.get(site)));
        CoxRounds rounds = new CoxRounds(coordinator, run, open, until);
        List<CoxSite> sites = new ArrayList<>();
        for (Map.Entry<String, Messages.Answer> e : opened.entrySet()) {
            sites.add(rounds.site(e.getKey(), e.getValue().model()));
        }
        CoxResult r;
        try {
            r = CoxProportionalHazards.create().withTies(request.ties())
                    .fitSites(sites, terms.stream().map(String::valueOf).toArray(String[]::new));
        } catch (RoundFailed e) {
            coordinator.audit().record(user, "federation.cox.failed", run, e.getMessage());
            throw new AnalysisException("the multi-centre Cox model could not be fitted: " + e.getMessage());
        }
        Map<String, Object> firstModel = opened.values().iterator().next().model();
        Map<String, Integer> missing = new LinkedHashMap<>();
        int nDropped = 0;
        List<String> siteWarnings = new ArrayList<>();
        for (Map.Entry<String, Messages.Answer> e : opened.entrySet()) {
            Map<String, Object> m = e.getValue().model();
            nDropped += m.get("nDropped") instanceof Number k ? k.intValue() : 0;
            if (m.get("missing") instanceof Map<?, ?> miss) {
                miss.forEach((k, v) -> missing.merge(String.valueOf(k), ((Number) v).intValue(), Integer::sum));
            }
            if (m.get("warnings") instanceof List<?> w) {
                w.forEach(x -> siteWarnings.add("site " + e.getKey() + ": " + x));
            }
        }
        missing.put(CohortColumns.SITE, 0); // the strata: every site's patients have theirs
        List<String> all = new ArrayList<>(siteWarnings);
        all.addAll(r.warnings());
        all.addAll(warnings);
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("endpoint", request.endpoint().name());
        output.put("covariates", request.covariates());
        output.put("ties", request.ties().name().toLowerCase(java.util.Locale.ROOT));
        output.put("strata", CohortColumns.SITE);
        output.put("reference", firstModel.get("reference"));
        output.put("missing", missing);
        output.put("n", r.n());
        output.put("events", r.events());
        output.put("nDropped", nDropped);
        output.put("terms", r.terms());
        output.put("logLikNull", r.logLikNull());
        output.put("logLik", r.logLik());
        output.put("iterations", r.iterations());
        output.put("converged", r.converged());
        output.put("likelihoodRatio", r.likelihoodRatio());
        output.put("wald", r.wald());
        output.put("score", r.score());
        output.put("concordance", r.concordance());
        output.put("phTest", r.phTest());
        output.put("warnings", all);
        output.put("sites", report);
        Map<String, Object> federated = new LinkedHashMap<>();
        federated.put("run", run);
        federated.put("coordinator", coordinator.id());
        federated.put("deadline", until.toString());
        federated.put("sitesPooled", List.copyOf(opened.keySet()));
        federated.put("pooledBy", "Newton rounds: in each, every site's log partial likelihood, score and information"
                + " at the coordinator's coefficients, summed; the Cox model is stratified by site");
        federated.put("rounds", rounds.rounds);
        federated.put("warnings", warnings);
        output.put("federated", federated);
        Map<String, Object> stored = new LinkedHashMap<>(parameters);
        stored.put("strata", CohortColumns.SITE);
        coordinator.audit().record(user, "federation.cox", run, "fitted over sites " + opened.keySet() + " in "
                + rounds.rounds + " rounds, " + r.iterations() + " iterations" + (r.converged() ? "" : ", not converged"));
        CohortSummary records = new CohortSummary("federated-" + run, "cox over sites " + opened.keySet(), 1, checksum,
                r.n() + nDropped, Instant.now());
        StoredResult result = coordinator.analyses().storeComputed(records, CoxSiteSession.ANALYSIS, stored, output, user);
        LOG.info("federated cox run {}: {} of {} sites in {} rounds, result {}", run, opened.size(), tasks.size(),
                rounds.rounds, result.id());
        return result;
    }

    /** A site as the fit sees it: its size, and its sums at each coefficient vector. */
    private CoxSite site(String site, Map<String, Object> model) {
        int n = ((Number) model.get("n")).intValue();
        int events = ((Number) model.get("events")).intValue();
        return new CoxSite() {
            @Override
            public int n() {
                return n;
            }

            @Override
            public int events() {
                return events;
            }

            @Override
            public CoxSiteDerivatives at(double[] beta) {
                return CoxRounds.this.at(site, beta);
            }
        };
    }

    /**
     * The site's sums at {@code beta}: the fit asks the sites one after the other at the same
     * coefficients, so the first ask sends a round to all of them at once.
     */
    private CoxSiteDerivatives at(String site, double[] beta) {
        if (asked == null || !Arrays.equals(asked, beta)) {
            round(beta);
        }
        return answers.get(site).derivatives();
    }

    private void round(double[] beta) {
        rounds++;
        Map<String, Messages.Task> steps = new LinkedHashMap<>();
        for (Map.Entry<String, Messages.Task> e : opening.entrySet()) {
            Messages.Task o = e.getValue();
            steps.put(e.getKey(), new Messages.Task(UUID.randomUUID().toString(), run, o.site(), o.coordinator(),
                    o.replyTo(), o.analysis(), o.cohort(), Map.of(), until, beta.clone()));
        }
        Map<String, Messages.Answer> got;
        try {
            got = coordinator.exchange(steps, until);
        } catch (AnalysisException e) {
            throw new RoundFailed(e.getMessage());
        }
        for (String site : steps.keySet()) {
            Messages.Answer a = got.get(site);
            if (a == null) {
                throw new RoundFailed("site " + site + " did not answer round " + rounds + " by the deadline " + until);
            }
            if (!Messages.Answer.RELEASED.equals(a.status()) || a.derivatives() == null) {
                throw new RoundFailed("site " + site + " answered round " + rounds + " with " + a.status() + ": "
                        + a.reason());
            }
        }
        asked = beta.clone();
        answers = got;
    }
}
