package org.hepatica.analysis;

/** An analysis that cannot be computed on the given cohort; the message says why. */
public class AnalysisException extends Exception {
    private static final long serialVersionUID = 1L;

    public AnalysisException(String message) {
        super(message);
    }

    public AnalysisException(String message, Throwable cause) {
        super(message, cause);
    }
}
