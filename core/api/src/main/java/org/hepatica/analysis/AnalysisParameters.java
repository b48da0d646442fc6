package org.hepatica.analysis;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The checked parameters of one run: every declared parameter with the request's value or its
 * default. Values have the Java type of their {@link ParameterType}: String, Double, Long, Boolean,
 * {@code List<String>}, {@code List<Double>}, {@code Map<String, String>}; absent optional
 * parameters without a default are null.
 */
@ProviderType
public final class AnalysisParameters {
    private final Map<String, Object> values;

    public AnalysisParameters(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Every parameter with its value, in declaration order. */
    public Map<String, Object> asMap() {
        return values;
    }

    public String string(String name) {
        return (String) values.get(name);
    }

    /** The number, or null when absent. */
    public Double number(String name) {
        Object v = values.get(name);
        return v == null ? null : ((Number) v).doubleValue();
    }

    /** The whole number of an {@link ParameterType#INTEGER} parameter, or null when absent. */
    public Long integer(String name) {
        Object v = values.get(name);
        return v == null ? null : ((Number) v).longValue();
    }

    public boolean flag(String name) {
        return Boolean.TRUE.equals(values.get(name));
    }

    @SuppressWarnings("unchecked")
    public List<String> strings(String name) {
        Object v = values.get(name);
        return v == null ? List.of() : (List<String>) v;
    }

    @SuppressWarnings("unchecked")
    public List<Double> numbers(String name) {
        Object v = values.get(name);
        return v == null ? List.of() : (List<Double>) v;
    }

    @SuppressWarnings("unchecked")
    public Map<String, String> stringMap(String name) {
        Object v = values.get(name);
        return v == null ? Map.of() : (Map<String, String>) v;
    }
}
