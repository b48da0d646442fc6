package org.hepatica.analysis;

import java.util.Optional;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Implemented, optionally, by an {@link Analysis} whose results have a publication table: the
 * platform serves it at {@code GET /results/{id}/table.csv} and puts it, as an HTML table, in the
 * result's report right after the figure. As with {@link FigureSource}, the table is built from the
 * stored result (the JSON tree of {@link StoredResult#result()}), never from the cohort, so results
 * stored by an earlier version of the plugin get one too.
 *
 * <p>Called on an HTTP request thread, possibly by several at once; it must be thread-safe and
 * deterministic and may not fetch anything.
 */
@ConsumerType
public interface TableSource {

    /**
     * The table of one of this analysis's results.
     *
     * @param result a result stored by this analysis (any version of it)
     * @return the table, or empty when this result has none
     */
    Optional<ResultTable> table(StoredResult result);
}
