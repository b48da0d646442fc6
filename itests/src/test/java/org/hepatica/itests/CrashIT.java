package org.hepatica.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A power cut during imports: the platform's JVM is killed ({@code kill -9}) while an HTTP upload is
 * half sent and while the inbox imports a large file, at two moments of the inbox import. After the
 * restart no partial cohort exists, the inbox file is imported exactly once (or lies in
 * {@code failed/}), and no temporary file of the crashed imports is left.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrashIT {
    /** Copies of the demo cohort under new patient ids: 600,000 rows, about 57 MB. */
    private static final int COPIES = 1500;

    private Distribution dist;
    private Api api;
    private String password;
    private byte[] demo;

    @BeforeAll
    void start() throws Exception {
        dist = Distribution.started("CrashIT");
        password = dist.adminPassword();
        api = new Api(dist.baseUrl());
        demo = Files.readAllBytes(dist.home.resolve("demo/hcc-demo.csv"));
    }

    @AfterAll
    void stop() throws Exception {
        if (dist != null) {
            dist.stop();
        }
    }

    @Test
    void killedDuringImportsRestartsWithoutPartialCohortsOrLeftovers() throws Exception {
        int expectedRows = 0;
        for (int round = 0; round < 2; round++) {
            String inboxName = "crash-inbox-" + round;
            byte[] big = copies("R" + round + "-");
            expectedRows = (int) (big.length > 0 ? countRows(big) : 0);

            // an HTTP upload stalls half way: the server holds its first half in a temporary file
            Socket upload = halfUpload("crash-http-" + round, big);
            // the inbox takes a large file
            Path staged = Files.write(dist.home.resolve("data/staged-" + inboxName + ".csv"), big);
            Files.move(staged, dist.home.resolve("inbox").resolve(inboxName + ".csv"));
            if (round == 0) { // the moment the route takes the file
                waitUntil(() -> Files.exists(dist.home.resolve("inbox").resolve(inboxName + ".csv.camelLock")), 60);
            } else { // while the parsed cohort is written to the store
                waitUntil(() -> temporaryFiles().stream().anyMatch(f -> f.contains("hepatica-cohort-")), 60);
            }
            dist.kill();
            upload.close();

            dist.start();
            // the inbox file is taken again after the restart and ends in archive/ or failed/, once
            waitUntil(() -> !Files.exists(dist.home.resolve("inbox").resolve(inboxName + ".csv"))
                    && (count("archive", inboxName + "-") + count("failed", inboxName + "-")) > 0, 180);
            JsonNode cohorts = admin("GET", "/cohorts").json();
            List<JsonNode> fromInbox = named(cohorts, inboxName);
            if (count("archive", inboxName + "-") > 0) {
                assertEquals(1, fromInbox.size(), "the inbox file is imported exactly once: " + cohorts);
                assertEquals(expectedRows, fromInbox.get(0).get("patients").asInt(), "the whole file, not part of it");
            } else {
                assertEquals(0, fromInbox.size(), "a file in failed/ left no cohort: " + cohorts);
            }
            assertEquals(0, named(cohorts, "crash-http-" + round).size(), "the half-sent upload left no cohort");
            assertEquals(0, count("inbox", ""), "nothing is left in the inbox, not even a lock file");
            List<String> leftovers = temporaryFiles();
            assertTrue(leftovers.isEmpty(), "temporary files of the crashed imports are removed at start: " + leftovers);
        }
        // the platform imports as before
        Api.Reply again = api.send("POST", "/cohorts?name=after-crash", "admin", password, "text/csv", demo);
        assertEquals(200, again.status(), "the demo cohort's bytes are still recognised: " + again.body());
        assertTrue(expectedRows > 0);
    }

    private Api.Reply admin(String method, String path) throws Exception {
        return api.send(method, path, "admin", password, null, null);
    }

    private byte[] copies(String prefix) {
        String text = new String(demo, StandardCharsets.UTF_8);
        int headerEnd = text.indexOf('\n') + 1;
        String header = text.substring(0, headerEnd);
        String rows = text.substring(headerEnd);
        StringBuilder out = new StringBuilder(demo.length * COPIES + 100).append(header);
        for (int k = 0; k < COPIES; k++) {
            out.append(rows.replace("SYN-", prefix + k + "-"));
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static long countRows(byte[] csv) {
        long lines = 0;
        for (byte b : csv) {
            if (b == '\n') {
                lines++;
            }
        }
        return lines - 1;
    }

    private Socket halfUpload(String name, byte[] body) throws Exception {
        Socket socket = new Socket("localhost", Distribution.HTTP_PORT);
        OutputStream out = socket.getOutputStream();
        String auth = Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
        out.write(("POST /api/v1/cohorts?name=" + name + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Basic " + auth
                + "\r\nContent-Type: text/csv\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body, 0, body.length / 2);
        out.flush();
        return socket;
    }

    private static List<JsonNode> named(JsonNode cohorts, String name) {
        List<JsonNode> out = new ArrayList<>();
        cohorts.forEach(c -> {
            if (name.equals(c.get("name").asText())) {
                out.add(c);
            }
        });
        return out;
    }

    private long count(String dir, String prefix) throws Exception {
        Path d = dist.home.resolve(dir);
        if (!Files.isDirectory(d)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(d)) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix)).count();
        }
    }

    private List<String> temporaryFiles() throws Exception {
        try (Stream<Path> files = Files.walk(dist.home.resolve("data/tmp"))) {
            return files.filter(Files::isRegularFile).map(f -> dist.home.relativize(f).toString())
                    .filter(f -> f.contains("hepatica-") || f.contains("camel")).toList();
        }
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    private void waitUntil(Condition condition, int seconds) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (!condition.holds()) {
            assertFalse(System.nanoTime() > deadline, "not within " + seconds + " s; log:\n" + dist.tailOfLog());
            Thread.sleep(2);
        }
    }
}
