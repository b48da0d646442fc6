package org.hepatica.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The plugin developer kit end to end, as an institution uses it: {@code mvn archetype:generate} with the
 * platform's archetype, {@code mvn verify} of the generated project as generated (outside the reactor,
 * offline, on a repository holding only what the reactor built and downloaded), the jar dropped into a
 * running distribution's {@code deploy/}, listed by {@code GET /analyses}, run through the API with its
 * figure, and removed again.
 *
 * <p>The child builds use {@code target/it-repo} (the platform's artifacts, installed there by
 * maven-invoker-plugin's {@code install}) and reach every other artifact through a mirror onto the real
 * local repository, in the settings written to {@code target/plugin-kit/settings.xml}; their output is kept
 * in {@code target/plugin-kit/*.log}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PluginKitIT {
    private static final String ANALYSIS_ID = "kit-landmark";
    private static final String ARTIFACT_ID = "hcc-kit-landmark";

    private final Path work = Path.of("target/plugin-kit").toAbsolutePath();
    private final Path repo = Path.of(System.getProperty("hepatica.it.repo", "target/it-repo")).toAbsolutePath();
    private final String version = System.getProperty("hepatica.version", "1.0.0-SNAPSHOT");
    private Path jar;
    private Distribution dist;
    private Api api;
    private String password;
    private String cohortId;

    /** The real local repository: where the test's own Jackson jar was resolved from. */
    private static Path realLocalRepository() throws Exception {
        Path jackson = Path.of(JsonNode.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        // .../com/fasterxml/jackson/core/jackson-databind/VERSION/jackson-databind-VERSION.jar
        Path r = jackson.getParent();
        for (int i = 0; i < 5; i++) {
            r = r.getParent();
        }
        return r.getParent();
    }

    /** Runs {@code mvn -B -o} in {@code dir} on the test repository; its output goes to {@code target/plugin-kit/LOG}. */
    private void mvn(Path dir, String log, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("mvn", "-B", "-o", "-s", work.resolve("settings.xml").toString(),
                "-Dmaven.repo.local=" + repo,
                // offline, a file: mirror is still read (the real local repository, nothing is downloaded)
                "-Daether.offline.protocols=file"));
        cmd.addAll(List.of(args));
        Path out = work.resolve(log);
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("mvn " + String.join(" ", args) + " did not finish in 5 minutes; see " + out);
        }
        if (p.exitValue() != 0) {
            List<String> lines = Files.readAllLines(out);
            throw new AssertionError("mvn " + String.join(" ", args) + " failed (" + p.exitValue() + "); see " + out
                    + "\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())));
        }
    }

    @BeforeAll
    void generateAndBuildThenStart() throws Exception {
        Files.createDirectories(work);
        Path generated = work.resolve(ARTIFACT_ID);
        if (Files.exists(generated)) {
            try (var files = Files.walk(generated)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        Files.writeString(work.resolve("settings.xml"), """
                <settings>
                  <mirrors>
                    <mirror>
                      <id>real-local-repository</id>
                      <mirrorOf>*</mirrorOf>
                      <url>%s</url>
                    </mirror>
                  </mirrors>
                </settings>
                """.formatted(realLocalRepository().toUri()), StandardCharsets.UTF_8);
        mvn(work, "generate.log", "org.apache.maven.plugins:maven-archetype-plugin:"
                + System.getProperty("hepatica.archetype.plugin.version", "3.3.1") + ":generate",
                "-DinteractiveMode=false", "-DarchetypeGroupId=org.hepatica",
                "-DarchetypeArtifactId=org.hepatica.plugin.archetype", "-DarchetypeVersion=" + version,
                "-DgroupId=org.example.hcc", "-DartifactId=" + ARTIFACT_ID, "-Dversion=1.0.0",
                "-Dpackage=org.example.hcc.landmark", "-DanalysisId=" + ANALYSIS_ID);
        mvn(generated, "build.log", "verify");
        jar = generated.resolve("target/" + ARTIFACT_ID + "-1.0.0.jar");

        dist = Distribution.fresh("PluginKitIT");
        dist.usePorts();
        dist.start();
        password = dist.adminPassword();
        api = new Api(dist.baseUrl());
        cohortId = admin("GET", "/cohorts", null).json().get(0).get("id").asText();
    }

    @AfterAll
    void stop() throws Exception {
        if (dist != null) {
            dist.stop();
        }
    }

    private Api.Reply admin(String method, String path, String body) throws Exception {
        return api.send(method, path, "admin", password, body == null ? null : "application/json",
                body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    /** The listed entry of the generated analysis once it is {@code present} (or not), waiting at most 30 s. */
    private JsonNode listed(boolean present) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        JsonNode found;
        do {
            found = null;
            for (JsonNode a : admin("GET", "/analyses", null).json()) {
                if (a.get("id").asText().equals(ANALYSIS_ID)) {
                    found = a;
                }
            }
            if ((found != null) == present) {
                return found;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        return found;
    }

    @Test
    @Order(1)
    void theGeneratedProjectBuildsAsGeneratedWithItsTestAndFeature() throws IOException {
        assertTrue(Files.isRegularFile(jar), "the bundle is built: " + jar);
        String build = Files.readString(work.resolve("build.log"));
        assertTrue(build.contains("Tests run: 3, Failures: 0, Errors: 0"), "the generated unit tests ran");
        String feature = Files.readString(work.resolve(ARTIFACT_ID + "/target/feature/feature.xml"));
        assertTrue(feature.contains("mvn:org.example.hcc/" + ARTIFACT_ID + "/1.0.0"), feature);
        String readme = Files.readString(work.resolve(ARTIFACT_ID + "/README.md"));
        for (String heading : List.of("## Purpose", "## Parameters", "## Output", "## Example", "## References")) {
            assertTrue(readme.contains("\n" + heading + "\n"), "README has " + heading);
        }
    }

    /** The example of docs/plugin-guide.md, outside the reactor too, builds and passes its tests (R's values included). */
    @Test
    @Order(3)
    void theGuidesExampleBuildsOnTheSameRepository() throws Exception {
        Path source = Path.of(System.getProperty("hepatica.example.dir", "../examples/hcc-rmst-difference")).toAbsolutePath();
        Path copy = work.resolve("example");
        if (Files.exists(copy)) {
            try (var files = Files.walk(copy)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        try (var files = Files.walk(source)) {
            for (Path from : (Iterable<Path>) files::iterator) {
                Path rel = source.relativize(from);
                if (!rel.startsWith("target")) {
                    Files.copy(from, copy.resolve(rel.toString()));
                }
            }
        }
        mvn(copy, "example.log", "verify", "-Dhepatica.reference.dir="
                + Path.of(System.getProperty("hepatica.reference.dir", "../../shared/reference")).toAbsolutePath());
        String build = Files.readString(work.resolve("example.log"));
        assertTrue(build.contains("Tests run: 5, Failures: 0, Errors: 0, Skipped: 0"), "every example test ran");
    }

    @Test
    @Order(2)
    void aJarDroppedIntoDeployIsListedRunsThroughTheApiAndGoesWhenRemoved() throws Exception {
        Path deploy = dist.home.resolve("deploy");
        Files.createDirectories(deploy);
        Path staged = dist.home.resolve("data/" + ARTIFACT_ID + ".jar");
        Files.copy(jar, staged);
        Files.move(staged, deploy.resolve(ARTIFACT_ID + ".jar"));

        JsonNode listed = listed(true);
        assertTrue(listed != null, "Karaf's deployer installs it and GET /analyses lists it");
        assertEquals(ARTIFACT_ID, listed.get("bundle").asText());
        assertEquals("1.0.0", listed.get("version").asText());

        Api.Reply run = admin("POST", "/cohorts/" + cohortId + "/analyses/" + ANALYSIS_ID,
                "{\"parameters\": {\"endpoint\": \"DFS\", \"landmark\": 730}}");
        assertEquals(200, run.status(), run.body());
        JsonNode result = run.json().get("result");
        assertEquals("DFS", result.get("endpoint").asText());
        assertEquals("arm", result.get("groupBy").asText());
        assertEquals(2, result.get("groups").size(), run.body());
        for (JsonNode g : result.get("groups")) {
            double s = g.at("/landmarks/0/survival").asDouble();
            assertTrue(s > 0 && s < 1, "survival at 2 years of " + g.get("label").asText() + ": " + s);
        }
        assertEquals(ARTIFACT_ID, run.json().at("/provenance/pluginBundle").asText());
        Api.Reply svg = admin("GET", "/results/" + run.json().get("id").asText() + "/plot.svg", null);
        assertEquals(200, svg.status(), svg.body());
        assertTrue(svg.body().contains("<svg"), "the plugin's figure is served");

        Api.Reply bad = admin("POST", "/cohorts/" + cohortId + "/analyses/" + ANALYSIS_ID,
                "{\"parameters\": {\"landmark\": -1}}");
        assertEquals(400, bad.status(), bad.body());
        assertEquals("landmark", bad.json().get("parameter").asText());

        Files.delete(deploy.resolve(ARTIFACT_ID + ".jar"));
        assertEquals(null, listed(false), "removing the jar removes the analysis");
        Api.Reply gone = admin("POST", "/cohorts/" + cohortId + "/analyses/" + ANALYSIS_ID, "{\"parameters\": {}}");
        assertEquals(404, gone.status(), gone.body());
        assertFalse(dist.problemsInLog().contains(ARTIFACT_ID), "no warning or error about the plugin:\n"
                + dist.problemsInLog());
    }
}
