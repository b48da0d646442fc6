package org.hepatica.cohort;

import java.util.LinkedHashSet;
import java.util.Set;

/** Column names as people write them in one parameter: {@code surname, phone}. */
public final class ColumnNames {
    private ColumnNames() {
    }

    /**
     * The names of a comma-separated list, trimmed, blanks left out, in their order, each once; none
     * for null. Used for the columns an import drops, whether named over HTTP, at the console or in
     * a route header.
     *
     * @since 1.3
     */
    public static Set<String> parse(String commaSeparated) {
        Set<String> out = new LinkedHashSet<>();
        if (commaSeparated != null) {
            for (String name : commaSeparated.split(",")) {
                if (!name.isBlank()) {
                    out.add(name.trim());
                }
            }
        }
        return out;
    }
}
