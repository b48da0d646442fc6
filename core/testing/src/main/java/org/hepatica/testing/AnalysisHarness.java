package org.hepatica.testing;

import java.time.Instant;
import java.util.Map;
import org.hepatica.analysis.Analysis;
import org.hepatica.analysis.AnalysisException;
import org.hepatica.analysis.AnalysisParameters;
import org.hepatica.analysis.InvalidParameterException;
import org.hepatica.analysis.Provenance;
import org.hepatica.analysis.StoredResult;
import org.hepatica.cohort.CohortView;
import org.hepatica.platform.internal.json.Json;
import org.hepatica.platform.internal.service.ParameterBinder;

/**
 * Runs an analysis outside OSGi the way the platform runs it for {@code POST /cohorts/{id}/analyses/{analysisId}}:
 * the request's parameters are checked against {@link Analysis#parameters()} by the platform's own
 * binder (unknown names, missing required ones, wrong JSON shapes and values outside a choice are
 * refused with an {@link InvalidParameterException} naming the parameter, the API's 400), defaults are
 * filled in, the analysis runs, and its output is turned into the JSON tree the platform stores and
 * serves (NaN and infinities as null, records by component name, enums in lower case).
 *
 * <p>Parameters are given as the JSON body would carry them: strings, numbers (any {@link Number}),
 * booleans, lists and maps.
 *
 * <pre>{@code
 * AnalysisHarness harness = AnalysisHarness.of(new RmstDifferenceAnalysis());
 * AnalysisRun run = harness.run(cohort, Map.of("tau", 730));
 * assertEquals(123.4, run.json().at("/difference/estimate").asDouble(), 1e-9);
 * }</pre>
 */
public final class AnalysisHarness {
    /** The bundle named in the provenance of a harness run; the platform names the plugin's bundle. */
    public static final String TEST_BUNDLE = "test";

    private final Analysis analysis;

    private AnalysisHarness(Analysis analysis) {
        this.analysis = analysis;
    }

    public static AnalysisHarness of(Analysis analysis) {
        return new AnalysisHarness(analysis);
    }

    /** The parameters as the platform binds them for a request, or the 400 it would answer. */
    public AnalysisParameters bind(Map<String, ?> request) throws InvalidParameterException {
        @SuppressWarnings("unchecked")
        Map<String, Object> given = (Map<String, Object>) request;
        return ParameterBinder.bind(analysis.parameters(), given);
    }

    /**
     * Runs the analysis on {@code cohort} with the request's parameters.
     *
     * @throws InvalidParameterException when the platform answers 400 (the parameters, or a value that does
     *         not fit the cohort, as the analysis says)
     * @throws AnalysisException when the platform answers 422: the analysis cannot be computed on this
     *         cohort; an {@link IllegalArgumentException} of the analysis (e.g. a column of the wrong type)
     *         becomes one, as in the platform
     */
    public AnalysisRun run(CohortView cohort, Map<String, ?> request) throws AnalysisException {
        AnalysisParameters bound = bind(request);
        Instant startedAt = Instant.now();
        long t0 = System.nanoTime();
        Object output;
        try {
            output = analysis.run(cohort, bound);
        } catch (IllegalArgumentException e) {
            throw new AnalysisException(analysis.id() + " cannot run on this cohort: " + e.getMessage(), e);
        }
        long durationMs = (System.nanoTime() - t0) / 1_000_000;
        Provenance provenance = new Provenance(analysis.id(), TEST_BUNDLE, "0.0.0", "test",
                cohort.summary().checksum(), bound.asMap(), startedAt, durationMs);
        // the round trip through JSON text is what a stored result goes through before a figure is drawn
        Object tree = Json.read(Json.write(Json.tree(output)), Object.class);
        StoredResult stored = new StoredResult("test-result", analysis.id(), cohort.summary().id(), bound.asMap(),
                tree, provenance);
        return new AnalysisRun(analysis, output, stored);
    }

    /** Runs the analysis with no parameters given (every default). */
    public AnalysisRun run(CohortView cohort) throws AnalysisException {
        return run(cohort, Map.of());
    }
}
