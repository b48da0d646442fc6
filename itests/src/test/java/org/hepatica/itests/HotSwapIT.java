package org.hepatica.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Replacing an analysis on the running platform, with two versions of a test plugin (bundle
 * {@code org.hepatica.test.swap} 1.0.0 and 1.1.0, built in the reactor): installed by upload over
 * HTTP, listed within a second, updated while a slow run is in flight (that run finishes on 1.0.0
 * and says so, the next is 1.1.0), removed with Karaf's console (404 for it, the others go on, its
 * results stay readable with their figure and report), both versions at once (the older one is
 * active, {@code GET /analyses} says which), and a jar dropped into {@code deploy/}. Bundle
 * administration is admin only, audited, and refuses jars that are not bundles or do not resolve.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HotSwapIT {
    private static final String NAME = "org.hepatica.test.swap";
    private final byte[] v1 = read("hepatica.swap.v1");
    private final byte[] v2 = read("hepatica.swap.v2");

    private Distribution dist;
    private Api api;
    private String password;
    private String cohortId;
    private String resultV1;

    private static byte[] read(String property) {
        try {
            return Files.readAllBytes(Path.of(System.getProperty(property)));
        } catch (Exception e) {
            throw new IllegalStateException("the test plugin jar " + property + " is built in the reactor", e);
        }
    }

    @BeforeAll
    void start() throws Exception {
        dist = Distribution.started("HotSwapIT");
        password = dist.adminPassword();
        dist.addUser("ana", "analyst-secret-1", "analyst");
        dist.addUser("operator", "operator-secret-1", "admin,manager,viewer,systembundles,ssh");
        api = new Api(dist.baseUrl());
        cohortId = admin("GET", "/cohorts", null, null).json().get(0).get("id").asText();
    }

    @AfterAll
    void stop() throws Exception {
        if (dist != null) {
            dist.stop();
        }
    }

    private Api.Reply admin(String method, String path, String type, byte[] body) throws Exception {
        return api.send(method, path, "admin", password, type, body);
    }

    private Api.Reply run(String analysis, String parameters) throws Exception {
        return admin("POST", "/cohorts/" + cohortId + "/analyses/" + analysis, "application/json",
                ("{\"parameters\": " + parameters + "}").getBytes(StandardCharsets.UTF_8));
    }

    /** The version of the active swap-test analysis, or null, once it is so (waiting at most {@code ms}). */
    private String listedVersion(String expected, long ms) throws Exception {
        long deadline = System.nanoTime() + ms * 1_000_000L;
        String version;
        do {
            version = null;
            for (JsonNode a : admin("GET", "/analyses", null, null).json()) {
                if (a.get("id").asText().equals("swap-test")) {
                    version = a.get("version").asText();
                    assertEquals(NAME, a.get("bundle").asText());
                }
            }
            if (java.util.Objects.equals(version, expected)) {
                return version;
            }
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        return version;
    }

    @Test
    @Order(1)
    void bundleAdministrationIsForAdminsAndRefusesWhatIsNotABundle() throws Exception {
        assertEquals(403, api.send("GET", "/admin/bundles", "ana", "analyst-secret-1", null, null).status());
        assertEquals(403, api.send("POST", "/admin/bundles", "ana", "analyst-secret-1", "application/java-archive", v1).status());
        assertEquals(403, api.send("POST", "/admin/bundles/" + NAME + "/stop", "ana", "analyst-secret-1", null, null).status());

        Api.Reply notJar = admin("POST", "/admin/bundles", "application/java-archive", "not a jar".getBytes(StandardCharsets.UTF_8));
        assertEquals(422, notJar.status(), notJar.body());
        assertEquals("urn:hepatica:problem:not-a-bundle", notJar.json().get("type").asText());

        Api.Reply unresolvable = admin("POST", "/admin/bundles", "application/java-archive", unresolvableBundle());
        assertEquals(422, unresolvable.status(), unresolvable.body());
        assertTrue(unresolvable.json().get("detail").asText().contains("org.nowhere.missing"),
                "the missing requirement is named: " + unresolvable.body());
        for (JsonNode b : admin("GET", "/admin/bundles", null, null).json()) {
            assertFalse(b.get("symbolicName").asText().equals("org.hepatica.test.broken"), "nothing stays installed");
        }
    }

    /** A bundle importing a package no bundle exports. */
    private static byte[] unresolvableBundle() throws Exception {
        Manifest m = new Manifest();
        Attributes a = m.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", "org.hepatica.test.broken");
        a.putValue("Bundle-Version", "1.0.0");
        a.putValue("Import-Package", "org.nowhere.missing;version=\"[1,2)\"");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(out, m)) {
            jar.flush();
        }
        return out.toByteArray();
    }

    @Test
    @Order(2)
    void anUploadedPluginIsListedWithinASecondAndRuns() throws Exception {
        Api.Reply installed = admin("POST", "/admin/bundles", "application/java-archive", v1);
        assertEquals(201, installed.status(), installed.body());
        assertEquals("ACTIVE", installed.json().get("state").asText());
        long t0 = System.nanoTime();
        assertEquals("1.0.0", listedVersion("1.0.0", 1000));
        assertTrue(System.nanoTime() - t0 < 1_000_000_000L, "listed within 1 s");
        Api.Reply r = run("swap-test", "{}");
        assertEquals(200, r.status(), r.body());
        assertEquals("1.0.0", r.json().get("result").get("version").asText());
        assertEquals("1.0.0", r.json().get("provenance").get("pluginVersion").asText());
        resultV1 = r.json().get("id").asText();
        JsonNode bundles = admin("GET", "/admin/bundles", null, null).json();
        boolean listed = false;
        for (JsonNode b : bundles) {
            if (b.get("symbolicName").asText().equals(NAME)) {
                listed = b.get("analyses").toString().contains("swap-test") && b.get("version").asText().equals("1.0.0");
            }
        }
        assertTrue(listed, "GET /admin/bundles names the bundle and its analysis: " + bundles);
        Api.Reply again = admin("POST", "/admin/bundles", "application/java-archive", v1);
        assertEquals(409, again.status(), "the same bundle twice: " + again.body());
    }

    @Test
    @Order(3)
    void anUpdateDuringASlowRunLetsItFinishOnTheOldVersion() throws Exception {
        CompletableFuture<Api.Reply> slow = CompletableFuture.supplyAsync(() -> {
            try {
                return run("swap-test", "{\"sleepMs\": 4000}");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(800);
        Api.Reply updated = admin("POST", "/admin/bundles/" + NAME + "/update", "application/java-archive", v2);
        assertEquals(200, updated.status(), updated.body());
        assertEquals("1.1.0", updated.json().get("version").asText());
        assertFalse(slow.isDone(), "the slow run was still in flight during the update");
        Api.Reply inFlight = slow.get();
        assertEquals(200, inFlight.status(), inFlight.body());
        assertEquals("1.0.0", inFlight.json().get("result").get("version").asText(), "it finished on its version");
        assertEquals("1.0.0", inFlight.json().get("provenance").get("pluginVersion").asText(), "and says so");
        assertEquals("1.1.0", listedVersion("1.1.0", 1000));
        Api.Reply next = run("swap-test", "{}");
        assertEquals("1.1.0", next.json().get("result").get("version").asText());
        assertEquals("1.1.0", next.json().get("provenance").get("pluginVersion").asText());
    }

    @Test
    @Order(4)
    void aRemovedPluginAnswers404WhileItsResultsStayReadable() throws Exception {
        dist.shell("operator", "operator-secret-1", "bundle:uninstall " + NAME);
        assertEquals(null, listedVersion(null, 1000), "gone from the list within 1 s");
        Api.Reply gone = run("swap-test", "{}");
        assertEquals(404, gone.status(), gone.body());
        assertEquals(200, run("dfs", "{}").status(), "the other analyses go on");
        Api.Reply result = admin("GET", "/results/" + resultV1, null, null);
        assertEquals(200, result.status());
        assertEquals("1.0.0", result.json().get("result").get("version").asText());
        Api.Reply figure = admin("GET", "/results/" + resultV1 + "/plot.svg", null, null);
        assertEquals(200, figure.status(), "the figure kept with the result: " + figure.body());
        assertTrue(figure.body().contains("Swap test computed by 1.0.0, drawn by 1.0.0"), figure.body());
        Api.Reply report = admin("GET", "/results/" + resultV1 + "/report.html", null, null);
        assertEquals(200, report.status());
        assertTrue(report.body().contains("<svg") && report.body().contains(NAME), "report with figure and provenance");
    }

    @Test
    @Order(5)
    void withBothVersionsInstalledTheOlderIsActiveAndTheListSaysWhich() throws Exception {
        assertEquals(201, admin("POST", "/admin/bundles", "application/java-archive", v1).status());
        assertEquals("1.0.0", listedVersion("1.0.0", 1000));
        assertEquals(201, admin("POST", "/admin/bundles", "application/java-archive", v2).status());
        Thread.sleep(500);
        assertEquals("1.0.0", listedVersion("1.0.0", 1000), "equal ranking: the older service stays active");
        Api.Reply stopped = admin("POST", "/admin/bundles/" + NAME + "/stop?version=1.0.0", null, null);
        assertEquals(200, stopped.status(), stopped.body());
        assertEquals("RESOLVED", stopped.json().get("state").asText());
        assertEquals("1.1.0", listedVersion("1.1.0", 1000), "the other one takes over");
        assertEquals("1.1.0", run("swap-test", "{}").json().get("result").get("version").asText());
        dist.shell("operator", "operator-secret-1", "bundle:uninstall " + NAME);
        assertEquals(null, listedVersion(null, 2000));
        String audit = admin("GET", "/audit", null, null).body();
        for (String action : new String[] {"bundle.install", "bundle.update", "bundle.stop"}) {
            assertTrue(audit.contains(action), "audited: " + action);
        }
    }

    @Test
    @Order(6)
    void aJarDroppedIntoDeployIsListedAndGoesWhenRemoved() throws Exception {
        Path deploy = dist.home.resolve("deploy");
        Files.createDirectories(deploy);
        Path staged = dist.home.resolve("data/swap.jar");
        Files.write(staged, v2);
        Files.move(staged, deploy.resolve("swap.jar"));
        assertEquals("1.1.0", listedVersion("1.1.0", 15_000), "Karaf's deployer installs it");
        Files.delete(deploy.resolve("swap.jar"));
        assertEquals(null, listedVersion(null, 15_000), "and removes it");
    }
}
