package org.hepatica.analysis;

import java.util.Optional;
import org.hepatica.figure.Figure;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Implemented, optionally, by an {@link Analysis} whose results have a figure: the platform serves
 * it at {@code GET /results/{id}/plot.svg} and puts it in the result's report. The figure is drawn
 * from the stored result (the JSON tree of {@link StoredResult#result()}), never from the cohort, so
 * results stored by an earlier version of the plugin get one too; a plugin reads the fields it knows
 * and draws what they hold. The drawing itself comes from {@code org.hepatica.figure}.
 *
 * <p>Called on an HTTP request thread, possibly by several at once; it must be thread-safe and
 * deterministic (the same result and request give the same SVG) and may not fetch anything.
 */
@ConsumerType
public interface FigureSource {

    /**
     * The figure of one of this analysis's results.
     *
     * @param result  a result stored by this analysis (any version of it)
     * @param request how the reader wants it drawn
     * @return the figure, or empty when this result has none (e.g. it holds no curve)
     */
    Optional<Figure> figure(StoredResult result, FigureRequest request);
}
