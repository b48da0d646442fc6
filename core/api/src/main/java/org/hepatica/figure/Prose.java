package org.hepatica.figure;

import java.util.List;

/** The small rules of the sentences figures write into their descriptions. */
final class Prose {
    private Prose() {
    }

    /** {@code s} with its first letter in lower case, unless it starts an acronym ("OS", "HR"). */
    static String lowerFirst(String s) {
        if (s.isEmpty() || s.length() > 1 && Character.isUpperCase(s.charAt(1))) {
            return s;
        }
        return Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    /** "a", "a and b", "a, b and c". */
    static String joinAnd(List<String> parts) {
        if (parts.size() <= 1) {
            return String.join("", parts);
        }
        return String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
    }

    /** {@code s} ending with a full stop. */
    static String sentence(String s) {
        return s.endsWith(".") ? s : s + ".";
    }
}
