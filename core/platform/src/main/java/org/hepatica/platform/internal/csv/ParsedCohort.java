package org.hepatica.platform.internal.csv;

import java.util.List;
import org.hepatica.cohort.Rejection;
import org.hepatica.platform.internal.model.CohortData;

/**
 * What the parser made of an input.
 *
 * @param data          the accepted rows, column by column
 * @param rowsRead      data rows read (header excluded)
 * @param rowsRejected  rows refused
 * @param rejections    the first problems of the refused rows (at most 1,000), with line, column and reason
 * @param rejectedRows  the text of the first refused rows as read
 * @param rejectionCount every problem found; more than {@code rejections} holds when the report has the rest
 * @param report        a temporary CSV file ({@code line,column,reason}) with every problem when there are more
 *                      than {@code rejections} holds, else null; the caller stores it and deletes it
 */
public record ParsedCohort(CohortData data, long rowsRead, long rowsRejected, List<Rejection> rejections,
        List<String> rejectedRows, long rejectionCount, java.nio.file.Path report) {

    /** Every problem as a CSV report, when they all fit in {@link #rejections()}. */
    public byte[] smallReport() {
        return RejectionReport.csv(rejections);
    }

    /** A list of problems as the CSV report ({@code line,column,reason}). */
    public static byte[] csvReport(List<Rejection> problems) {
        return RejectionReport.csv(problems);
    }
}
