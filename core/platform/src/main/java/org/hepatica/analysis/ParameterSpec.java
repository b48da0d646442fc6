package org.hepatica.analysis;

/**
 * A parameter an analysis declares.
 *
 * @param name         the name in the request body
 * @param type         its JSON shape
 * @param required     whether a request must give it
 * @param defaultValue the value used when the request omits it (String, Number, Boolean, List or
 *                     Map as {@code type} says), or null
 * @param description  what it means, with its allowed values
 */
public record ParameterSpec(String name, ParameterType type, boolean required, Object defaultValue,
        String description) {

    /** An optional parameter with a default. */
    public static ParameterSpec optional(String name, ParameterType type, Object defaultValue, String description) {
        return new ParameterSpec(name, type, false, defaultValue, description);
    }

    /** A required parameter. */
    public static ParameterSpec required(String name, ParameterType type, String description) {
        return new ParameterSpec(name, type, true, null, description);
    }
}
