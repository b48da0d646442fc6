package org.hepatica.platform.internal.csv;

/** The input cannot be read as CSV from {@link #line()} on. */
public final class CsvFormatException extends Exception {
    private static final long serialVersionUID = 1L;
    private final long line;

    public CsvFormatException(long line, String message) {
        super(message);
        this.line = line;
    }

    public long line() {
        return line;
    }
}
