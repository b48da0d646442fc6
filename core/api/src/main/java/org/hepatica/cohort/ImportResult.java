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
 * @param rowsRejected  rows refused
 * @param rejections    the problems of the refused rows with line, column and reason: all of them, or the
 *                      first 1,000 when there are more (the cohort's rejection report has every one)
 * @param created       false when the same bytes had been imported before and that cohort is returned
 * @param rejectionCount every problem found, listed or not
 */
public record ImportResult(String id, String name, int version, String checksum, long rowsRead, long rowsAccepted,
        long rowsRejected, List<Rejection> rejections, boolean created, long rejectionCount) {

    /** A result whose {@code rejections} are all its problems. */
    public ImportResult(String id, String name, int version, String checksum, long rowsRead, long rowsAccepted,
            long rowsRejected, List<Rejection> rejections, boolean created) {
        this(id, name, version, checksum, rowsRead, rowsAccepted, rowsRejected, rejections, created, rejections.size());
    }
}
