package org.hepatica.shell.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;
import org.hepatica.analysis.Provenance;
import org.hepatica.analysis.StoredResult;

/** Results as the HTTP API served them (src/test/resources/results), read back into the API's types. */
final class Samples {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Samples() {
    }

    /** The stored result {@code results/NAME.json}, its result a JSON tree as the service hands it out. */
    @SuppressWarnings("unchecked")
    static StoredResult result(String name) {
        try (InputStream in = Samples.class.getResourceAsStream("/results/" + name + ".json")) {
            Map<String, Object> r = JSON.readValue(in, Map.class);
            Map<String, Object> p = (Map<String, Object>) r.get("provenance");
            Provenance provenance = new Provenance((String) p.get("analysisId"), (String) p.get("pluginBundle"),
                    (String) p.get("pluginVersion"), (String) p.get("platformVersion"), (String) p.get("cohortChecksum"),
                    (Map<String, Object>) p.get("parameters"), Instant.parse((String) p.get("startedAt")),
                    ((Number) p.get("durationMs")).longValue());
            return new StoredResult((String) r.get("id"), (String) r.get("analysis"), (String) r.get("cohort"),
                    (Map<String, Object>) r.get("parameters"), r.get("result"), provenance);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What {@code print} writes. */
    static String printed(Consumer<PrintStream> print) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            print.accept(out);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
