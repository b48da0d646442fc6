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
 * @param rejections    every problem of every refused row, with line, column and reason
 * @param rejectedRows  the refused rows' text as read, so nothing is lost
 */
public record ParsedCohort(CohortData data, long rowsRead, long rowsRejected, List<Rejection> rejections,
        List<String> rejectedRows) {
}
