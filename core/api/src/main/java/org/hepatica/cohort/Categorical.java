package org.hepatica.cohort;

import java.util.List;

/**
 * A categorical column: one code per patient indexing {@link #levels()}, {@code -1} when missing.
 *
 * @param levels the levels in sorted (code point) order
 * @param codes  a copy of the codes; changing it changes nothing in the cohort
 */
public record Categorical(List<String> levels, int[] codes) {
    /** The level of patient {@code i}, or null when missing. */
    public String level(int i) {
        return codes[i] < 0 ? null : levels.get(codes[i]);
    }
}
