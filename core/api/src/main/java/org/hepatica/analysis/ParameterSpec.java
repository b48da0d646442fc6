package org.hepatica.analysis;

import java.util.List;

/**
 * A parameter an analysis declares.
 *
 * @param name         the name in the request body
 * @param type         its JSON shape
 * @param required     whether a request must give it
 * @param defaultValue the value used when the request omits it (String, Number, Boolean, List or
 *                     Map as {@code type} says), or null
 * @param description  what it means
 * @param values       for a {@link ParameterType#STRING} or {@link ParameterType#STRING_LIST}
 *                     parameter, the values allowed (a choice; the platform refuses any other,
 *                     naming the parameter and listing these, and accepts them in any letter case,
 *                     passing the declared spelling to the analysis); empty for a free value
 */
public record ParameterSpec(String name, ParameterType type, boolean required, Object defaultValue,
        String description, List<String> values) {

    /** Copies the allowed values; a choice is only possible for string parameters. */
    public ParameterSpec {
        values = values == null ? List.of() : List.copyOf(values);
        if (!values.isEmpty() && type != ParameterType.STRING && type != ParameterType.STRING_LIST) {
            throw new IllegalArgumentException("parameter '" + name + "': only string parameters can be a choice");
        }
    }

    /** A parameter with a free value. */
    public ParameterSpec(String name, ParameterType type, boolean required, Object defaultValue, String description) {
        this(name, type, required, defaultValue, description, List.of());
    }

    /** An optional parameter with a default. */
    public static ParameterSpec optional(String name, ParameterType type, Object defaultValue, String description) {
        return new ParameterSpec(name, type, false, defaultValue, description);
    }

    /** A required parameter. */
    public static ParameterSpec required(String name, ParameterType type, String description) {
        return new ParameterSpec(name, type, true, null, description);
    }

    /**
     * An optional string parameter that takes one of {@code values}, {@code defaultValue} when
     * the request omits it.
     */
    public static ParameterSpec choice(String name, String defaultValue, String description, String... values) {
        if (defaultValue != null && !List.of(values).contains(defaultValue)) {
            throw new IllegalArgumentException("parameter '" + name + "': default '" + defaultValue
                    + "' is not one of " + List.of(values));
        }
        return new ParameterSpec(name, ParameterType.STRING, false, defaultValue, description, List.of(values));
    }

    /** An optional array of strings, each one of {@code values}. */
    public static ParameterSpec choices(String name, List<String> defaultValue, String description, String... values) {
        return new ParameterSpec(name, ParameterType.STRING_LIST, false, defaultValue, description, List.of(values));
    }

    /** Whether the parameter takes one of declared values. */
    public boolean isChoice() {
        return !values.isEmpty();
    }
}
