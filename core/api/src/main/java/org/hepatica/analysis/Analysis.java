package org.hepatica.analysis;

import java.util.List;
import org.hepatica.cohort.CohortView;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * An analysis the platform can run on a cohort. Institutions implement this interface.
 *
 * <h2>Registering</h2>
 * Register an instance as an OSGi service of this type, normally with
 * {@code @Component(service = Analysis.class)}. The platform tracks analyses dynamically: a service
 * that appears is listed and runnable at once; one that leaves is gone at once, while a run that
 * already started completes on the instance it started with. {@link #id()} must be unique among
 * the active analyses; when two services claim one id, the one with the higher service ranking
 * (then the older) wins.
 *
 * <h2>Threads</h2>
 * {@link #run} is called on an HTTP request thread, possibly by several threads at once, so an
 * implementation must be thread-safe; it should keep no state between runs.
 *
 * <h2>What an analysis may not do</h2>
 * It may not change the cohort (it receives copies), write files, open connections, or keep
 * references to the cohort after returning. It must be deterministic: the same cohort and
 * parameters give the same result, because results are cited in papers.
 */
@ConsumerType
public interface Analysis {

    /** The stable id used in URLs ({@code POST /cohorts/{id}/analyses/{analysisId}}), e.g. {@code km}. */
    String id();

    /** A short human-readable name. */
    String name();

    /** One or two sentences: what it computes and with which method. */
    String description();

    /** The parameters it accepts; the platform checks requests against them before {@link #run}. */
    List<ParameterSpec> parameters();

    /**
     * Runs the analysis.
     *
     * @param cohort     the cohort, read-only
     * @param parameters the request's parameters, checked against {@link #parameters()} with defaults filled in
     * @return a value that serializes to JSON: records, maps, lists, strings, numbers, booleans and
     *         null (never NaN or infinity)
     * @throws InvalidParameterException when a parameter value does not fit the cohort (e.g. an
     *         unknown column); the caller gets a 400 naming the parameter
     * @throws AnalysisException when the analysis cannot be computed on this cohort
     */
    Object run(CohortView cohort, AnalysisParameters parameters) throws AnalysisException;
}
