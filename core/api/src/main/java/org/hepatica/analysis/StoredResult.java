package org.hepatica.analysis;

import java.util.Map;

/**
 * A result as stored and served.
 *
 * @param id         result id
 * @param analysis   analysis id
 * @param cohort     cohort id
 * @param parameters the parameters used
 * @param result     the analysis output as a JSON tree (maps, lists, strings, numbers, booleans, null)
 * @param provenance where it came from
 */
public record StoredResult(String id, String analysis, String cohort, Map<String, Object> parameters, Object result,
        Provenance provenance) {
}
