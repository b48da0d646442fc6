package org.hepatica.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * An update as an administrator makes it: {@code ./run.sh} installs and starts the platform, a
 * cohort is imported and analysed, a new build arrives (here: the installed tree no longer
 * matches the tarball), and {@code ./run.sh} again replaces the tree. The cohorts, results,
 * users, password and audit trail are all still there.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UpdateIT {
    private static final int PORT = Distribution.HTTP_PORT;
    private final Path home = Path.of("target/it/UpdateIT").toAbsolutePath();
    private final Path dist = home.resolve("org.hepatica.distribution-1.0.0-SNAPSHOT");

    private String runSh(String verb) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", Path.of("../run.sh").toAbsolutePath().toString(), verb)
                .redirectErrorStream(true);
        pb.environment().put("HEPATICA_HOME", home.toString());
        pb.environment().put("HEPATICA_PORT", Integer.toString(PORT));
        pb.environment().put("HEPATICA_START_TIMEOUT", "180");
        pb.environment().put("JAVA_MAX_MEM", "1G");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "run.sh " + verb + " did not finish");
        assertEquals(0, p.exitValue(), "run.sh " + verb + ":\n" + out);
        return out;
    }

    @AfterAll
    void stop() throws Exception {
        if (Files.isDirectory(dist)) {
            runSh("stop");
        }
    }

    @Test
    void anUpdateKeepsCohortsResultsUsersAndAudit() throws Exception {
        delete(home);
        Files.createDirectories(home);
        String first = runSh("start");
        assertTrue(first.contains("installing into"), first);
        String password = Files.readString(dist.resolve("data/initial-admin-password")).trim();
        Api api = new Api("http://localhost:" + PORT + "/api/v1");
        Api.Reply imported = api.send("POST", "/cohorts?name=kept", "admin", password, "text/csv",
                "patient_id,os_time,os_event\nP1,100,1\nP2,200,0\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(201, imported.status(), imported.body());
        String cohortId = imported.json().get("id").asText();
        Api.Reply ran = api.send("POST", "/cohorts/" + cohortId + "/analyses/summary", "admin", password,
                "application/json", "{}".getBytes(StandardCharsets.UTF_8));
        assertEquals(200, ran.status(), ran.body());
        String resultId = ran.json().get("id").asText();
        JsonNode cohortsBefore = api.send("GET", "/cohorts", "admin", password, null, null).json();
        int auditBefore = api.send("GET", "/audit", "admin", password, null, null).json().size();

        // a new build: the installed tree no longer matches the tarball
        Files.writeString(dist.resolve(".installed"), "an older build\n");
        runSh("stop");
        String second = runSh("start");
        assertTrue(second.contains("updating"), second);
        assertFalse(Files.exists(dist.resolve("data/data")), "the old data is not nested in the new tree's");

        assertEquals(password, Files.readString(dist.resolve("data/initial-admin-password")).trim());
        assertEquals(cohortsBefore, api.send("GET", "/cohorts", "admin", password, null, null).json());
        Api.Reply result = api.send("GET", "/results/" + resultId, "admin", password, null, null);
        assertEquals(200, result.status(), result.body());
        assertEquals(ran.json(), result.json());
        JsonNode audit = api.send("GET", "/audit", "admin", password, null, null).json();
        assertTrue(audit.size() >= auditBefore, "the audit trail is kept: " + audit.size() + " < " + auditBefore);
        assertTrue(audit.toString().contains(cohortId), "the import is still in the audit trail");
    }

    private static void delete(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
