package org.hepatica.cohort;

import java.time.Instant;

/**
 * A stored cohort in a listing.
 *
 * @param id         stable identifier
 * @param name       the name given at import
 * @param version    1 for the first cohort of that name, then 2, 3, ...
 * @param checksum   SHA-256 of the imported bytes, lower-case hex
 * @param patients   number of accepted rows
 * @param importedAt when it was stored
 */
public record CohortSummary(String id, String name, int version, String checksum, int patients, Instant importedAt) {
}
