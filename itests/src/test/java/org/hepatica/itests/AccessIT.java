package org.hepatica.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Logins and the audit trail on a booted distribution: wrong passwords are answered 401 and then
 * 429 with Retry-After while others sign in at once, the failures are audited with the address
 * and without the password, a refused admin call is audited, the trail is filtered, paged and
 * exported as CSV, and its hash chain is intact.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AccessIT {
    private static final String ANALYST = "ana";
    private static final String ANALYST_PASSWORD = "analyst-secret-1";
    private static final String WRONG = "wrong-guess-";
    /** A user the realm knows, with none of the platform's roles. */
    private static final String NO_ROLE = "visitor";
    private static final String NO_ROLE_PASSWORD = "visitor-secret-1";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private Distribution dist;
    private String password;

    @BeforeAll
    void start() throws Exception {
        dist = Distribution.started("AccessIT");
        password = dist.adminPassword();
        dist.addUser(ANALYST, ANALYST_PASSWORD, "analyst");
        dist.addUser(NO_ROLE, NO_ROLE_PASSWORD, "viewer");
    }

    @AfterAll
    void stop() throws Exception {
        if (dist != null) {
            dist.stop();
        }
    }

    private HttpResponse<String> get(String path, String user, String pass) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(dist.baseUrl() + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":" + pass).getBytes(StandardCharsets.UTF_8)))
                .GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode admin(String path) throws Exception {
        HttpResponse<String> r = get(path, "admin", password);
        assertEquals(200, r.statusCode(), r.body());
        return Api.JSON.readTree(r.body());
    }

    private static long retryAfter(HttpResponse<String> r) {
        return Long.parseLong(r.headers().firstValue("Retry-After").orElseThrow());
    }

    @Test
    @Order(1)
    void wrongPasswordsAreAnswered401ThenThrottledWhileOthersSignInAtOnce() throws Exception {
        assertEquals(200, get("/cohorts", ANALYST, ANALYST_PASSWORD).statusCode(), "ana signs in");
        for (int i = 1; i <= 5; i++) {
            assertEquals(401, get("/cohorts", ANALYST, WRONG + i).statusCode(), "wrong password " + i);
        }
        HttpResponse<String> sixth = get("/cohorts", ANALYST, WRONG + 6);
        assertEquals(429, sixth.statusCode(), sixth.body());
        assertTrue(sixth.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertEquals("urn:hepatica:problem:too-many-attempts", Api.JSON.readTree(sixth.body()).path("type").asText());
        assertTrue(retryAfter(sixth) >= 1, "Retry-After: " + retryAfter(sixth));
        assertEquals(200, get("/cohorts", "admin", password).statusCode(), "admin is not slowed meanwhile");

        // after the window a wrong password is checked again, and opens a window twice as long
        Thread.sleep(retryAfter(sixth) * 1000 + 200);
        assertEquals(401, get("/cohorts", ANALYST, WRONG + 7).statusCode());
        HttpResponse<String> locked = get("/cohorts", ANALYST, ANALYST_PASSWORD);
        assertEquals(429, locked.statusCode(), "the right password is refused during the window");
        assertEquals(200, get("/cohorts", "admin", password).statusCode());

        Thread.sleep(retryAfter(locked) * 1000 + 200);
        assertEquals(200, get("/cohorts", ANALYST, ANALYST_PASSWORD).statusCode(), "after the window ana signs in");
        assertEquals(401, get("/cohorts", ANALYST, WRONG + 8).statusCode(), "the success cleared the count");
        assertEquals(200, get("/cohorts", ANALYST, ANALYST_PASSWORD).statusCode());
    }

    @Test
    @Order(2)
    void failedLoginsAreAuditedWithTheAddressAndNeverThePassword() throws Exception {
        JsonNode failed = admin("/audit?user=" + ANALYST + "&action=login.failed");
        assertEquals(7, failed.size(), failed.toString());
        for (JsonNode e : failed) {
            assertEquals("login.failed", e.path("action").asText());
            assertEquals(ANALYST, e.path("user").asText());
            assertTrue(e.path("detail").asText().matches("from [0-9a-fA-F:.]+"), e.toString());
        }
        String all = get("/audit?limit=10000", "admin", password).body();
        assertFalse(all.contains(WRONG), "no password in the audit trail");
        String log = Files.readString(dist.home.resolve("data/log/hepatica.log"));
        assertTrue(log.contains("failed login of user 'ana' from "), "the failures are logged");
        assertFalse(log.contains(WRONG), "no password in the log");
        assertTrue(admin("/audit?action=login.locked").size() >= 2, "each lockout is audited");
    }

    @Test
    @Order(3)
    void anAnalystCallingAnAdminPathIsRefusedAndAudited() throws Exception {
        assertEquals(403, get("/admin/bundles", ANALYST, ANALYST_PASSWORD).statusCode());
        JsonNode denied = admin("/audit?action=access.denied&user=" + ANALYST);
        assertEquals(1, denied.size(), denied.toString());
        assertEquals("GET /api/v1/admin/bundles", denied.get(0).path("target").asText());
    }

    @Test
    @Order(4)
    void theTrailIsFilteredPagedAndExportedAsCsv() throws Exception {
        JsonNode logins = admin("/audit?action=login.");
        assertTrue(logins.size() >= 9, logins.toString());
        for (JsonNode e : logins) {
            assertTrue(e.path("action").asText().startsWith("login."), e.toString());
        }
        JsonNode two = admin("/audit?action=login.&limit=2");
        assertEquals(2, two.size());
        assertEquals(logins.get(0), two.get(0), "oldest first, as without a limit");
        JsonNode next = admin("/audit?action=login.&limit=2&after=" + two.get(1).path("seq").asLong());
        assertEquals(logins.get(2), next.get(0), "paged on after the last sequence number");
        assertEquals(logins.get(3), admin("/audit?action=login.&limit=1&offset=3").get(0));
        assertEquals(400, get("/audit?limit=10001", "admin", password).statusCode());
        assertEquals(400, get("/audit?limit=0", "admin", password).statusCode());

        for (String path : new String[] {"/audit.csv?user=ana", "/audit?user=ana&format=csv"}) {
            HttpResponse<String> csv = get(path, "admin", password);
            assertEquals(200, csv.statusCode(), csv.body());
            assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
            String[] lines = csv.body().split("\r\n");
            assertEquals("seq,at,user,action,target,detail", lines[0]);
            assertTrue(lines.length > 9, csv.body());
            assertTrue(lines[1].contains(",ana,login.failed,ana,from "), lines[1]);
        }
        assertEquals(403, get("/audit.csv", ANALYST, ANALYST_PASSWORD).statusCode());
    }

    @Test
    @Order(5)
    void theTrailsHashChainIsIntact() throws Exception {
        JsonNode v = admin("/admin/audit/verify");
        assertTrue(v.path("intact").asBoolean(), v.toString());
        assertTrue(v.path("entries").asLong() >= 10, v.toString());
        assertEquals(403, get("/admin/audit/verify", ANALYST, ANALYST_PASSWORD).statusCode());
    }

    private HttpResponse<String> post(String path, String user, String pass, String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(dist.baseUrl() + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":" + pass).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @Order(6)
    void anAdminAddsAUserOverTheApiWithASaltedPassword() throws Exception {
        String bea = "{\"name\": \"bea\", \"password\": \"bea-long-secret-7\", \"roles\": [\"analyst\"]}";
        assertEquals(403, post("/admin/users", ANALYST, ANALYST_PASSWORD, bea).statusCode(), "analysts may not");
        HttpResponse<String> weak = post("/admin/users", "admin", password,
                "{\"name\": \"cid\", \"password\": \"short\", \"roles\": [\"analyst\"]}");
        assertEquals(400, weak.statusCode(), weak.body());
        assertTrue(weak.body().contains("at least 12 characters"), weak.body());
        assertEquals(400, post("/admin/users", "admin", password,
                "{\"name\": \"cid\", \"password\": \"long-enough-pass\", \"roles\": [\"root\"]}").statusCode());
        HttpResponse<String> added = post("/admin/users", "admin", password, bea);
        assertEquals(201, added.statusCode(), added.body());
        assertFalse(added.body().contains("bea-long-secret-7"), "the password is not echoed");
        assertEquals(409, post("/admin/users", "admin", password, bea).statusCode(), "twice");
        assertEquals(200, get("/cohorts", "bea", "bea-long-secret-7").statusCode(), "bea signs in");
        assertEquals(403, get("/audit", "bea", "bea-long-secret-7").statusCode(), "as an analyst");
        String users = java.nio.file.Files.readString(dist.home.resolve("etc/users.properties"));
        assertTrue(users.matches("(?s).*\\bbea = \\{CRYPT\\}PBKDF2-SHA256:.*,analyst\\b.*"), users);
        assertFalse(users.contains("bea-long-secret-7"));
        JsonNode list = admin("/admin/users");
        assertTrue(list.toString().contains("\"bea\"") && !list.toString().contains("PBKDF2"), list.toString());
        String audit = admin("/audit?action=user.").toString();
        assertTrue(audit.contains("bea") && !audit.contains("bea-long-secret-7"), audit);
    }

    /** One request: {@code user} null sends no credentials; a POST sends {@code body} as {@code type}. */
    private Api.Reply call(String method, String path, String user, String pass, String type, String body) throws Exception {
        return new Api(dist.baseUrl()).send(method, path, user, pass, type,
                body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    private record Operation(String method, String path, String type, String body) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    @Test
    @Order(7)
    void everyOperationIs401WithoutCredentialsAnd403WithoutItsRole() throws Exception {
        String demo = null;
        for (JsonNode c : admin("/cohorts")) {
            demo = c.path("name").asText().equals("hcc-demo") ? c.path("id").asText() : demo;
        }
        HttpResponse<String> run = post("/cohorts/" + demo + "/analyses/dfs", "admin", password, "{}");
        assertEquals(200, run.statusCode(), run.body());
        String result = Api.JSON.readTree(run.body()).path("id").asText();
        String csv = "patient_id,arm,os_time,os_event\nR1,RFA,100,1\nR2,RFA+RT,200,0\n";
        String user = "{\"name\": \"eve\", \"password\": \"eve-long-secret-9\", \"roles\": [\"admin\"]}";
        String bundle = "/admin/bundles/org.hepatica.plugin.summary/";
        java.util.List<Operation> analystOps = java.util.List.of(
                new Operation("GET", "/cohorts", null, null),
                new Operation("GET", "/cohorts/" + demo, null, null),
                new Operation("POST", "/cohorts?name=matrix", "text/csv", csv),
                new Operation("GET", "/analyses", null, null),
                new Operation("POST", "/cohorts/" + demo + "/analyses/summary", "application/json", "{}"),
                new Operation("GET", "/results/" + result, null, null),
                new Operation("GET", "/results/" + result + "/plot.svg", null, null),
                new Operation("GET", "/results/" + result + "/report.html", null, null));
        java.util.List<Operation> adminOps = java.util.List.of(
                new Operation("DELETE", "/cohorts/" + demo, null, null),
                new Operation("GET", "/audit", null, null),
                new Operation("GET", "/audit.csv", null, null),
                new Operation("GET", "/admin/audit/verify", null, null),
                new Operation("GET", "/admin/users", null, null),
                new Operation("POST", "/admin/users", "application/json", user),
                new Operation("GET", "/admin/bundles", null, null),
                new Operation("POST", "/admin/bundles", "application/java-archive", "not a jar"),
                new Operation("POST", bundle + "stop", null, null),
                new Operation("POST", bundle + "start", null, null),
                new Operation("POST", bundle + "update", null, null));
        java.util.List<String> wrong = new java.util.ArrayList<>();
        for (Operation op : concat(analystOps, adminOps)) {
            expect(wrong, op, null, null, 401);
        }
        for (Operation op : concat(analystOps, adminOps)) {
            expect(wrong, op, NO_ROLE, NO_ROLE_PASSWORD, 403);
        }
        for (Operation op : adminOps) {
            expect(wrong, op, ANALYST, ANALYST_PASSWORD, 403);
        }
        for (Operation op : analystOps) {
            Api.Reply r = call(op.method(), op.path(), ANALYST, ANALYST_PASSWORD, op.type(), op.body());
            if (r.status() / 100 != 2) {
                wrong.add(op + " as analyst: " + r.status() + " " + r.body());
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
        // nothing the refused calls asked for happened
        assertTrue(admin("/cohorts").toString().contains(demo), "the demo cohort is still there");
        assertFalse(admin("/admin/users").toString().contains("\"eve\""), "no user was added");
        for (JsonNode b : admin("/admin/bundles")) {
            if (b.path("symbolicName").asText().equals("org.hepatica.plugin.summary")) {
                assertEquals("ACTIVE", b.path("state").asText(), b.toString());
            }
        }
        JsonNode denied = admin("/audit?action=access.denied&user=" + NO_ROLE);
        assertEquals(analystOps.size() + adminOps.size(), denied.size(), "each refusal is audited: " + denied);
    }

    private static java.util.List<Operation> concat(java.util.List<Operation> a, java.util.List<Operation> b) {
        java.util.List<Operation> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private void expect(java.util.List<String> wrong, Operation op, String user, String pass, int status) throws Exception {
        Api.Reply r = call(op.method(), op.path(), user, pass, op.type(), op.body());
        if (r.status() != status || !r.contentType().startsWith("application/problem+json")) {
            wrong.add(op + " as " + (user == null ? "nobody" : user) + ": expected " + status + " problem, got "
                    + r.status() + " " + r.contentType() + " " + r.body());
        }
    }
}
