package org.hepatica.analysis;

/** A parameter whose value is not acceptable; {@link #parameter()} names it. */
public class InvalidParameterException extends AnalysisException {
    private static final long serialVersionUID = 1L;

    private final String parameter;

    public InvalidParameterException(String parameter, String reason) {
        super("parameter '" + parameter + "': " + reason);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
