package org.hepatica.stats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the R reference files live: system property {@code hepatica.reference.dir}, else
 * {@code ../../../shared/reference} (the shared folder beside the checkout).
 */
final class ReferenceData {

    /** The reference cohorts that have an {@code .expected.json}. */
    static final List<String> DATASETS = List.of("lung", "hcc_demo");

    private ReferenceData() {
    }

    static Path dir() {
        return Path.of(System.getProperty("hepatica.reference.dir", "../../../shared/reference"));
    }

    private static final Map<String, JsonNode> CACHE = new ConcurrentHashMap<>();

    /** {@code NAME.expected.json} as a Jackson tree (read once; do not modify it). */
    static JsonNode expected(String dataset) {
        return CACHE.computeIfAbsent(dataset, d -> {
            try {
                return new ObjectMapper().readTree(dir().resolve(d + ".expected.json").toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
