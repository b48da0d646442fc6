package org.hepatica.cohort;

/**
 * Why an input row, or the whole input, could not be accepted.
 *
 * @param line   1-based physical line where the record starts (0 when the problem is the whole input)
 * @param column the column concerned, or null when the problem is the row or the file
 * @param reason what is wrong, in words a data manager can act on
 */
public record Rejection(long line, String column, String reason) {
}
