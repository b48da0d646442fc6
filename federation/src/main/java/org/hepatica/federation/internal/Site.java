package org.hepatica.federation.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import org.hepatica.access.AuditTrail;
import org.hepatica.analysis.AnalysisDescriptor;
import org.hepatica.analysis.AnalysisException;
import org.hepatica.analysis.AnalysisService;
import org.hepatica.analysis.InvalidParameterException;
import org.hepatica.cohort.CohortService;
import org.hepatica.cohort.CohortSummary;
import org.hepatica.cohort.CohortView;
import org.hepatica.federation.FederationService.PendingTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A site's side of multi-centre analyses: it takes a task, tabulates the named cohort, applies
 * its disclosure rules and answers. Every task and everything that leaves is in the audit trail
 * (as user {@code federation}, or the administrator who approved), and the exact bytes released
 * are kept under {@code data/federation/site/released/}. A site that approves each task keeps the
 * pending ones under {@code data/federation/pending/} until its administrator decides, across restarts.
 */
final class Site {
    private static final Logger LOG = LoggerFactory.getLogger(Site.class);
    static final String USER = "federation";

    /**
     * The site's settings.
     *
     * @param id              the site id
     * @param minCellSize     no table is released whose smallest event count or number at risk at an event time is below it
     * @param approval        whether an administrator approves each task
     * @param analyses        the analyses the site answers
     */
    record Settings(String id, int minCellSize, boolean approval, Set<String> analyses) {
    }

    private final Settings settings;
    private final CohortService cohorts;
    private final AnalysisService analyses;
    private final AuditTrail audit;
    private final BiConsumer<String, String> send;
    private final Path pending;
    private final Path released;
    private final Clock clock;
    /** The Cox models open for multi-centre runs, by run id, until each run's deadline. */
    private final Map<String, CoxSiteSession> sessions = new ConcurrentHashMap<>();

    /**
     * @param send sends a message (queue, text)
     * @param dir  the site's directory for pending tasks and released counts
     */
    Site(Settings settings, CohortService cohorts, AnalysisService analyses, AuditTrail audit,
            BiConsumer<String, String> send, Path dir, Clock clock) {
        this.settings = settings;
        this.cohorts = cohorts;
        this.analyses = analyses;
        this.audit = audit;
        this.send = send;
        this.pending = dir.resolve("pending");
        this.released = dir.resolve("released");
        this.clock = clock;
    }

    /** A task from the broker: answered at once, or kept for approval. */
    void receive(String text) {
        Messages.Task task;
        try {
            task = Messages.readTask(text);
        } catch (RuntimeException e) {
            // nothing to answer to: logged and audited, then dropped
            LOG.warn("a message on the task queue of site {} is not a task and is dropped: {}", settings.id(), e.getMessage());
            audit.record(USER, "federation.task.malformed", settings.id(), String.valueOf(e.getMessage()));
            return;
        }
        sessions.values().removeIf(x -> x.expired(clock.instant()));
        if (task.step()) {
            if (!expired(task)) {
                answer(task, step(task), USER);
            }
            return;
        }
        audit.record(USER, "federation.task.received", task.id(), task.analysis() + " on cohort '" + task.cohort()
                + "' for " + task.coordinator() + " (run " + task.run() + "), parameters " + Messages.json(task.parameters())
                + ", deadline " + task.deadline());
        if (!task.site().equals(settings.id())) {
            answer(task, refusal(task, "the task is for site '" + task.site() + "', this is site '" + settings.id() + "'"), USER);
            return;
        }
        if (expired(task)) {
            return;
        }
        if (settings.approval()) {
            write(pending.resolve(task.id() + ".json"), text);
            audit.record(USER, "federation.task.pending", task.id(), "awaits an administrator's approval");
            LOG.info("federated task {} ({} on '{}' for {}) awaits approval", task.id(), task.analysis(), task.cohort(),
                    task.coordinator());
            return;
        }
        answer(task, compute(task), USER);
    }

    private boolean expired(Messages.Task task) {
        if (clock.instant().isAfter(task.deadline())) {
            audit.record(USER, "federation.task.expired", task.id(), "its deadline " + task.deadline()
                    + " had passed; nothing was computed or released");
            LOG.info("federated task {} arrived after its deadline {}: not answered", task.id(), task.deadline());
            return true;
        }
        return false;
    }

    /** The tasks awaiting approval, oldest first. */
    List<PendingTask> pendingTasks() {
        List<PendingTask> out = new ArrayList<>();
        if (!Files.isDirectory(pending)) {
            return out;
        }
        try (var files = Files.list(pending)) {
            List<Path> list = files.filter(p -> p.toString().endsWith(".json"))
                    .sorted(Comparator.comparing(Site::modified)).toList();
            for (Path p : list) {
                Messages.Task t = Messages.readTask(Files.readString(p));
                out.add(new PendingTask(t.id(), t.coordinator(), t.analysis(), t.cohort(), t.parameters(),
                        releases(t), Instant.ofEpochMilli(modified(p)).toString(), t.deadline().toString()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    /** In words, what a task would release. */
    private static String releases(Messages.Task t) {
        if (t.analysis().equals(CoxSiteSession.ANALYSIS)) {
            try {
                CoxSiteSession.Request r = CoxSiteSession.Request.of(t.parameters());
                return "the number of patients and events of a Cox model of " + r.endpoint() + " on " + r.covariates()
                        + " (" + r.ties().name().toLowerCase(java.util.Locale.ROOT) + " ties), its term names and"
                        + " reference levels; then at each Newton step of the coordinator the site's log partial"
                        + " likelihood, score and information at the coefficients sent (sums over its risk sets)";
            } catch (InvalidParameterException e) {
                return "nothing: " + e.getMessage();
            }
        }
        try {
            Plan plan = Plan.of(t.analysis(), t.parameters());
            return (plan.endpoint() == null ? "counts of patients per combination of "
                    : "counts of " + plan.endpoint() + " events and censorings per distinct time and combination of ")
                    + plan.columns().stream().map(c -> c.classed() ? c.name() + " (< or >= " + c.cutoff() + ")" : c.name())
                            .toList()
                    + ", and the number of patients without the endpoint by which of these they miss";
        } catch (InvalidParameterException e) {
            return "nothing: " + e.getMessage();
        }
    }

    /** Approves a pending task: computes and answers; the answer's status. */
    String approve(String taskId, String user) {
        Messages.Task task = takePending(taskId);
        audit.record(user, "federation.task.approved", task.id(), task.analysis() + " on cohort '" + task.cohort() + "'");
        if (expired(task)) {
            return "expired";
        }
        Messages.Answer a = compute(task);
        answer(task, a, user);
        return a.status();
    }

    /** Refuses a pending task with the administrator's reason. */
    void refuse(String taskId, String reason, String user) {
        Messages.Task task = takePending(taskId);
        String why = "refused by the site's administrator" + (reason == null || reason.isBlank() ? "" : ": " + reason);
        answer(task, refusal(task, why), user);
    }

    private Messages.Task takePending(String taskId) {
        if (!taskId.matches("[A-Za-z0-9-]{1,64}")) {
            throw new NoSuchElementException("no pending task '" + taskId + "'");
        }
        Path p = pending.resolve(taskId + ".json");
        try {
            String text = Files.readString(p);
            Files.delete(p);
            return Messages.readTask(text);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new NoSuchElementException("no pending task '" + taskId + "'");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Messages.Answer refusal(Messages.Task task, String reason) {
        return new Messages.Answer(task.id(), task.run(), settings.id(), Messages.Answer.REFUSED, reason, null, null, 0, null);
    }

    /** The answer to a task: the counts if the rules allow them, else a refusal that says why. */
    Messages.Answer compute(Messages.Task task) {
        if (!settings.analyses().contains(task.analysis())) {
            return refusal(task, "this site does not answer analysis '" + task.analysis() + "'; it answers "
                    + settings.analyses().stream().sorted().toList());
        }
        AnalysisDescriptor plugin = analyses.list().stream().filter(d -> d.id().equals(task.analysis())).findFirst()
                .orElse(null);
        if (plugin == null) {
            return refusal(task, "analysis '" + task.analysis() + "' is not installed at this site");
        }
        if (task.analysis().equals(CoxSiteSession.ANALYSIS)) {
            return openCox(task, plugin);
        }
        Plan plan;
        try {
            plan = Plan.of(task.analysis(), task.parameters());
        } catch (InvalidParameterException e) {
            return refusal(task, e.getMessage());
        }
        CohortSummary latest = latest(task.cohort());
        if (latest == null) {
            return refusal(task, "this site has no cohort named '" + task.cohort() + "'");
        }
        CohortView cohort = cohorts.find(latest.id()).orElse(null);
        if (cohort == null) {
            return refusal(task, "cohort '" + task.cohort() + "' was deleted meanwhile");
        }
        SiteCounts counts;
        try {
            counts = SiteCounts.of(cohort, plan);
        } catch (IllegalArgumentException e) {
            return new Messages.Answer(task.id(), task.run(), settings.id(), Messages.Answer.REFUSED,
                    "cohort '" + task.cohort() + "': " + e.getMessage(), plugin.version(), latest.checksum(), 0, null);
        }
        if (plan.endpoint() == null) {
            // counts of patients, no endpoint: every combination of levels released is a cell
            int smallest = counts.smallestGroup();
            if (smallest == 0) {
                return new Messages.Answer(task.id(), task.run(), settings.id(), Messages.Answer.REFUSED,
                        "cohort '" + task.cohort() + "' has no patients", plugin.version(), latest.checksum(), 0, null);
            }
            if (smallest < settings.minCellSize()) {
                return new Messages.Answer(task.id(), task.run(), settings.id(), Messages.Answer.REFUSED,
                        "the smallest cell (the patients of one combination of " + plan.columns().stream()
                                .map(Plan.PlanColumn::name).toList() + ") is " + smallest + ", below this site's minimum"
                                + " cell size of " + settings.minCellSize() + "; nothing was released",
                        plugin.version(), latest.checksum(), 0, null);
            }
            return new Messages.Answer(task.id(), task.run(), settings.id(), Messages.Answer.RELEASED, null,
                    plugin.version(), latest.checksum(), counts.rowsUsed(), counts);
        }
        int smallest = counts.table().smallestEventCell();
        if (counts.table().rows().isEmpty() || smallest == 0) {
            return new Messages.Answer(task.id(), task.run(), settings.id(), Messages.Answer.REFUSED,
                    "cohort '" + task.cohort() + "' has no patient with an event of " + plan.endpoint(), plugin.version(),
                    latest.checksum(), 0, null);
        }
        if (smallest < settings.minCellSize()) {
            return new Messages.Answer(task.id(), task.run(), settings.id(), Messages.Answer.REFUSED,
                    "the smallest cell (an event count or a number at risk at an event time) is " + smallest
                            + ", below this site's minimum cell size of " + settings.minCellSize()
                            + "; nothing was released",
                    plugin.version(), latest.checksum(), 0, null);
        }
        return new Messages.Answer(task.id(), task.run(), settings.id(), Messages.Answer.RELEASED, null, plugin.version(),
                latest.checksum(), counts.rowsUsed(), counts);
    }

    /** The cohort a task names: its latest version, or null. */
    private CohortSummary latest(String name) {
        return cohorts.list().stream().filter(c -> c.name().equals(name))
                .max(Comparator.comparingInt(CohortSummary::version)).orElse(null);
    }

    /**
     * Opens the site's part of a multi-centre Cox model: builds it and answers with its size and
     * terms, unless it has fewer patients or events than the site's minimum cell size.
     */
    private Messages.Answer openCox(Messages.Task task, AnalysisDescriptor plugin) {
        CoxSiteSession.Request request;
        try {
            request = CoxSiteSession.Request.of(task.parameters());
        } catch (InvalidParameterException e) {
            return refusal(task, e.getMessage());
        }
        CohortSummary latest = latest(task.cohort());
        CohortView cohort = latest == null ? null : cohorts.find(latest.id()).orElse(null);
        if (cohort == null) {
            return refusal(task, "this site has no cohort named '" + task.cohort() + "'");
        }
        CoxSiteSession session;
        try {
            session = CoxSiteSession.open(task, cohort, request);
        } catch (AnalysisException | IllegalArgumentException e) {
            return new Messages.Answer(task.id(), task.run(), settings.id(), Messages.Answer.REFUSED,
                    "cohort '" + task.cohort() + "': " + e.getMessage(), plugin.version(), latest.checksum(), 0, null);
        }
        if (session.events() == 0) {
            return new Messages.Answer(task.id(), task.run(), settings.id(), Messages.Answer.REFUSED,
                    "cohort '" + task.cohort() + "' has no patient with an event of " + request.endpoint()
                            + " and every covariate", plugin.version(), latest.checksum(), 0, null);
        }
        if (Math.min(session.events(), session.n()) < settings.minCellSize()) {
            return new Messages.Answer(task.id(), task.run(), settings.id(), Messages.Answer.REFUSED,
                    "the model has " + session.n() + " patients with " + session.events() + " events, below this site's"
                            + " minimum cell size of " + settings.minCellSize() + "; nothing was released",
                    plugin.version(), latest.checksum(), 0, null);
        }
        sessions.put(task.run(), session);
        return new Messages.Answer(task.id(), task.run(), settings.id(), Messages.Answer.RELEASED, null, plugin.version(),
                latest.checksum(), session.n(), null, session.describe(), null);
    }

    /** A Newton step of a run whose Cox model this site opened: its sums at the task's coefficients. */
    private Messages.Answer step(Messages.Task task) {
        CoxSiteSession session = sessions.get(task.run());
        if (!task.site().equals(settings.id())) {
            return refusal(task, "the task is for site '" + task.site() + "', this is site '" + settings.id() + "'");
        }
        if (session == null) {
            return new Messages.Answer(task.id(), task.run(), settings.id(), Messages.Answer.FAILED,
                    "this site has no Cox model open for run " + task.run() + " (never opened, past its deadline, or the"
                            + " site restarted since)", null, null, 0, null);
        }
        if (!session.coordinator().equals(task.coordinator())) {
            return refusal(task, "run " + task.run() + " was opened by coordinator '" + session.coordinator() + "', not '"
                    + task.coordinator() + "'");
        }
        try {
            return new Messages.Answer(task.id(), task.run(), settings.id(), Messages.Answer.RELEASED, null, null, null,
                    session.n(), null, null, session.at(task.beta()));
        } catch (IllegalArgumentException e) {
            return new Messages.Answer(task.id(), task.run(), settings.id(), Messages.Answer.FAILED, e.getMessage(), null,
                    null, 0, null);
        }
    }

    /** Sends the answer, keeping and auditing what left the site. */
    private void answer(Messages.Task task, Messages.Answer a, String user) {
        String text = Messages.write(a);
        if (a.status().equals(Messages.Answer.RELEASED) && a.counts() == null) {
            Path file = released.resolve(task.id() + ".json");
            write(file, text);
            String what = a.model() != null
                    ? "a Cox model of " + a.model().get("n") + " patients with " + a.model().get("events")
                            + " events, terms " + a.model().get("terms") + ", opened for the run's Newton steps"
                    : "Newton step " + sessions.get(task.run()).steps() + " of run " + task.run()
                            + ": log partial likelihood, score and information of " + task.beta().length
                            + " terms at the coefficients sent";
            audit.record(user, "federation.released", task.id(), task.analysis() + " on cohort '" + task.cohort()
                    + "'" + (a.cohortChecksum() == null ? "" : " (checksum " + a.cohortChecksum() + ")") + " to "
                    + task.coordinator() + ": " + what + "; " + text.length() + " bytes, SHA-256 " + sha256(text)
                    + ", kept in data/federation/site/released/" + file.getFileName());
        } else if (a.status().equals(Messages.Answer.RELEASED)) {
            Path file = released.resolve(task.id() + ".json");
            write(file, text);
            EventTableSize size = new EventTableSize(a.counts());
            audit.record(user, "federation.released", task.id(), task.analysis() + " on cohort '" + task.cohort()
                    + "' (checksum " + a.cohortChecksum() + ") to " + task.coordinator() + ": " + size.rows
                    + " rows of counts (" + size.groups + " groups, " + size.times + " distinct times) of " + a.rowsUsed()
                    + " patients used, smallest cell " + smallestCell(a.counts()) + ", "
                    + size.excluded + " patients without the endpoint; " + text.length() + " bytes, SHA-256 "
                    + sha256(text) + ", kept in data/federation/site/released/" + file.getFileName());
        } else {
            audit.record(user, "federation.refused", task.id(), task.analysis() + " on cohort '" + task.cohort() + "' for "
                    + task.coordinator() + ": " + a.reason() + "; nothing was released");
        }
        send.accept(task.replyTo(), text);
        LOG.info("federated task {} ({} on '{}' for {}): {}", task.id(), task.analysis(), task.cohort(),
                task.coordinator(), a.status() + (a.reason() == null ? "" : " (" + a.reason() + ")"));
    }

    /** The smallest cell of released counts: of the events, or for counts without events (short-term) of the patients. */
    private static int smallestCell(SiteCounts c) {
        int events = c.table().smallestEventCell();
        return events > 0 ? events : c.smallestGroup();
    }

    /** The shape of released counts, for the audit. */
    private static final class EventTableSize {
        final int rows;
        final long groups;
        final long times;
        final int excluded;

        EventTableSize(SiteCounts c) {
            rows = c.table().rows().size();
            groups = c.table().rows().stream().map(r -> r.group()).distinct().count();
            times = c.table().rows().stream().mapToDouble(r -> r.time()).distinct().count();
            excluded = c.excluded().values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, text);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The site's id. */
    String id() {
        return settings.id();
    }
}
