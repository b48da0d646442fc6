package org.hepatica.analysis;

/** The JSON shape a parameter takes. */
public enum ParameterType {
    /** A JSON string. */
    STRING,
    /** A JSON number. */
    NUMBER,
    /** A JSON integer. */
    INTEGER,
    /** true or false. */
    BOOLEAN,
    /** An array of strings. */
    STRING_LIST,
    /** An array of numbers. */
    NUMBER_LIST,
    /** An object whose values are strings. */
    STRING_MAP;

    /** The name used in the HTTP API, e.g. {@code string-list}. */
    public String apiName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
