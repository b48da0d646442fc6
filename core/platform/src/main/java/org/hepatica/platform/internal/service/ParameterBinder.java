package org.hepatica.platform.internal.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.hepatica.analysis.AnalysisParameters;
import org.hepatica.analysis.InvalidParameterException;
import org.hepatica.analysis.ParameterSpec;

/**
 * Checks a request's parameters (JSON values) against what an analysis declares: unknown names,
 * missing required ones and values of the wrong shape are refused naming the parameter; defaults
 * fill what the request leaves out. Public for {@code org.hepatica.testing}, which checks parameters
 * in plugin authors' unit tests exactly as the platform does.
 */
public final class ParameterBinder {
    private ParameterBinder() {
    }

    public static AnalysisParameters bind(List<ParameterSpec> specs, Map<String, Object> request)
            throws InvalidParameterException {
        Map<String, Object> given = request == null ? Map.of() : request;
        Set<String> known = new TreeSet<>();
        for (ParameterSpec s : specs) {
            known.add(s.name());
        }
        for (String name : given.keySet()) {
            if (!known.contains(name)) {
                throw new InvalidParameterException(name, "unknown parameter; this analysis accepts " + known);
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (ParameterSpec s : specs) {
            Object v = given.get(s.name());
            if (v == null) {
                if (s.required()) {
                    throw new InvalidParameterException(s.name(), "is required");
                }
                v = s.defaultValue();
            }
            values.put(s.name(), v == null ? null : convert(s, v));
        }
        return new AnalysisParameters(values);
    }

    private static Object convert(ParameterSpec s, Object v) throws InvalidParameterException {
        String name = s.name();
        switch (s.type()) {
            case STRING:
                if (v instanceof String str) {
                    return choose(s, str);
                }
                throw new InvalidParameterException(name, s.isChoice() ? "must be one of " + s.values()
                        : "must be a string");
            case NUMBER:
                return number(name, v);
            case INTEGER: {
                double d = number(name, v);
                if (d != Math.rint(d)) {
                    throw new InvalidParameterException(name, "must be a whole number");
                }
                return (long) d;
            }
            case BOOLEAN:
                if (v instanceof Boolean b) {
                    return b;
                }
                throw new InvalidParameterException(name, "must be true or false");
            case STRING_LIST: {
                List<String> out = new ArrayList<>();
                for (Object o : list(name, v)) {
                    if (!(o instanceof String str)) {
                        throw new InvalidParameterException(name, "must be an array of strings");
                    }
                    out.add(choose(s, str));
                }
                return List.copyOf(out);
            }
            case NUMBER_LIST: {
                List<Double> out = new ArrayList<>();
                for (Object o : list(name, v)) {
                    out.add(number(name, o));
                }
                return List.copyOf(out);
            }
            case STRING_MAP: {
                if (!(v instanceof Map<?, ?> map)) {
                    throw new InvalidParameterException(name, "must be an object of strings");
                }
                Map<String, String> out = new LinkedHashMap<>();
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    if (!(e.getValue() instanceof String str)) {
                        throw new InvalidParameterException(name, "value of '" + e.getKey() + "' must be a string");
                    }
                    out.put(String.valueOf(e.getKey()), str);
                }
                return Map.copyOf(out);
            }
            default:
                throw new IllegalStateException("unhandled parameter type " + s.type());
        }
    }

    /** The declared spelling of a choice (any letter case accepted), or the free value. */
    private static String choose(ParameterSpec s, String value) throws InvalidParameterException {
        if (!s.isChoice()) {
            return value;
        }
        for (String allowed : s.values()) {
            if (allowed.equalsIgnoreCase(value.trim())) {
                return allowed;
            }
        }
        throw new InvalidParameterException(s.name(), "'" + value + "' is not allowed; expected one of " + s.values());
    }

    private static List<?> list(String name, Object v) throws InvalidParameterException {
        if (v instanceof List<?> l) {
            return l;
        }
        throw new InvalidParameterException(name, "must be an array");
    }

    private static double number(String name, Object v) throws InvalidParameterException {
        if (v instanceof Number n && Double.isFinite(n.doubleValue())) {
            return n.doubleValue();
        }
        throw new InvalidParameterException(name, "must be a number");
    }
}
