package org.hepatica.platform.internal.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListMap;
import org.hepatica.analysis.Analysis;
import org.hepatica.analysis.AnalysisDescriptor;
import org.hepatica.analysis.AnalysisException;
import org.hepatica.analysis.AnalysisParameters;
import org.hepatica.analysis.AnalysisService;
import org.hepatica.analysis.FigureRequest;
import org.hepatica.analysis.FigureSource;
import org.hepatica.analysis.InvalidParameterException;
import org.hepatica.analysis.Provenance;
import org.hepatica.analysis.ResultTable;
import org.hepatica.analysis.StoredResult;
import org.hepatica.analysis.TableSource;
import org.hepatica.cohort.CohortView;
import org.hepatica.figure.Figure;
import org.hepatica.platform.internal.ErrorIds;
import org.hepatica.platform.internal.json.Json;
import org.hepatica.platform.internal.store.PlatformStore;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tracks the analysis plugins (whiteboard, MULTIPLE/DYNAMIC): a plugin that appears is runnable at
 * once, one that leaves is gone at once. A run takes the plugin instance when it starts and
 * completes on it even if the plugin leaves meanwhile. Every result is stored with its provenance.
 */
@Component(service = AnalysisService.class)
public final class DefaultAnalysisService implements AnalysisService {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultAnalysisService.class);

    /** A registered plugin with the bundle that provides it. */
    private record Plugin(Analysis analysis, ServiceReference<Analysis> reference, String bundle, String version) {
    }

    private final PlatformStore store;
    private final org.hepatica.cohort.CohortService cohorts;
    private final String platformVersion;
    /** Registered plugins by service reference (ordered by ranking), so a run sees a consistent view. */
    private final ConcurrentSkipListMap<ServiceReference<Analysis>, Plugin> plugins =
            new ConcurrentSkipListMap<>(Comparator.reverseOrder());

    @Activate
    public DefaultAnalysisService(@Reference PlatformStore store, @Reference org.hepatica.cohort.CohortService cohorts,
            org.osgi.framework.BundleContext context) {
        this.store = store;
        this.cohorts = cohorts;
        this.platformVersion = PlatformVersion.of(context.getBundle());
    }

    @Reference(service = Analysis.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addAnalysis(Analysis analysis, ServiceReference<Analysis> reference) {
        Bundle b = reference.getBundle();
        Plugin p = new Plugin(analysis, reference, b == null ? "unknown" : b.getSymbolicName(),
                b == null ? "0" : b.getVersion().toString());
        plugins.put(reference, p);
        LOG.info("analysis '{}' available from {} {}", analysis.id(), p.bundle(), p.version());
    }

    void removeAnalysis(Analysis analysis, ServiceReference<Analysis> reference) {
        Plugin p = plugins.remove(reference);
        if (p != null) {
            LOG.info("analysis '{}' from {} {} removed", analysis.id(), p.bundle(), p.version());
        }
    }

    /** The active plugin for an id: the highest-ranked (then oldest) service that claims it. */
    private Optional<Plugin> plugin(String id) {
        for (Plugin p : plugins.values()) {
            if (p.analysis().id().equals(id)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    @Override
    public List<AnalysisDescriptor> list() {
        List<AnalysisDescriptor> out = new ArrayList<>();
        for (Plugin p : plugins.values()) {
            Analysis a = p.analysis();
            if (out.stream().noneMatch(d -> d.id().equals(a.id()))) {
                out.add(new AnalysisDescriptor(a.id(), a.name(), a.description(), p.version(), p.bundle(),
                        a.parameters()));
            }
        }
        out.sort(Comparator.comparing(AnalysisDescriptor::id));
        return out;
    }

    @Override
    public StoredResult run(String cohortId, String analysisId, Map<String, Object> parameters, String user)
            throws AnalysisException {
        Plugin plugin = plugin(analysisId)
                .orElseThrow(() -> new NoSuchElementException("no active analysis '" + analysisId + "'"));
        CohortView cohort = cohorts.find(cohortId)
                .orElseThrow(() -> new NoSuchElementException("no cohort '" + cohortId + "'"));
        try {
            return run(plugin, cohort, parameters, Map.of(), cohortId, user);
        } catch (AnalysisException e) {
            audit(user, analysisId, cohortId, (e instanceof InvalidParameterException ? "invalid parameter: "
                    : "failed: ") + e.getMessage());
            throw e;
        } catch (RuntimeException e) {
            String errorId = ErrorIds.next();
            LOG.error("error {}: analysis '{}' on cohort {} by {} failed", errorId, analysisId, cohortId, user, e);
            audit(user, analysisId, cohortId, "the platform failed; error id " + errorId + " in data/log/hepatica.log");
            throw e;
        }
    }

    @Override
    public StoredResult runPooled(CohortView pooled, String analysisId, Map<String, Object> parameters,
            Map<String, Object> additions, String user) throws AnalysisException {
        Plugin plugin = plugin(analysisId)
                .orElseThrow(() -> new NoSuchElementException("no active analysis '" + analysisId + "'"));
        try {
            return run(plugin, pooled, parameters, additions, null, user);
        } catch (AnalysisException e) {
            audit(user, analysisId, pooled.summary().id(), (e instanceof InvalidParameterException
                    ? "invalid parameter: " : "failed: ") + e.getMessage());
            throw e;
        }
    }

    /** Audits a run that gave no result; a trail that cannot be written is logged, the run's outcome stands. */
    private void audit(String user, String analysisId, String cohortId, String outcome) {
        try {
            store.audit(user, "analysis.failed", analysisId, analysisId + " on cohort " + cohortId + ": " + outcome);
        } catch (RuntimeException e) {
            LOG.error("cannot audit the failed run of '{}' on cohort {} by {}", analysisId, cohortId, user, e);
        }
    }

    /**
     * Runs and stores; {@code storedCohort} is the stored cohort the result belongs to (deleted with
     * it), null for pooled records.
     */
    private StoredResult run(Plugin plugin, CohortView cohort, Map<String, Object> parameters,
            Map<String, Object> additions, String storedCohort, String user) throws AnalysisException {
        String analysisId = plugin.analysis().id();
        String cohortId = cohort.summary().id();
        Analysis analysis = plugin.analysis();
        AnalysisParameters bound = ParameterBinder.bind(analysis.parameters(), parameters);
        Instant startedAt = Instant.now();
        long t0 = System.nanoTime();
        Object output;
        try {
            output = analysis.run(cohort, bound);
        } catch (AnalysisException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new AnalysisException(analysisId + " cannot run on this cohort: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            String errorId = ErrorIds.next();
            LOG.error("error {}: analysis '{}' from {} {} failed on cohort {}", errorId, analysisId, plugin.bundle(),
                    plugin.version(), cohortId, e);
            throw new AnalysisException("analysis '" + analysisId + "' failed on this cohort; the administrator finds"
                    + " what happened under error id " + errorId + " in data/log/hepatica.log", e);
        }
        long durationMs = (System.nanoTime() - t0) / 1_000_000;
        return store(plugin, cohort.summary(), bound, output, additions, storedCohort, startedAt, durationMs, user);
    }

    @Override
    public StoredResult storeComputed(org.hepatica.cohort.CohortSummary records, String analysisId,
            Map<String, Object> parameters, Map<String, Object> output, String user) throws AnalysisException {
        Plugin plugin = plugin(analysisId)
                .orElseThrow(() -> new NoSuchElementException("no active analysis '" + analysisId + "'"));
        AnalysisParameters bound = ParameterBinder.bind(plugin.analysis().parameters(), parameters);
        return store(plugin, records, bound, output, Map.of(), null, Instant.now(), 0, user);
    }

    /** Stores an output with its provenance and keeps its figure. */
    private StoredResult store(Plugin plugin, org.hepatica.cohort.CohortSummary records, AnalysisParameters bound,
            Object output, Map<String, Object> additions, String storedCohort, Instant startedAt, long durationMs,
            String user) throws AnalysisException {
        String analysisId = plugin.analysis().id();
        String cohortId = records.id();
        Provenance provenance = new Provenance(analysisId, plugin.bundle(), plugin.version(), platformVersion,
                records.checksum(), bound.asMap(), startedAt, durationMs);
        Object tree = Json.tree(output);
        if (!additions.isEmpty()) {
            if (!(tree instanceof Map<?, ?> fields)) {
                throw new AnalysisException("analysis '" + analysisId + "' gives no fields to add the pooled run's to");
            }
            Map<String, Object> merged = new java.util.LinkedHashMap<>();
            fields.forEach((k, v) -> merged.put(String.valueOf(k), v));
            for (Map.Entry<String, Object> e : additions.entrySet()) {
                if (merged.containsKey(e.getKey())) {
                    throw new IllegalStateException("analysis '" + analysisId + "' has a field '" + e.getKey()
                            + "' of its own");
                }
                merged.put(e.getKey(), Json.tree(e.getValue()));
            }
            tree = merged;
        }
        StoredResult result = new StoredResult(UUID.randomUUID().toString(), analysisId, cohortId, bound.asMap(),
                tree, provenance);
        store.insertResult(result.id(), storedCohort, analysisId, startedAt, Json.write(result), user);
        keepFigure(plugin, result);
        LOG.info("analysis '{}' ({} {}) on cohort {} by {}: result {} in {} ms", analysisId, plugin.bundle(),
                plugin.version(), cohortId, user, result.id(), durationMs);
        return result;
    }

    @Override
    public Optional<StoredResult> result(String id) {
        return store.resultJson(id).map(json -> Json.read(json, StoredResult.class));
    }

    /**
     * Draws the result's figure as it is shown by default and keeps it with the result, so that the
     * figure stays available once the plugin is gone. A figure that fails leaves the result as it is.
     */
    private void keepFigure(Plugin plugin, StoredResult result) {
        if (!(plugin.analysis() instanceof FigureSource source)) {
            return;
        }
        try {
            source.figure(result, FigureRequest.DEFAULT).ifPresent(f -> store.storeFigure(result.id(), Json.write(f)));
        } catch (RuntimeException e) {
            LOG.warn("the figure of result {} ('{}' from {} {}) could not be drawn; it is drawn on request", result.id(),
                    result.analysis(), plugin.bundle(), plugin.version(), e);
        }
    }

    @Override
    public Optional<Figure> figure(String resultId, FigureRequest request) {
        StoredResult result = result(resultId).orElseThrow(() -> new NoSuchElementException("no result '" + resultId + "'"));
        Optional<Plugin> active = plugin(result.analysis());
        if (active.isEmpty()) {
            // the plugin is gone: the figure kept when the result was stored, as it was drawn then
            Optional<String> kept = store.figureJson(resultId);
            if (kept.isPresent() && request.equals(FigureRequest.DEFAULT)) {
                return Optional.of(Json.read(kept.get(), Figure.class));
            }
            throw new NoSuchElementException("the figure of result '" + resultId + "' is drawn by the plugin of analysis '"
                    + result.analysis() + "', which is not installed now" + (kept.isPresent()
                            ? "; the figure kept with the result is served without display parameters" : ""));
        }
        Plugin plugin = active.get();
        if (!(plugin.analysis() instanceof FigureSource source)) {
            return Optional.empty();
        }
        try {
            return source.figure(result, request);
        } catch (RuntimeException e) {
            String errorId = ErrorIds.next();
            LOG.error("error {}: the figure of result {} ('{}' from {} {}) failed", errorId, resultId,
                    result.analysis(), plugin.bundle(), plugin.version(), e);
            throw new IllegalStateException("the figure of result '" + resultId + "' could not be drawn; the"
                    + " administrator finds what happened under error id " + errorId + " in data/log/hepatica.log", e);
        }
    }

    @Override
    public Optional<ResultTable> table(String resultId) {
        StoredResult result = result(resultId).orElseThrow(() -> new NoSuchElementException("no result '" + resultId + "'"));
        Plugin plugin = plugin(result.analysis()).orElseThrow(() -> new NoSuchElementException("the table of result '"
                + resultId + "' is built by the plugin of analysis '" + result.analysis() + "', which is not installed now"));
        if (!(plugin.analysis() instanceof TableSource source)) {
            return Optional.empty();
        }
        try {
            return source.table(result);
        } catch (RuntimeException e) {
            String errorId = ErrorIds.next();
            LOG.error("error {}: the table of result {} ('{}' from {} {}) failed", errorId, resultId,
                    result.analysis(), plugin.bundle(), plugin.version(), e);
            throw new IllegalStateException("the table of result '" + resultId + "' could not be built; the"
                    + " administrator finds what happened under error id " + errorId + " in data/log/hepatica.log", e);
        }
    }
}
