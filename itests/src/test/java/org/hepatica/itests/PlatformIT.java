package org.hepatica.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Boots the built distribution the way an administrator does ({@code bin/hepatica start}) and
 * exercises the HTTP API: authentication and roles, import, listing, the proof analysis with its
 * provenance, and a restart that keeps cohorts, results and the password.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlatformIT {
    private static final String ANALYST = "ana";
    private static final String ANALYST_PASSWORD = "analyst-secret-1";

    /** The token of the fake REDCap project: 32 hexadecimal characters, as REDCap issues them. */
    private static final String REDCAP_TOKEN = "5A0C3E1B9D7F24681357ACE02468BDF1";

    private Distribution dist;
    private Api api;
    private HttpServer redcap;
    private final List<String> redcapRequests = new CopyOnWriteArrayList<>();
    private String password;
    private String startOutput;
    private String demoCohortId;
    private String resultId;

    @BeforeAll
    void start() throws Exception {
        dist = Distribution.fresh("PlatformIT");
        dist.usePorts();
        startRedcap();
        startOutput = dist.start();
        password = dist.adminPassword();
        dist.addUser(ANALYST, ANALYST_PASSWORD, "analyst");
        api = new Api(dist.baseUrl());
    }

    @AfterAll
    void stop() throws Exception {
        if (dist != null) {
            dist.stop();
        }
        if (redcap != null) {
            redcap.stop(0);
        }
    }

    /**
     * A REDCap project on a loopback port, answering the record export with the importer's test
     * export; the distribution is configured to pull it through the REDCap API, the token in a file.
     */
    private void startRedcap() throws Exception {
        byte[] export = Files.readAllBytes(java.nio.file.Path.of(
                "../core/importer/src/test/resources/redcap/hcc-rfa-rt-export.csv"));
        redcap = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        redcap.createContext("/api/", exchange -> {
            String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            redcapRequests.add(form);
            boolean ok = form.contains("token=" + REDCAP_TOKEN) && form.contains("content=record")
                    && form.contains("format=csv");
            byte[] body = ok ? export : "{\"error\":\"You do not have permissions to use the API\"}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(ok ? 200 : 403, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        redcap.start();
        java.nio.file.Path token = dist.home.resolve("etc/redcap.token");
        Files.writeString(token, REDCAP_TOKEN + "\n");
        Files.setPosixFilePermissions(token, EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        String cfg = "etc/org.hepatica.importer.cfg";
        dist.edit(cfg, "redcap.api.url", "http://127.0.0.1:" + redcap.getAddress().getPort() + "/api/");
        dist.edit(cfg, "redcap.api.tokenFile", "etc/redcap.token");
        dist.edit(cfg, "redcap.api.initialDelay", "1000");
    }

    private Api.Reply admin(String method, String path, String type, byte[] body) throws Exception {
        return api.send(method, path, "admin", password, type, body);
    }

    @Test
    @Order(1)
    void firstStartPrintsTheUrlAndAPasswordKeptOnlyForTheOwner() throws Exception {
        assertTrue(startOutput.contains(dist.baseUrl()), startOutput);
        Matcher m = Pattern.compile("Password: (\\S+)").matcher(startOutput);
        assertTrue(m.find(), startOutput);
        assertEquals(password, m.group(1));
        assertTrue(password.length() >= 16, "a random password of at least 16 characters");
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dist.home.resolve("data/initial-admin-password"));
        assertEquals(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE), perms);
        String users = Files.readString(dist.home.resolve("etc/users.properties"));
        assertFalse(users.contains(password), "the password is stored hashed");
        assertTrue(users.matches("(?s).*\\badmin = \\{CRYPT\\}PBKDF2-SHA256:\\d+:[\\w-]+:[\\w-]+\\{CRYPT\\},.*"),
                "salted since its first login (bin/hepatica imported the demo cohort with it): " + users);
        assertEquals(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                Files.getPosixFilePermissions(dist.home.resolve("etc/users.properties")), "the users file is the owner's");
    }

    @Test
    @Order(2)
    void withoutOrWithWrongCredentialsTheApiAnswers401() throws Exception {
        Api.Reply none = api.send("GET", "/analyses", null, null, null, null);
        assertEquals(401, none.status());
        assertTrue(none.contentType().startsWith("application/problem+json"));
        assertEquals(401, none.json().get("status").asInt());
        assertEquals(401, api.send("GET", "/cohorts", "admin", "not-the-password", null, null).status());
    }

    @Test
    @Order(2)
    void aSecondInstallationOnTheTakenPortRefusesToStartAndSaysWhy() throws Exception {
        Distribution second = Distribution.fresh("PlatformIT-second");
        Map.Entry<Integer, String> start = second.tryStart();
        assertEquals(1, start.getKey(), start.getValue());
        assertTrue(start.getValue().contains("port " + Distribution.HTTP_PORT + " is already in use"), start.getValue());
        assertFalse(Files.exists(second.home.resolve("karaf.pid")), "no Karaf was started: " + start.getValue());
        assertEquals(401, api.send("GET", "/analyses", null, null, null, null).status(), "the running platform still answers");
    }

    @Test
    @Order(3)
    void theProofAnalysisIsListedWithItsBundle() throws Exception {
        Api.Reply r = admin("GET", "/analyses", null, null);
        assertEquals(200, r.status());
        JsonNode summary = find(r.json(), "id", "summary");
        assertNotNull(summary, r.body());
        assertEquals("org.hepatica.plugin.summary", summary.get("bundle").asText());
        assertTrue(summary.get("parameters").get(0).has("default"));
    }

    @Test
    @Order(4)
    void theDemoCohortIsListed() throws Exception {
        Api.Reply r = admin("GET", "/cohorts", null, null);
        assertEquals(200, r.status());
        JsonNode demo = find(r.json(), "name", "hcc-demo");
        assertNotNull(demo, r.body());
        assertEquals(400, demo.get("patients").asInt());
        assertEquals(64, demo.get("checksum").asText().length());
        demoCohortId = demo.get("id").asText();
    }

    @Test
    @Order(5)
    void importingTheSameBytesAgainReturnsTheExistingCohort() throws Exception {
        byte[] csv = Files.readAllBytes(dist.home.resolve("demo/hcc-demo.csv"));
        Api.Reply again = admin("POST", "/cohorts?name=hcc-demo-again", "text/csv", csv);
        assertEquals(200, again.status(), again.body());
        assertEquals(demoCohortId, again.json().get("id").asText());
        long count = 0;
        for (JsonNode c : admin("GET", "/cohorts", null, null).json()) {
            count += c.get("checksum").asText().equals(again.json().get("checksum").asText()) ? 1 : 0;
        }
        assertEquals(1, count, "no duplicate cohort");
    }

    @Test
    @Order(6)
    void anImportReportsEveryRejectedRowWithLineColumnAndReason() throws Exception {
        String csv = "patient_id,os_time,os_event,age\nP1,100,1,60\nP2,-5,0,70\nP3,200,2,55\nP1,300,0,50\n";
        Api.Reply r = api.send("POST", "/cohorts?name=small", ANALYST, ANALYST_PASSWORD, "text/csv",
                csv.getBytes(StandardCharsets.UTF_8));
        assertEquals(201, r.status(), r.body());
        JsonNode j = r.json();
        assertEquals(4, j.get("rowsRead").asInt());
        assertEquals(1, j.get("rowsAccepted").asInt());
        assertEquals(3, j.get("rowsRejected").asInt());
        JsonNode first = j.get("rejections").get(0);
        assertEquals(3, first.get("line").asInt());
        assertEquals("os_time", first.get("column").asText());
        assertTrue(first.get("reason").asText().contains("negative"));
        String log = Files.readString(dist.home.resolve("data/log/hepatica.log"));
        assertTrue(log.contains("[hepatica-import] cohort 'small'"), "HTTP imports pass the Camel import route");
        JsonNode detail = admin("GET", "/cohorts/" + j.get("id").asText(), null, null).json();
        assertEquals(3, detail.get("rowsRejected").asInt(), "the rejections are kept with the import");
    }

    @Test
    @Order(7)
    void aFileWithNoAcceptableRowIs422AndStoresNothing() throws Exception {
        int before = admin("GET", "/cohorts", null, null).json().size();
        Api.Reply r = admin("POST", "/cohorts?name=bad", "text/csv", "id;age\n1;2\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(422, r.status(), r.body());
        assertTrue(r.contentType().startsWith("application/problem+json"));
        assertTrue(r.json().get("errors").get(0).get("reason").asText().contains("';'"), r.body());
        assertEquals(before, admin("GET", "/cohorts", null, null).json().size());
    }

    @Test
    @Order(7)
    void aBodyThatIsNotCsvIs415AndStoresNothing() throws Exception {
        // counted by name: the REDCap pull of the start may store its cohort at any moment meanwhile
        byte[] csv = "patient_id,os_time,os_event\nP1,100,1\n".getBytes(StandardCharsets.UTF_8);
        for (String type : new String[] {"application/xml", "multipart/form-data; boundary=x", "application/json", null}) {
            Api.Reply r = admin("POST", "/cohorts?name=typed", type, csv);
            assertEquals(415, r.status(), type + ": " + r.body());
            assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
            assertTrue(r.json().get("detail").asText().contains("text/csv"), r.body());
        }
        assertEquals(0, named("typed"), "a refused body stores nothing");
        assertEquals(201, admin("POST", "/cohorts?name=typed", "text/csv; charset=utf-8", csv).status());
        Api.Reply undecodable = admin("POST", "/cohorts?name=%ff", "text/csv",
                "patient_id,os_time,os_event\nP9,100,1\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, undecodable.status(), undecodable.body());
        assertTrue(undecodable.json().get("detail").asText().contains("query string"), undecodable.body());
        assertEquals(1, named("typed"));
        for (JsonNode c : admin("GET", "/cohorts", null, null).json()) {
            assertTrue(c.get("name").asText().matches("[\\w.+-]+"), "no cohort under an undecoded name: " + c);
        }
    }

    private int named(String name) throws Exception {
        int n = 0;
        for (JsonNode c : admin("GET", "/cohorts", null, null).json()) {
            n += c.get("name").asText().equals(name) ? 1 : 0;
        }
        return n;
    }

    @Test
    @Order(7)
    void theServersOwnErrorsAreProblemDocumentsNamingNoInternals() throws Exception {
        String auth = "Authorization: Basic " + java.util.Base64.getEncoder()
                .encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8)) + "\r\n";
        String[][] cases = {
            {"GET /api/v1/" + "a".repeat(9000) + " HTTP/1.1\r\n", "414", "uri-too-long"},
            {"GET /api/v1/analyses HTTP/1.1\r\nX-Big: " + "b".repeat(10_000) + "\r\n", "431", "headers-too-large"},
            {"GET /api/v1/% HTTP/1.1\r\n", "400", "bad-request"},
            {"GET /api/v1/..;/cohorts HTTP/1.1\r\n", "400", "bad-request"},
            {"DELETE /api/v1/%2e%2e/cohorts HTTP/1.1\r\n", "404", "not-found"},
            {"PUT /elsewhere HTTP/1.1\r\n", "404", "not-found"},
            {"GET /api/v1/cohorts HTTP/7.0\r\n", "505", "http-version-not-supported"},
        };
        for (String[] c : cases) {
            String request = c[0] + "Host: localhost\r\n" + auth + "Content-Length: 0\r\nConnection: close\r\n\r\n";
            String answer;
            try (java.net.Socket socket = new java.net.Socket("localhost", Distribution.HTTP_PORT)) {
                socket.setSoTimeout(20_000);
                socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
                socket.getOutputStream().flush();
                answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            }
            String what = c[0].substring(0, Math.min(60, c[0].length()));
            assertTrue(answer.startsWith("HTTP/1.1 " + c[1]), what + " -> " + answer);
            String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
            assertFalse(body.contains("<") || body.toLowerCase().contains("jetty") || body.contains("Exception"), what + " -> " + body);
            if (c[2] != null) {
                assertTrue(answer.toLowerCase().contains("content-type: application/problem+json"), what + " -> " + answer);
                JsonNode problem = Api.JSON.readTree(body);
                assertEquals("urn:hepatica:problem:" + c[2], problem.get("type").asText(), body);
                assertEquals(Integer.parseInt(c[1]), problem.get("status").asInt(), body);
                assertFalse(problem.get("detail").asText().isEmpty(), body);
            }
        }
    }

    @Test
    @Order(7)
    void aColumnOfDirectIdentifiersIsRefusedUnlessTheImportDropsIt() throws Exception {
        byte[] csv = ("patient_id,os_time,os_event,email\nP1,100,1,jane@example.org\nP2,200,0,john@example.org\n")
                .getBytes(StandardCharsets.UTF_8);
        Api.Reply refused = admin("POST", "/cohorts?name=with-emails", "text/csv", csv);
        assertEquals(422, refused.status(), refused.body());
        assertTrue(refused.body().contains("'email'") && refused.body().contains("dropColumns=email"), refused.body());
        Api.Reply dropped = admin("POST", "/cohorts?name=with-emails&dropColumns=email", "text/csv", csv);
        assertEquals(201, dropped.status(), dropped.body());
        JsonNode cohort = find(admin("GET", "/cohorts", null, null).json(), "name", "with-emails");
        assertNotNull(cohort);
        assertEquals(2, cohort.get("patients").asInt());
    }

    @Test
    @Order(7)
    void aFileOfManyBadRowsAnswersTheFirstThousandAndTheReportHasEveryOne() throws Exception {
        StringBuilder csv = new StringBuilder("patient_id,os_time,os_event\n");
        for (int i = 0; i < 5000; i++) {
            csv.append("DUP,").append(i + 1).append(",1\n"); // one patient id repeated: every row but the first refused
        }
        Api.Reply r = admin("POST", "/cohorts?name=repeated-id", "text/csv", csv.toString().getBytes(StandardCharsets.UTF_8));
        assertEquals(201, r.status(), r.body().substring(0, Math.min(500, r.body().length())));
        JsonNode j = r.json();
        assertEquals(4999, j.get("rowsRejected").asInt());
        assertEquals(1000, j.get("rejections").size());
        assertEquals(4999, j.get("rejectionCount").asInt());
        String url = j.get("rejectionReport").asText();
        Api.Reply report = admin("GET", url.substring(url.indexOf("/api/v1") + 7), null, null);
        assertEquals(200, report.status());
        assertTrue(report.contentType().startsWith("text/csv"), report.contentType());
        String[] lines = report.body().split("\n");
        assertEquals(5000, lines.length, "header and 4999 problems");
        assertTrue(lines[4999].startsWith("5001,patient_id,\"duplicate patient_id 'DUP'") || lines[4999].startsWith("5001,patient_id,duplicate"),
                lines[4999]);
    }

    @Test
    @Order(7)
    void slowUploadsHoldAtMostTheImportSlotsAndTheApiStaysResponsive() throws Exception {
        String auth = java.util.Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
        List<java.net.Socket> slow = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 12; i++) { // each announces 1 MB and sends a few bytes, then nothing
                java.net.Socket socket = new java.net.Socket("localhost", Distribution.HTTP_PORT);
                socket.getOutputStream().write(("POST /api/v1/cohorts?name=slow" + i + " HTTP/1.1\r\nHost: localhost\r\n"
                        + "Authorization: Basic " + auth + "\r\nContent-Type: text/csv\r\nContent-Length: 1048576\r\n\r\n"
                        + "patient_id,os_time").getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                slow.add(socket);
            }
            Thread.sleep(500);
            long t0 = System.nanoTime();
            Api.Reply list = admin("GET", "/cohorts", null, null);
            assertEquals(200, list.status());
            assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "listing answers while uploads stall");
            Api.Reply another = admin("POST", "/cohorts?name=while-slow", "text/csv",
                    "patient_id,os_time,os_event\nP1,1,1\n".getBytes(StandardCharsets.UTF_8));
            assertEquals(503, another.status(), "every import slot is held: " + another.body());
            assertTrue(another.json().get("detail").asText().contains("maxConcurrentImports"), another.body());
        } finally {
            for (java.net.Socket socket : slow) {
                socket.close();
            }
        }
        // the slots come back once the stalled uploads are gone
        long deadline = System.nanoTime() + 30_000_000_000L;
        int status;
        do {
            Thread.sleep(200);
            status = admin("POST", "/cohorts?name=after-slow", "text/csv",
                    "patient_id,os_time,os_event\nP1,2,1\n".getBytes(StandardCharsets.UTF_8)).status();
        } while (status == 503 && System.nanoTime() < deadline);
        assertEquals(201, status);
    }

    @Test
    @Order(8)
    void runningTheAnalysisReturnsAResultWithProvenance() throws Exception {
        Api.Reply r = api.send("POST", "/cohorts/" + demoCohortId + "/analyses/summary", ANALYST, ANALYST_PASSWORD,
                "application/json", "{\"parameters\": {\"endpoints\": [\"OS\"]}}".getBytes(StandardCharsets.UTF_8));
        assertEquals(200, r.status(), r.body());
        JsonNode j = r.json();
        assertEquals(400, j.get("result").get("patients").asInt());
        JsonNode os = j.get("result").get("endpoints").get(0);
        assertEquals("OS", os.get("endpoint").asText());
        assertTrue(os.get("events").asInt() > 0);
        JsonNode p = j.get("provenance");
        assertEquals("summary", p.get("analysisId").asText());
        assertEquals("org.hepatica.plugin.summary", p.get("pluginBundle").asText());
        assertFalse(p.get("pluginVersion").asText().isEmpty());
        assertFalse(p.get("platformVersion").asText().isEmpty());
        JsonNode cohort = admin("GET", "/cohorts/" + demoCohortId, null, null).json();
        assertEquals(cohort.get("checksum").asText(), p.get("cohortChecksum").asText());
        assertEquals("OS", p.get("parameters").get("endpoints").get(0).asText());
        assertTrue(p.has("startedAt") && p.has("durationMs"));
        resultId = j.get("id").asText();
        Api.Reply stored = admin("GET", "/results/" + resultId, null, null);
        assertEquals(200, stored.status());
        assertEquals(j, stored.json());

        // the cohort lists its results, newest first, to every analyst (not only to who ran them)
        Api.Reply second = admin("POST", "/cohorts/" + demoCohortId + "/analyses/summary", "application/json", null);
        assertEquals(200, second.status(), second.body());
        Api.Reply listed = api.send("GET", "/cohorts/" + demoCohortId + "/results", ANALYST, ANALYST_PASSWORD, null, null);
        assertEquals(200, listed.status(), listed.body());
        JsonNode results = listed.json();
        assertEquals(second.json().get("id").asText(), results.get(0).get("id").asText(), "newest first: " + results);
        assertEquals(resultId, results.get(1).get("id").asText(), results.toString());
        assertEquals("summary", results.get(1).get("analysis").asText());
        assertEquals(demoCohortId, results.get(1).get("cohort").asText());
        assertEquals(java.time.Instant.parse(p.get("startedAt").asText()).truncatedTo(java.time.temporal.ChronoUnit.MILLIS),
                java.time.Instant.parse(results.get(1).get("startedAt").asText()).truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        assertEquals(404, admin("GET", "/cohorts/no-such-cohort/results", null, null).status());
    }

    @Test
    @Order(8)
    void meNamesTheSignedInUserAndTheirPlatformRoles() throws Exception {
        JsonNode me = api.send("GET", "/me", ANALYST, ANALYST_PASSWORD, null, null).json();
        assertEquals(ANALYST, me.get("name").asText());
        assertEquals("[\"analyst\"]", me.get("roles").toString());
        JsonNode admin = admin("GET", "/me", null, null).json();
        assertEquals("[\"admin\",\"analyst\"]", admin.get("roles").toString(), "ssh is the console's, not listed");
        assertEquals(401, api.send("GET", "/me", null, null, null, null).status());
    }

    @Test
    @Order(9)
    void badParametersAndUnknownAnalysesAreExplained() throws Exception {
        Api.Reply bad = admin("POST", "/cohorts/" + demoCohortId + "/analyses/summary", "application/json",
                "{\"parameters\": {\"endpoints\": \"OS\"}}".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, bad.status(), bad.body());
        assertEquals("endpoints", bad.json().get("parameter").asText());
        Api.Reply unknown = admin("POST", "/cohorts/" + demoCohortId + "/analyses/nope", "application/json", null);
        assertEquals(404, unknown.status());
    }

    @Test
    @Order(10)
    void anAnalystMayNotDeleteNorReadTheAudit() throws Exception {
        assertEquals(403, api.send("DELETE", "/cohorts/" + demoCohortId, ANALYST, ANALYST_PASSWORD, null, null).status());
        assertEquals(403, api.send("GET", "/audit", ANALYST, ANALYST_PASSWORD, null, null).status());
        JsonNode audit = admin("GET", "/audit", null, null).json();
        assertNotNull(find(audit, "action", "analysis.run"), audit.toString());
    }

    @Test
    @Order(11)
    void theOpenApiDocumentIsServed() throws Exception {
        Api.Reply r = admin("GET", "/openapi.json", null, null);
        assertEquals(200, r.status());
        assertTrue(r.json().get("paths").has("/cohorts/{id}/analyses/{analysisId}"));
    }

    @Test
    @Order(12)
    void aFileDroppedIntoTheInboxBecomesACohortAndIsArchived() throws Exception {
        java.nio.file.Path inbox = dist.home.resolve("inbox");
        String csv = "patient_id,os_time,os_event,arm\nI1,100,1,RFA\nI2,200,0,RFA+RT\n";
        // written elsewhere, then moved in: the route never sees a half-written file
        java.nio.file.Path staged = Files.writeString(dist.home.resolve("data/tmp-inbox-cohort.csv"), csv);
        Files.move(staged, inbox.resolve("inbox-cohort.csv"));
        JsonNode cohort = waitFor(() -> find(admin("GET", "/cohorts", null, null).json(), "name", "inbox-cohort"));
        assertEquals(2, cohort.get("patients").asInt());
        // the original moves to archive/ once the exchange completes, just after the cohort is stored
        waitFor(() -> {
            try (var files = Files.list(dist.home.resolve("archive"))) {
                return files.anyMatch(f -> f.getFileName().toString().startsWith("inbox-cohort-")) ? true : null;
            } catch (java.nio.file.NoSuchFileException e) {
                return null;
            }
        });
        assertFalse(Files.exists(inbox.resolve("inbox-cohort.csv")));
    }

    @Test
    @Order(13)
    void aRefusedInboxFileMovesToFailedWithAReportNamingTheProblem() throws Exception {
        java.nio.file.Path staged = Files.writeString(dist.home.resolve("data/tmp-refused.csv"),
                "patient_id;os_time\nX;1\n");
        Files.move(staged, dist.home.resolve("inbox/refused.csv"));
        java.nio.file.Path report = waitFor(() -> {
            try (var files = Files.list(dist.home.resolve("failed"))) {
                return files.filter(f -> f.getFileName().toString().startsWith("refused")
                        && f.getFileName().toString().endsWith(".report.txt")).findFirst().orElse(null);
            } catch (java.nio.file.NoSuchFileException e) {
                return null;
            }
        });
        assertTrue(Files.readString(report).contains("separated by ';'"), Files.readString(report));
        assertEquals(null, find(admin("GET", "/cohorts", null, null).json(), "name", "refused"));
    }

    @Test
    @Order(14)
    void theRedcapProjectIsPulledThroughTheApiMappedAndImported_theTokenIsInNoLog() throws Exception {
        JsonNode cohort = waitFor(() -> find(admin("GET", "/cohorts", null, null).json(), "name", "hcc-rfa-rt"));
        // the test export: four records, one of which the validator rejects
        assertEquals(3, cohort.get("patients").asInt());
        assertTrue(redcapRequests.get(0).contains("type=flat"), redcapRequests.get(0));
        String log = Files.readString(dist.home.resolve("data/log/hepatica.log"));
        assertTrue(log.contains("by route:hepatica-redcap-api"), "imported by the API pull route");
        assertFalse(log.contains(REDCAP_TOKEN), "the REDCap token is in the log");
    }

    /** Polls until {@code probe} gives a value (at most 30 s). */
    private static <T> T waitFor(java.util.concurrent.Callable<T> probe) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            T value = probe.call();
            if (value != null) {
                return value;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("not within 30 s");
    }

    @Test
    @Order(20)
    void aRestartKeepsCohortsResultsAndThePassword() throws Exception {
        dist.stop();
        String second = dist.start();
        assertFalse(second.contains("Password: " + password), "the password is printed once only");
        assertEquals(password, dist.adminPassword());
        Api.Reply cohorts = admin("GET", "/cohorts", null, null);
        assertEquals(200, cohorts.status());
        assertNotNull(find(cohorts.json(), "id", demoCohortId));
        assertEquals(1, count(cohorts.json(), "name", "hcc-demo"), "the demo is not imported twice");
        Api.Reply stored = admin("GET", "/results/" + resultId, null, null);
        assertEquals(200, stored.status());
        assertEquals("summary", stored.json().get("provenance").get("analysisId").asText());
    }

    @Test
    @Order(30)
    void anAdminDeletesACohort() throws Exception {
        Api.Reply small = admin("POST", "/cohorts?name=to-delete", "text/csv",
                "patient_id,os_time,os_event\nX1,10,1\n".getBytes(StandardCharsets.UTF_8));
        String id = small.json().get("id").asText();
        assertEquals(204, admin("DELETE", "/cohorts/" + id, null, null).status());
        assertEquals(404, admin("GET", "/cohorts/" + id, null, null).status());
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode n : array) {
            if (n.has(field) && n.get(field).asText().equals(value)) {
                return n;
            }
        }
        return null;
    }

    private static int count(JsonNode array, String field, String value) {
        int c = 0;
        for (JsonNode n : array) {
            c += n.has(field) && n.get(field).asText().equals(value) ? 1 : 0;
        }
        return c;
    }
}
