package org.hepatica.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Boots the built distribution and runs the platform's shell commands ({@code cohort:*},
 * {@code analysis:*}, {@code result:*}) through the SSH console, as an operator with
 * {@code bin/client} would: what each prints, that the HTTP API sees the same cohorts, that a
 * refusal prints its reason without a stack trace, and that only an admin may delete.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShellIT {
    private static final String OPERATOR = "operator";
    private static final String OPERATOR_PASSWORD = "operator-secret-1";
    private static final String ANALYST = "ana";
    private static final String ANALYST_PASSWORD = "analyst-secret-1";
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private Distribution dist;
    private Api api;
    private String password;
    private String demoId;
    private String importedId;
    private String resultId;

    @TempDir
    Path files;

    @BeforeAll
    void start() throws Exception {
        dist = Distribution.started("ShellIT");
        password = dist.adminPassword();
        dist.addUser(OPERATOR, OPERATOR_PASSWORD, "admin,analyst,ssh,manager,viewer,systembundles");
        dist.addUser(ANALYST, ANALYST_PASSWORD, "analyst,ssh");
        dist.addUser("nossh", "no-console-secret-1", "analyst");
        api = new Api(dist.baseUrl());
        JsonNode demo = find(admin("/cohorts"), "name", "hcc-demo");
        assertNotNull(demo, "the demo cohort");
        demoId = demo.get("id").asText();
    }

    @AfterAll
    void stop() throws Exception {
        if (dist != null) {
            dist.stop();
        }
    }

    private String shell(String command) throws Exception {
        return dist.shell(OPERATOR, OPERATOR_PASSWORD, command);
    }

    /** The output of a command that must fail (bin/client exits non-zero). */
    private String refused(String user, String pw, String command) throws Exception {
        String out;
        try {
            out = dist.shell(user, pw, command);
        } catch (IllegalStateException e) {
            return e.getMessage();
        }
        return fail(command + " was not refused:\n" + out);
    }

    private static void assertNoStackTrace(String out) {
        assertFalse(out.contains("\tat ") || out.contains("Exception"), "no stack trace:\n" + out);
    }

    private JsonNode admin(String path) throws Exception {
        Api.Reply r = api.send("GET", path, "admin", password, null, null);
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode n : array) {
            if (n.has(field) && n.get(field).asText().equals(value)) {
                return n;
            }
        }
        return null;
    }

    private static String firstId(String text, String prefix) {
        Matcher m = Pattern.compile(Pattern.quote(prefix) + "(" + UUID.pattern() + ")").matcher(text);
        assertTrue(m.find(), "no '" + prefix + "<id>' in\n" + text);
        return m.group(1);
    }

    @Test
    @Order(1)
    void cohortListShowsTheDemoCohort() throws Exception {
        String out = shell("cohort:list");
        assertTrue(out.contains("hcc-demo"), out);
        assertTrue(out.contains(demoId), out);
        assertTrue(out.contains("imported at"), out);
    }

    @Test
    @Order(2)
    void cohortInfoShowsTheColumnsAndChecksum() throws Exception {
        String out = shell("cohort:info " + demoId);
        String checksum = find(admin("/cohorts"), "id", demoId).get("checksum").asText();
        assertTrue(out.contains("checksum    " + checksum), out);
        assertTrue(out.contains("patients    400"), out);
        assertTrue(Pattern.compile("(?m)^arm +\\| categorical").matcher(out).find(), out);
        assertTrue(out.contains("RFA, RFA+RT"), "the levels of arm:\n" + out);
        assertNoStackTrace(refused(OPERATOR, OPERATOR_PASSWORD, "cohort:info no-such-cohort"));
    }

    @Test
    @Order(3)
    void cohortImportReadsAServerFileAndTheApiSeesTheCohort() throws Exception {
        Path csv = Files.writeString(files.resolve("shell-small.csv"),
                "patient_id,os_time,os_event,arm\nS1,100,1,RFA\nS2,200,0,RFA+RT\nS3,-5,0,RFA\nS4,300,1,RFA+RT\n");
        String out = shell("cohort:import --time-unit days " + csv);
        assertTrue(out.contains("rows read 4, accepted 3, rejected 1"), out);
        assertTrue(out.contains("line 4, column os_time: "), out);
        importedId = firstId(out, "imported cohort ");
        assertTrue(out.contains("(shell-small, version 1)"), "named after the file:\n" + out);

        assertTrue(shell("cohort:list").contains(importedId));
        JsonNode cohort = find(admin("/cohorts"), "id", importedId);
        assertNotNull(cohort, "the HTTP API lists the cohort");
        assertEquals("shell-small", cohort.get("name").asText());
        assertEquals(3, cohort.get("patients").asInt());
        JsonNode audit = admin("/audit");
        boolean byOperator = false;
        for (JsonNode e : audit) {
            byOperator |= OPERATOR.equals(e.path("user").asText()) && e.path("action").asText().startsWith("cohort.import");
        }
        assertTrue(byOperator, "the audit trail names the shell's user:\n" + audit);

        Path months = Files.writeString(files.resolve("other.csv"), "patient_id,os_time,os_event\nM1,10,1\nM2,20,0\n");
        String named = shell("cohort:import --name shell-months --time-unit months " + months);
        assertTrue(named.contains("(shell-months, version 1)"), named);
    }

    @Test
    @Order(4)
    void aRefusedImportPrintsItsReasonAndProblems() throws Exception {
        Path bad = Files.writeString(files.resolve("bad.csv"), "id;age\n1;2\n");
        String out = refused(OPERATOR, OPERATOR_PASSWORD, "cohort:import " + bad);
        assertTrue(out.contains("import refused: "), out);
        assertNoStackTrace(out);
        String missing = refused(OPERATOR, OPERATOR_PASSWORD, "cohort:import " + files.resolve("missing.csv"));
        assertTrue(missing.contains("no readable file"), missing);
        String unit = refused(OPERATOR, OPERATOR_PASSWORD, "cohort:import --time-unit weeks " + bad);
        assertTrue(unit.contains("unknown timeUnit 'weeks'"), unit);
    }

    @Test
    @Order(5)
    void analysisListListsThePlugins() throws Exception {
        String out = shell("analysis:list");
        for (String id : new String[] {"km", "dfs", "os", "cox", "summary", "mvi-subgroups", "competing-risks"}) {
            assertTrue(Pattern.compile("(?m)^" + Pattern.quote(id) + " +\\|").matcher(out).find(), id + " in\n" + out);
        }
        assertTrue(out.contains("org.hepatica.plugin.dfs"), out);
        assertTrue(out.contains("landmark"), "the parameter names:\n" + out);
    }

    @Test
    @Order(6)
    void analysisRunPrintsTheResultIdAndTheHazardRatio() throws Exception {
        String out = shell("analysis:run " + demoId + " dfs");
        resultId = firstId(out, "result ");
        assertTrue(out.contains("hazard ratio arm=RFA+RT: "), out);
        assertTrue(out.contains("logRank: chi-square "), out);
        assertTrue(out.contains("Kaplan-Meier"), out);
        assertEquals(200, api.send("GET", "/results/" + resultId, "admin", password, null, null).status());

        // a list needs no quotes; a JSON object does (braces and double quotes mean something to the shell)
        String cox = shell("analysis:run " + demoId + " cox covariates=[arm,mvi] endpoint=DFS 'reference={\"arm\":\"RFA+RT\"}'");
        assertTrue(cox.contains("hazard ratio mvi: "), cox);
        assertTrue(cox.contains("hazard ratio arm=RFA: "), "RFA+RT is the reference:\n" + cox);
        assertTrue(cox.contains("endpoint: DFS"), cox);
    }

    @Test
    @Order(7)
    void aBadParameterIsNamedWithoutAStackTrace() throws Exception {
        String out = refused(OPERATOR, OPERATOR_PASSWORD, "analysis:run " + demoId + " dfs landmark=soon");
        assertTrue(out.contains("parameter 'landmark'"), out);
        assertNoStackTrace(out);
        String unknown = refused(OPERATOR, OPERATOR_PASSWORD, "analysis:run " + demoId + " nope");
        assertTrue(unknown.contains("nope"), unknown);
        assertNoStackTrace(unknown);
    }

    @Test
    @Order(8)
    void resultShowPrintsTheProvenance() throws Exception {
        String out = shell("result:show " + resultId);
        assertTrue(out.contains("result      " + resultId), out);
        assertTrue(out.contains("cohort      " + demoId), out);
        assertTrue(out.contains("analysis    dfs (org.hepatica.plugin.dfs "), out);
        assertTrue(out.contains("platform    "), out);
        assertTrue(out.contains("parameters  "), out);
        assertTrue(out.contains("hazard ratio arm=RFA+RT: "), out);
        assertTrue(refused(OPERATOR, OPERATOR_PASSWORD, "result:show no-such-result").contains("no result no-such-result"));
    }

    @Test
    @Order(9)
    void onlyAnAdminMayDelete() throws Exception {
        assertTrue(dist.shell(ANALYST, ANALYST_PASSWORD, "cohort:list").contains(importedId), "an analyst may list");
        String refused = refused(ANALYST, ANALYST_PASSWORD, "cohort:delete " + importedId);
        assertTrue(refused.contains("Command not found") || refused.contains("Insufficient credentials"), refused);
        assertNotNull(find(admin("/cohorts"), "id", importedId), "still there");

        String out = shell("cohort:delete " + importedId);
        assertTrue(out.contains("deleted cohort " + importedId), out);
        assertFalse(shell("cohort:list").contains(importedId));
        assertEquals(null, find(admin("/cohorts"), "id", importedId));
        assertTrue(refused(OPERATOR, OPERATOR_PASSWORD, "cohort:delete " + importedId).contains("no cohort " + importedId));
    }

    @Test
    @Order(10)
    void theConsoleTakesOnlyUsersWithTheSshRole() throws Exception {
        String refused = refused("nossh", "no-console-secret-1", "cohort:list");
        assertFalse(refused.contains("hcc-demo"), "an analyst without role ssh sees nothing: " + refused);
        assertTrue(shell("cohort:list").contains("hcc-demo"), "an operator with role ssh does");
        String admin = dist.shell("admin", password, "cohort:list");
        assertTrue(admin.contains("hcc-demo"), "the admin bin/hepatica creates may use the console: " + admin);
    }

    @Test
    @Order(11)
    void anAdminAddsAUserWhosePasswordIsTypedNotGivenOnTheCommandLine() throws Exception {
        String out = dist.console(OPERATOR, OPERATOR_PASSWORD, "user:add --role analyst nurse",
                "nurse-long-secret-4", "nurse-long-secret-4");
        assertTrue(out.contains("Password for nurse (at least 12 characters):"), out);
        assertTrue(out.contains("added user nurse with roles analyst"), out);
        assertFalse(out.contains("nurse-long-secret-4"), "the password is echoed as stars only: " + out);
        assertEquals(200, api.send("GET", "/cohorts", "nurse", "nurse-long-secret-4", null, null).status(), "nurse signs in");
        assertEquals(403, api.send("GET", "/audit", "nurse", "nurse-long-secret-4", null, null).status(), "as an analyst");
        String users = Files.readString(dist.home.resolve("etc/users.properties"));
        assertTrue(users.matches("(?s).*\\bnurse = \\{CRYPT\\}PBKDF2-SHA256:.*,analyst\\b.*"), users);
        assertFalse(users.contains("nurse-long-secret-4"));
        JsonNode added = admin("/audit?action=user.add");
        assertEquals(OPERATOR, find(added, "target", "nurse").path("user").asText(), "audited with who added: " + added);

        String listed = shell("user:list");
        assertTrue(listed.contains("nurse") && listed.contains("analyst") && !listed.contains("PBKDF2"), listed);
        String differ = dist.console(OPERATOR, OPERATOR_PASSWORD, "user:add --role analyst nurse2",
                "nurse-long-secret-4", "other-long-secret");
        assertTrue(differ.contains("the two passwords differ"), differ);
        String weak = dist.console(OPERATOR, OPERATOR_PASSWORD, "user:add nurse3", "short", "short");
        assertTrue(weak.contains("at least 12 characters"), weak);
        String twice = dist.console(OPERATOR, OPERATOR_PASSWORD, "user:add nurse", "nurse-long-secret-4",
                "nurse-long-secret-4");
        assertTrue(twice.contains("exists already"), twice);
        String noTerminal = refused(OPERATOR, OPERATOR_PASSWORD, "user:add nurse4");
        assertTrue(noTerminal.contains("no password given"), "a command without a console to type in: " + noTerminal);
        String after = Files.readString(dist.home.resolve("etc/users.properties"));
        assertFalse(after.contains("nurse2") || after.contains("nurse3") || after.contains("nurse4"), after);
    }

    @Test
    @Order(12)
    void everyProtectedCommandRefusesAnAnalystAndEveryCommandAWrongPassword() throws Exception {
        for (String command : List.of("cohort:delete " + demoId, "user:add --role admin mallory", "user:list",
                "bundle:stop org.hepatica.plugin.summary", "feature:install hepatica-example-route")) {
            String refused = refused(ANALYST, ANALYST_PASSWORD, command);
            assertTrue(refused.contains("Command not found") || refused.contains("Insufficient credentials"),
                    command + ": " + refused);
        }
        for (String command : List.of("cohort:list", "cohort:info " + demoId, "analysis:list", "user:list")) {
            String refused = refused(OPERATOR, "not-the-password", command);
            assertFalse(refused.contains("hcc-demo") || refused.contains("operator"), command + ": " + refused);
        }
        assertNotNull(find(admin("/cohorts"), "id", demoId), "the demo cohort is still there");
        assertFalse(Files.readString(dist.home.resolve("etc/users.properties")).contains("mallory"));
    }

    @Test
    @Order(13)
    void bundleAndFeatureChangesAtTheConsoleAreAuditedWithTheConsoleUser() throws Exception {
        shell("bundle:stop org.hepatica.plugin.summary");
        shell("bundle:start org.hepatica.plugin.summary");
        JsonNode stopped = admin("/audit?action=osgi.bundle.stopped");
        JsonNode entry = null;
        for (JsonNode e : stopped) {
            entry = e.path("target").asText().startsWith("org.hepatica.plugin.summary ") ? e : entry;
        }
        assertNotNull(entry, "the stop is in the trail: " + stopped);
        assertEquals(OPERATOR, entry.path("user").asText(), entry.toString());
        assertTrue(admin("/audit?action=osgi.bundle.started").toString().contains("org.hepatica.plugin.summary"));

        // an institution's route bundle, installed and removed as a feature: the feature, its bundle and its route
        shell("feature:install hepatica-example-route");
        String installed = awaitAudit("feature.installed", "hepatica-example-route");
        assertEquals("system", entryFor(admin("/audit?action=feature.installed"), "hepatica-example-route").path("user")
                .asText(), "Karaf installs features in a thread of its own, where no console user is known: " + installed);
        awaitAudit("osgi.bundle.installed", "org.hepatica.routes.example");
        awaitAudit("route.added", "");
        shell("feature:uninstall hepatica-example-route");
        awaitAudit("feature.uninstalled", "hepatica-example-route");
        // who ran them: the console's own entries, with the user
        JsonNode commands = admin("/audit?action=console.command");
        for (String command : List.of("bundle:stop org.hepatica.plugin.summary", "feature:install hepatica-example-route",
                "feature:uninstall hepatica-example-route")) {
            JsonNode e = entryFor(commands, command);
            assertNotNull(e, command + " is in the trail: " + commands);
            assertEquals(OPERATOR, e.path("user").asText(), e.toString());
            assertEquals("done", e.path("detail").asText(), e.toString());
        }
        assertEquals(null, entryFor(commands, "cohort:list"), "reading commands are not entries: " + commands);
        JsonNode added = entryFor(commands, "user:add");
        assertNotNull(added, commands.toString());
        assertEquals("user:add", added.path("target").asText(), "no arguments of user:add kept: " + added);
        awaitAudit("osgi.bundle.uninstalled", "org.hepatica.routes.example");
        awaitAudit("route.removed", "");
        JsonNode verify = admin("/admin/audit/verify");
        assertTrue(verify.path("intact").asBoolean(), verify.toString());
    }

    /** The trail's entries of {@code action}, once one names {@code target} (within a minute). */
    private String awaitAudit(String action, String target) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        String entries;
        while (!(entries = admin("/audit?action=" + action).toString()).contains(target) || !entries.contains(action)) {
            assertTrue(System.nanoTime() < deadline, "no " + action + " entry for '" + target + "': " + entries);
            Thread.sleep(200);
        }
        return entries;
    }

    private static JsonNode entryFor(JsonNode entries, String targetPrefix) {
        JsonNode found = null;
        for (JsonNode e : entries) {
            found = e.path("target").asText().startsWith(targetPrefix) ? e : found;
        }
        return found;
    }
}
