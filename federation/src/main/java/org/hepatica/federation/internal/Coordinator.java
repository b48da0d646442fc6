package org.hepatica.federation.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import org.hepatica.access.AuditTrail;
import org.hepatica.analysis.AnalysisDescriptor;
import org.hepatica.analysis.AnalysisException;
import org.hepatica.analysis.AnalysisService;
import org.hepatica.analysis.InvalidParameterException;
import org.hepatica.analysis.ParameterSpec;
import org.hepatica.analysis.StoredResult;
import org.hepatica.federation.FederationService.SiteRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coordinator's side: sends one task per site to the site's durable queue (expiring at the
 * deadline), waits for the answers until every site has answered or the deadline has passed,
 * expands what was released into pooled records and runs the analysis's plugin on them. The
 * result lists every site with its status, and where it released, the rows it used, its plugin
 * version and its cohort's checksum.
 */
final class Coordinator {
    private static final Logger LOG = LoggerFactory.getLogger(Coordinator.class);
    /** What the result of a site that did not answer in time says. */
    static final String NO_ANSWER = "no-answer";

    private final String id;
    private final AnalysisService analyses;
    private final AuditTrail audit;
    private final BiConsumer<String, Messages.Task> send;
    private final Clock clock;
    /** Answers awaited, by task id. */
    private final Map<String, CompletableFuture<Messages.Answer>> awaited = new ConcurrentHashMap<>();

    /** @param send sends a task to its site's queue */
    Coordinator(String id, AnalysisService analyses, AuditTrail audit, BiConsumer<String, Messages.Task> send, Clock clock) {
        this.id = id;
        this.analyses = analyses;
        this.audit = audit;
        this.send = send;
        this.clock = clock;
    }

    /** An answer from the broker. */
    void receive(String text) {
        Messages.Answer a;
        try {
            a = Messages.readAnswer(text);
        } catch (RuntimeException e) {
            LOG.warn("a message on the answer queue of coordinator {} is not an answer and is dropped: {}", id, e.getMessage());
            return;
        }
        CompletableFuture<Messages.Answer> f = awaited.get(a.task());
        if (f == null) {
            LOG.info("an answer of site {} to task {} (run {}) came after its run had ended; it is not used", a.site(),
                    a.task(), a.run());
            audit.record(Site.USER, "federation.answer.late", a.run(), "site " + a.site() + " answered task " + a.task()
                    + " (" + a.status() + ") after the run had ended; not used");
            return;
        }
        f.complete(a);
    }

    StoredResult run(String analysisId, List<SiteRequest> sites, Map<String, Object> parameters, Duration deadline,
            String user) throws AnalysisException {
        if (sites == null || sites.isEmpty()) {
            throw new InvalidParameterException("sites", "name at least one site");
        }
        Set<String> seen = new HashSet<>();
        for (SiteRequest s : sites) {
            if (s.site() == null || !s.site().matches("[A-Za-z0-9_.-]{1,64}")) {
                throw new InvalidParameterException("sites", "a site id is 1 to 64 letters, digits, '_', '.' and '-', was "
                        + s.site());
            }
            if (s.cohort() == null || s.cohort().isBlank()) {
                throw new InvalidParameterException("cohort", "name the study's cohort at site " + s.site()
                        + " (cohort, or cohort per site)");
            }
            if (!seen.add(s.site())) {
                throw new InvalidParameterException("sites", "site " + s.site() + " is named twice");
            }
        }
        if (deadline.isNegative() || deadline.isZero() || deadline.compareTo(Duration.ofHours(24)) > 0) {
            throw new InvalidParameterException("deadlineSeconds", "must be between 1 and 86400 seconds, was "
                    + deadline.toSeconds());
        }
        AnalysisDescriptor plugin = analyses.list().stream().filter(d -> d.id().equals(analysisId)).findFirst()
                .orElseThrow(() -> new java.util.NoSuchElementException("no active analysis '" + analysisId + "'"));
        for (String name : parameters.keySet()) {
            if (plugin.parameters().stream().map(ParameterSpec::name).noneMatch(name::equals)) {
                throw new InvalidParameterException(name, "analysis '" + analysisId + "' has no parameter '" + name
                        + "'; its parameters are " + plugin.parameters().stream().map(ParameterSpec::name).toList());
            }
        }
        boolean cox = analysisId.equals(CoxSiteSession.ANALYSIS);
        Plan plan = cox ? null : Plan.of(analysisId, parameters);
        CoxSiteSession.Request coxRequest = cox ? CoxSiteSession.Request.of(parameters) : null;
        String run = UUID.randomUUID().toString();
        Instant until = clock.instant().plus(deadline);
        Map<String, Messages.Task> tasks = new LinkedHashMap<>();
        for (SiteRequest s : sites) {
            Messages.Task t = new Messages.Task(UUID.randomUUID().toString(), run, s.site(), id,
                    Messages.coordinatorQueue(id), analysisId, s.cohort(), parameters, until);
            tasks.put(s.site(), t);
        }
        audit.record(user, "federation.run", run, analysisId + " at sites " + tasks.keySet() + ", parameters "
                + Messages.json(parameters) + ", deadline " + until);
        Map<String, Messages.Answer> answers = exchange(tasks, until);
        List<Map<String, Object>> report = new ArrayList<>();
        Map<String, Messages.Answer> released = new LinkedHashMap<>();
        StringBuilder checksums = new StringBuilder();
        for (Map.Entry<String, Messages.Task> e : tasks.entrySet()) {
            Messages.Answer a = answers.get(e.getKey());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("site", e.getKey());
            m.put("cohort", e.getValue().cohort());
            m.put("status", a == null ? NO_ANSWER : a.status());
            m.put("rowsUsed", a == null ? null : a.status().equals(Messages.Answer.RELEASED) ? a.rowsUsed() : null);
            m.put("pluginVersion", a == null ? null : a.pluginVersion());
            m.put("cohortChecksum", a == null ? null : a.cohortChecksum());
            m.put("reason", a == null ? "no answer by the deadline " + until : a.reason());
            report.add(m);
            if (a != null && a.status().equals(Messages.Answer.RELEASED)) {
                released.put(e.getKey(), a);
                checksums.append(e.getKey()).append(':').append(a.cohortChecksum()).append('\n');
            }
        }
        audit.record(user, "federation.answers", run, report.stream().map(m -> m.get("site") + " " + m.get("status")
                + (m.get("reason") == null ? "" : " (" + m.get("reason") + ")")).toList().toString());
        if (released.isEmpty()) {
            throw new AnalysisException("no site released anything for " + analysisId + ": " + report.stream()
                    .map(m -> m.get("site") + " " + m.get("status") + " (" + m.get("reason") + ")").toList());
        }
        List<String> warnings = new ArrayList<>();
        if (released.size() < tasks.size()) {
            warnings.add("pooled over " + released.size() + " of " + tasks.size() + " sites: " + report.stream()
                    .filter(m -> !Messages.Answer.RELEASED.equals(m.get("status")))
                    .map(m -> m.get("site") + " " + m.get("status")).toList() + " are not in this result");
        }
        if (cox) {
            return CoxRounds.fit(this, run, tasks, released, report, warnings, until, parameters, coxRequest,
                    Site.sha256(checksums.toString()), user);
        }
        Map<String, SiteCounts> counts = new LinkedHashMap<>();
        released.forEach((site, a) -> counts.put(site, a.counts()));
        PooledCohort pooled = new PooledCohort("federated-" + run, analysisId + " pooled over " + released.keySet(), plan,
                counts, Site.sha256(checksums.toString()));
        Map<String, Object> federated = new LinkedHashMap<>();
        federated.put("run", run);
        federated.put("coordinator", id);
        federated.put("deadline", until.toString());
        federated.put("sitesPooled", List.copyOf(released.keySet()));
        federated.put("pooledBy", (plan.endpoint() == null ? "the sites' counts per combination of levels"
                : "the sites' counts per distinct time and group") + ", expanded into one record per patient counted" + (plan.pooledParameters(Map.of()).containsKey("strata")
                        ? "; the hazard ratio's Cox model is stratified by site" : ""));
        federated.put("warnings", warnings);
        Map<String, Object> additions = new LinkedHashMap<>();
        additions.put("sites", report);
        additions.put("federated", federated);
        StoredResult result = analyses.runPooled(pooled, analysisId, plan.pooledParameters(parameters), additions, user);
        LOG.info("federated {} run {}: {} of {} sites pooled, result {}", analysisId, run, released.size(), tasks.size(),
                result.id());
        return result;
    }

    /**
     * Sends the tasks to their sites' queues and waits for the answers until the deadline.
     *
     * @return per site, its answer; a site that has not answered by then is absent
     */
    Map<String, Messages.Answer> exchange(Map<String, Messages.Task> tasks, Instant until) throws AnalysisException {
        Map<String, Messages.Answer> answers = new LinkedHashMap<>();
        tasks.values().forEach(t -> awaited.put(t.id(), new CompletableFuture<>()));
        try {
            for (Messages.Task t : tasks.values()) {
                send.accept(Messages.siteQueue(t.site()), t);
            }
            for (Map.Entry<String, Messages.Task> e : tasks.entrySet()) {
                long left = Duration.between(clock.instant(), until).toMillis();
                try {
                    answers.put(e.getKey(), awaited.get(e.getValue().id()).get(Math.max(left, 0), TimeUnit.MILLISECONDS));
                } catch (TimeoutException x) {
                    // reported as not answered
                } catch (ExecutionException x) {
                    throw new IllegalStateException(x.getCause());
                } catch (InterruptedException x) {
                    Thread.currentThread().interrupt();
                    throw new AnalysisException("the federated run was interrupted");
                }
            }
        } finally {
            tasks.values().forEach(t -> awaited.remove(t.id()));
        }
        return answers;
    }

    String id() {
        return id;
    }

    AnalysisService analyses() {
        return analyses;
    }

    AuditTrail audit() {
        return audit;
    }

}
