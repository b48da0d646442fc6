package org.hepatica.shell.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code analysis:run}'s {@code key=value} arguments into the parameters an analysis takes,
 * the same JSON values an HTTP request body carries. A value is read as JSON when it is JSON
 * ({@code 730}, {@code 0.9}, {@code true}, {@code null}, {@code ["arm","mvi"]}, {@code {"arm":"RFA"}},
 * {@code "text"}); a value in brackets that is not JSON is a list of such values, so that
 * {@code covariates=[arm,mvi]} needs no quotes; anything else is the text as typed. A value with
 * spaces, braces or double quotes must be quoted for the shell ({@code 'reference={"arm":"RFA"}'}). The analysis
 * then checks the values against what it declares, as for any other request.
 */
final class ParameterArguments {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private ParameterArguments() {
    }

    /**
     * The parameters, in the order given.
     *
     * @param arguments {@code key=value} words; null or empty for none
     * @throws IllegalArgumentException naming the argument that is not {@code key=value}, or a
     *         key given twice
     */
    static Map<String, Object> parse(List<String> arguments) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        if (arguments == null) {
            return parameters;
        }
        for (String argument : words(arguments)) {
            int eq = argument.indexOf('=');
            String key = eq < 0 ? "" : argument.substring(0, eq).trim();
            if (key.isEmpty()) {
                throw new IllegalArgumentException("'" + argument + "' is not key=value (e.g. landmark=730)");
            }
            if (parameters.containsKey(key)) {
                throw new IllegalArgumentException("parameter '" + key + "' is given twice");
            }
            parameters.put(key, value(argument.substring(eq + 1)));
        }
        return parameters;
    }

    /**
     * The arguments as {@code key=value} words. The Karaf shell (gogo) reads an unquoted
     * {@code key=[a,b]} as two words, {@code key=} and {@code [a,b]}: a word that follows one
     * ending in {@code =} and starts with a bracket is put back as its value.
     */
    private static List<String> words(List<String> arguments) {
        List<String> words = new ArrayList<>();
        for (String argument : arguments) {
            int last = words.size() - 1;
            if (last >= 0 && words.get(last).endsWith("=") && (argument.startsWith("[") || argument.startsWith("{"))) {
                words.set(last, words.get(last) + argument);
            } else {
                words.add(argument);
            }
        }
        return words;
    }

    /** One value: JSON when it parses, a bracketed list of values, or the text itself. */
    static Object value(String text) {
        String t = text.trim();
        if (t.isEmpty()) {
            return text;
        }
        try {
            return JSON.readValue(t, Object.class);
        } catch (JsonProcessingException notJson) {
            if (t.length() >= 2 && t.startsWith("[") && t.endsWith("]")) {
                List<Object> list = new ArrayList<>();
                for (String element : t.substring(1, t.length() - 1).split(",", -1)) {
                    list.add(value(element.trim()));
                }
                return list;
            }
            return text;
        }
    }
}
