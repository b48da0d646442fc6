package org.hepatica.analysis;

import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.hepatica.cohort.CohortView;
import org.osgi.annotation.versioning.ProviderType;

/** Lists the active analyses, runs them and serves stored results. */
@ProviderType
public interface AnalysisService {

    /** Exactly the analyses active now, sorted by id. */
    List<AnalysisDescriptor> list();

    /**
     * Runs an analysis on a stored cohort and stores the result with its provenance.
     *
     * @param cohortId   the cohort
     * @param analysisId the analysis
     * @param parameters the request's parameters (JSON values)
     * @param user       who runs it, for the audit trail
     * @throws NoSuchElementException when the cohort or the analysis does not exist
     * @throws InvalidParameterException naming the parameter that is wrong
     * @throws AnalysisException when the analysis cannot be computed
     */
    StoredResult run(String cohortId, String analysisId, Map<String, Object> parameters, String user)
            throws AnalysisException;

    /** A stored result. */
    Optional<StoredResult> result(String id);

    /**
     * The figure of a stored result, drawn by the plugin of its analysis from the stored result.
     *
     * @return the figure, or empty when the result has none (its analysis draws no figure, or not
     *         for this result)
     * @throws NoSuchElementException when there is no such result, or its analysis's plugin is not
     *         installed now (the message says which)
     */
    Optional<org.hepatica.figure.Figure> figure(String resultId, FigureRequest request);

    /**
     * The publication table of a stored result, built by the plugin of its analysis (a
     * {@link TableSource}) from the stored result.
     *
     * @return the table, or empty when the result has none (its analysis builds no table, or not
     *         for this result)
     * @throws NoSuchElementException when there is no such result, or its analysis's plugin is not
     *         installed now (the message says which)
     * @since 1.3
     */
    Optional<ResultTable> table(String resultId);

    /**
     * Runs an analysis on records that are not a stored cohort (a multi-centre analysis expands the
     * sites' pooled counts into them) and stores the result with its provenance, under the id of
     * {@code pooled.summary()}; {@code additions} are added to the analysis's output (such as the
     * sites that took part), never replacing one of its fields.
     *
     * @throws NoSuchElementException when the analysis does not exist
     * @throws InvalidParameterException naming the parameter that is wrong
     * @throws AnalysisException when the analysis cannot be computed
     * @since 1.4
     */
    StoredResult runPooled(CohortView pooled, String analysisId, Map<String, Object> parameters,
            Map<String, Object> additions, String user) throws AnalysisException;

    /**
     * Stores a result that the analysis's plugin did not compute from records: a multi-centre Cox
     * model fitted by Newton rounds over the sites' sums, say. {@code output} has the fields the
     * plugin's own result has, so that the plugin draws its figure from it; the provenance names
     * the plugin active now and {@code records} (id and checksum), and the parameters are checked
     * against the plugin's as for a run.
     *
     * @param records    what the result was computed from (for a multi-centre run: the run's id and
     *                   the checksum of the sites' checksums)
     * @param analysisId the analysis whose result it is
     * @param parameters the request's parameters
     * @param output     the result's fields
     * @param user       who ran it, for the audit trail
     * @throws NoSuchElementException when the analysis does not exist
     * @throws InvalidParameterException naming the parameter that is wrong
     * @since 1.5
     */
    StoredResult storeComputed(org.hepatica.cohort.CohortSummary records, String analysisId,
            Map<String, Object> parameters, Map<String, Object> output, String user) throws AnalysisException;
}
