package org.hepatica.cohort;

import java.util.List;

/**
 * The outcome of an import that stored (or found) a cohort.
 *
 * @param id            the cohort's id
 * @param name          its name
 * @param version       its version within the name
 * @param checksum      SHA-256 of the imported bytes
 * @param rowsRead      data rows read
 * @param rowsAccepted  rows stored as patients
 * @param rowsRejected  rows refused, each listed in {@code rejections}
 * @param rejections    every refused row with line, column and reason
 * @param created       false when the same bytes had been imported before and that cohort is returned
 */
public record ImportResult(String id, String name, int version, String checksum, long rowsRead, long rowsAccepted,
        long rowsRejected, List<Rejection> rejections, boolean created) {
}
