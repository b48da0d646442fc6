package org.hepatica.cohort;

import java.util.List;

/**
 * An import that stored nothing: the input is not a readable cohort CSV, or no row is acceptable.
 * {@link #problems()} names every reason found (line, column, reason).
 */
public class CohortImportException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient List<Rejection> problems;
    private final long rowsRead;

    public CohortImportException(String message, long rowsRead, List<Rejection> problems) {
        super(message);
        this.rowsRead = rowsRead;
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, in input order. */
    public List<Rejection> problems() {
        return problems;
    }

    /** Data rows read before the import was refused. */
    public long rowsRead() {
        return rowsRead;
    }
}
