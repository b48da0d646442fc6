package org.hepatica.importer.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.hepatica.cohort.CohortService;
import org.hepatica.cohort.CohortSummary;
import org.hepatica.cohort.CohortView;
import org.hepatica.cohort.ImportResult;
import org.hepatica.cohort.TimeUnit;
import org.hepatica.importer.ImportEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The REDCap API pull against a fake REDCap on 127.0.0.1 that serves the test export and records
 * every POSTed form, through the REDCap mapping route into the import endpoint.
 */
class RedcapApiRouteTest {
    static final String TOKEN = "0123456789ABCDEF0123456789ABCDEF";
    static final String FORBIDDEN = "{\"error\":\"You do not have permissions to use the API\"}";

    @TempDir
    Path dir;
    private HttpServer server;
    private final List<Map<String, String>> forms = new CopyOnWriteArrayList<>();
    private final List<Answer> answers = new CopyOnWriteArrayList<>();
    private byte[] export;
    private CamelContext context;
    private ImporterCamelContext component;
    private PrintStream stderr;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    /** What the fake REDCap answers; the last one is repeated. */
    record Answer(int status, String contentType, byte[] body) {
    }

    @BeforeEach
    void startRedcap() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/redcap/hcc-rfa-rt-export.csv")) {
            export = in.readAllBytes();
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/", exchange -> {
            Map<String, String> form = new LinkedHashMap<>();
            form.put("method", exchange.getRequestMethod());
            form.put("Content-Type", exchange.getRequestHeaders().getFirst("Content-Type"));
            for (String pair : new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("&")) {
                int eq = pair.indexOf('=');
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
            forms.add(form);
            Answer a = answers.size() >= forms.size() ? answers.get(forms.size() - 1) : answers.get(answers.size() - 1);
            exchange.getResponseHeaders().add("Content-Type", a.contentType());
            exchange.sendResponseHeaders(a.status(), a.body().length);
            exchange.getResponseBody().write(a.body());
            exchange.close();
        });
        server.start();
        stderr = System.err;
        System.setErr(new PrintStream(new TeeStream(stderr, log), true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
        if (component != null) {
            component.stop();
        }
        server.stop(0);
        System.setErr(stderr);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/";
    }

    private void answer(int status, String contentType, byte[] body) {
        answers.add(new Answer(status, contentType, body));
    }

    /** A token file as the README says: readable by the platform's user only. */
    private Path tokenFile(String text) throws Exception {
        Path file = Files.writeString(dir.resolve("redcap.token"), text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    private RedcapApiClient client() throws Exception {
        return new RedcapApiClient(RedcapApiClient.checkUrl(url()), RedcapApiClient.token("", tokenFile(TOKEN + "\n")),
                Duration.ofSeconds(10));
    }

    /** The import endpoint, the REDCap mapping and the pull, as the component wires them. */
    private void start(CohortService cohorts, long period) throws Exception {
        context = new DefaultCamelContext();
        RedcapProfile profile = RedcapProfile.load(RedcapMapperTest.PROFILE);
        context.addRoutes(new ImportRoute(ImportEndpoint.DEFAULT_URI, cohorts));
        context.addRoutes(new RedcapRoute(new RedcapMapper(() -> profile), ImportEndpoint.DEFAULT_URI));
        context.addRoutes(new RedcapApiRoute(new RedcapApiRoute.Settings(RedcapApiRoute.ROUTE_ID, 0, period,
                "hcc-rfa-rt", "days", RedcapRoute.URI, dir.resolve("failed")), client()));
        context.start();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long end = System.currentTimeMillis() + 15_000;
        while (!condition.getAsBoolean() && System.currentTimeMillis() < end) {
            Thread.sleep(50);
        }
    }

    private String log() {
        return log.toString(StandardCharsets.UTF_8);
    }

    private byte[] mapped(byte[] redcapExport) throws Exception {
        return RedcapMapper.map(RedcapProfile.load(RedcapMapperTest.PROFILE), new ByteArrayInputStream(redcapExport));
    }

    @Test
    void aPullPostsTheExportFormAndImportsTheMappedCohort() throws Exception {
        answer(200, "text/csv; charset=utf-8", export);
        FakeCohortService cohorts = new FakeCohortService();
        start(cohorts, 3_600_000);
        await(() -> !cohorts.calls.isEmpty());

        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("method", "POST");
        expected.put("Content-Type", "application/x-www-form-urlencoded");
        expected.put("token", TOKEN);
        expected.put("content", "record");
        expected.put("format", "csv");
        expected.put("type", "flat");
        expected.put("rawOrLabel", "raw");
        expected.put("rawOrLabelHeaders", "raw");
        expected.put("exportCheckboxLabel", "false");
        expected.put("returnFormat", "json");
        assertEquals(List.of(expected), forms);

        assertEquals(1, cohorts.calls.size());
        FakeCohortService.Call call = cohorts.calls.get(0);
        assertEquals("hcc-rfa-rt", call.name());
        assertEquals("route:" + RedcapApiRoute.ROUTE_ID, call.user());
        assertEquals(TimeUnit.DAYS, call.unit());
        // the same bytes the REDCap inbox would import for this export: one row per record
        assertArrayEquals(mapped(export), call.bytes());
        List<String> rows = new String(call.bytes(), StandardCharsets.UTF_8).lines().toList();
        assertTrue(rows.get(0).startsWith("patient_id,site,arm,"), rows.get(0));
        long records = new String(export, StandardCharsets.UTF_8).lines().skip(1)
                .map(l -> l.substring(0, l.indexOf(','))).distinct().count();
        assertEquals(records + 1, rows.size(), String.join("\n", rows));
        assertTrue(rows.stream().anyMatch(r -> r.startsWith("101,S1,RFA,")), String.join("\n", rows));

        for (Endpoint e : context.getEndpoints()) {
            assertFalse(e.getEndpointUri().contains(TOKEN), e.getEndpointUri());
        }
        assertFalse(log().contains(TOKEN));
    }

    @Test
    void anExportTheImportRefusesIsKeptInFailedWithItsReport() throws Exception {
        answer(200, "text/csv", export);
        FakeCohortService refusing = new FakeCohortService();
        refusing.refuseAll = true;
        start(refusing, 60_000);
        Path failed = dir.resolve("failed");
        await(() -> Files.isDirectory(failed) && failed.toFile().list().length == 2);
        Path kept;
        Path report;
        try (var files = Files.list(failed)) {
            List<Path> both = files.sorted().toList();
            assertEquals(2, both.size(), both.toString());
            kept = both.get(0);
            report = both.get(1);
        }
        assertTrue(kept.getFileName().toString().startsWith("hcc-rfa-rt-redcap-api-"), kept.toString());
        assertArrayEquals(export, Files.readAllBytes(kept), "the export as REDCap sent it");
        String text = Files.readString(report);
        assertTrue(text.contains("2\tdeath_date\t'2020-13-01' is not a date"), text);
        assertFalse(text.contains(TOKEN), text);
    }

    @Test
    void aRedcapErrorIsLoggedWithStatusAndMessage_nothingIsImported_andTheTokenIsNowhere() throws Exception {
        answer(403, "application/json", FORBIDDEN.getBytes(StandardCharsets.UTF_8));
        FakeCohortService cohorts = new FakeCohortService();
        start(cohorts, 3_600_000);
        await(() -> log().contains("REDCap pull failed"));
        assertEquals(1, forms.size());
        assertEquals(List.of(), cohorts.calls);
        String log = log();
        assertTrue(log.contains("HTTP 403: You do not have permissions to use the API"), log);
        assertTrue(log.contains("nothing imported"), log);
        assertFalse(log.contains(TOKEN), log);

        RedcapApiException e = assertThrows(RedcapApiException.class, () -> client().exportRecords());
        assertEquals(403, e.status());
        assertTrue(e.getMessage().contains("You do not have permissions to use the API"), e.getMessage());
        assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
    }

    @Test
    void aServerEchoingTheTokenDoesNotGetItIntoTheMessage() throws Exception {
        answer(400, "application/json", ("{\"error\":\"The token '" + TOKEN.toLowerCase() + "' is invalid\"}")
                .getBytes(StandardCharsets.UTF_8));
        RedcapApiException e = assertThrows(RedcapApiException.class, () -> client().exportRecords());
        assertTrue(e.getMessage().contains("HTTP 400: The token '[token]' is invalid"), e.getMessage());
    }

    @Test
    void aJsonErrorWithStatus200ImportsNothingEither() throws Exception {
        answer(200, "application/json", FORBIDDEN.getBytes(StandardCharsets.UTF_8));
        RedcapApiException e = assertThrows(RedcapApiException.class, () -> client().exportRecords());
        assertTrue(e.getMessage().contains("answered with an error: You do not have permissions"), e.getMessage());
    }

    @Test
    void theNextPeriodTriesAgainAfterAFailure() throws Exception {
        answer(503, "text/html", "<html>maintenance</html>".getBytes(StandardCharsets.UTF_8));
        answer(200, "text/csv", export);
        FakeCohortService cohorts = new FakeCohortService();
        start(cohorts, 300);
        await(() -> !cohorts.calls.isEmpty());
        assertTrue(log().contains("HTTP 503 with 24 bytes of text/html"), log());
        assertEquals(1, cohorts.calls.size(), "the failed pull imported nothing, the next one the export");
        assertTrue(forms.size() >= 2);
    }

    @Test
    void anUnchangedProjectGivesTheExistingCohort_aChangedOneTheNextVersion() throws Exception {
        answer(200, "text/csv", export);
        ChecksumCohortService cohorts = new ChecksumCohortService();
        start(cohorts, 300);
        await(() -> cohorts.answers.size() >= 3);
        // the same export maps to the same bytes, so the import service answers with the stored cohort
        assertArrayEquals(cohorts.bytes.get(0), cohorts.bytes.get(1));
        assertArrayEquals(cohorts.bytes.get(0), cohorts.bytes.get(2));
        assertTrue(cohorts.answers.get(0).created());
        assertFalse(cohorts.answers.get(1).created());
        assertEquals(cohorts.answers.get(0).id(), cohorts.answers.get(2).id());
        assertEquals(1, cohorts.stored.size());
        assertTrue(log().contains("REDCap project unchanged: cohort 'hcc-rfa-rt' stays at v1"), log());

        // age 61 -> 62 in record 101
        byte[] changed = new String(export, StandardCharsets.UTF_8).replace("S1,1,0,,,no,61,", "S1,1,0,,,no,62,")
                .getBytes(StandardCharsets.UTF_8);
        assertFalse(java.util.Arrays.equals(export, changed));
        answers.set(0, new Answer(200, "text/csv", changed));
        await(() -> cohorts.stored.size() == 2);
        ImportResult second = cohorts.stored.get(1);
        assertEquals("hcc-rfa-rt", second.name());
        assertEquals(2, second.version());
    }

    @Test
    void theUrlMustBeHttpsExceptForLoopback() {
        assertEquals("https://redcap.example.org/api/",
                RedcapApiClient.checkUrl("https://redcap.example.org/api/").toString());
        RedcapApiClient.checkUrl("http://127.0.0.1:8080/api/");
        RedcapApiClient.checkUrl("http://localhost/api/");
        RedcapApiClient.checkUrl("http://[::1]:8080/api/");
        IllegalArgumentException plain = assertThrows(IllegalArgumentException.class,
                () -> RedcapApiClient.checkUrl("http://redcap.example.org/api/"));
        assertTrue(plain.getMessage().contains("use https://"), plain.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RedcapApiClient.checkUrl("http://127.0.0.1.example.org/api/"));
        assertThrows(IllegalArgumentException.class, () -> RedcapApiClient.checkUrl("ftp://redcap.example.org/api/"));
        IllegalArgumentException query = assertThrows(IllegalArgumentException.class,
                () -> RedcapApiClient.checkUrl("https://redcap.example.org/api/?token=" + TOKEN));
        assertFalse(query.getMessage().contains(TOKEN), query.getMessage());
    }

    @Test
    void aTokenIsRequiredAndNeverRepeatedWhenItIsMalformed() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> RedcapApiClient.token("", null));
        String wrong = "password-" + TOKEN;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RedcapApiClient.token(wrong, null));
        assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
        assertEquals(TOKEN, RedcapApiClient.token(" " + TOKEN + "\n", null).get());
    }

    @Test
    void anHttpUrlToAnotherHostLeavesThePullOffAndTheOtherRoutesRunning() throws Exception {
        component = new ImporterCamelContext(new FakeCohortService(), new RecordingAuditTrail(), null, Configs.config(Map.of(
                "inbox_directory", "",
                "redcap_directory", "",
                "routes_directory", "",
                "redcap_profile", RedcapMapperTest.PROFILE.toString(),
                "redcap_api_url", "http://redcap.example.org/api/",
                "redcap_api_token", TOKEN)));
        assertNull(component.context().getRoute(RedcapApiRoute.ROUTE_ID));
        assertNotNull(component.context().getRoute(ImportRoute.ROUTE_ID));
        assertTrue(log().contains("REDCap API pull (hepatica-redcap-api) is off: redcap.api.url "
                + "http://redcap.example.org/api/ is refused"), log());
        assertFalse(log().contains(TOKEN));
    }

    @Test
    void theComponentPullsWithTheTokenFileIntoTheProfilesCohort() throws Exception {
        answer(200, "text/csv", export);
        FakeCohortService cohorts = new FakeCohortService();
        Map<String, Object> config = new HashMap<>();
        config.put("inbox_directory", "");
        config.put("redcap_directory", "");
        config.put("routes_directory", "");
        config.put("redcap_profile", RedcapMapperTest.PROFILE.toString());
        config.put("redcap_api_url", url());
        config.put("redcap_api_tokenFile", tokenFile(TOKEN + "\n").toString());
        config.put("redcap_api_token", "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF");
        config.put("redcap_api_initialDelay", 0L);
        component = new ImporterCamelContext(cohorts, new RecordingAuditTrail(), null, Configs.config(config));
        await(() -> !cohorts.calls.isEmpty());
        assertEquals(TOKEN, forms.get(0).get("token"), "the token file wins over the token");
        assertEquals("hcc-rfa-rt", cohorts.calls.get(0).name());
        assertEquals("route:hepatica-redcap-api", cohorts.calls.get(0).user());
        assertArrayEquals(mapped(export), cohorts.calls.get(0).bytes());
        assertTrue(log().contains("redcap.api.token is ignored"), log());
        assertFalse(log().contains("can be read by other users"), log());
    }

    @Test
    void aTokenFileOtherUsersCanReadIsWarnedAbout() throws Exception {
        Path file = tokenFile(TOKEN);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertEquals(TOKEN, RedcapApiClient.token("", file).get());
        assertTrue(log().contains("the REDCap API token file " + file + " can be read by other users: chmod 600 it"),
                log());
    }

    @Test
    void theDefaultCohortIsNamedAfterTheProfile() {
        assertEquals("hcc-rfa-rt", ImporterCamelContext.profileCohortName("etc/redcap-hcc-rfa-rt.profile"));
        assertEquals("liver", ImporterCamelContext.profileCohortName("/opt/profiles/liver.profile"));
    }

    /**
     * The import service's contract ({@code CohortService#importCsv}; the platform's
     * {@code PlatformStoreTest.theSameBytesGiveTheExistingCohortAndANewFileANewVersion} checks the real
     * one): the same bytes give the stored cohort, new bytes under a name its next version.
     */
    static final class ChecksumCohortService implements CohortService {
        final List<byte[]> bytes = new CopyOnWriteArrayList<>();
        final List<ImportResult> answers = new CopyOnWriteArrayList<>();
        final List<ImportResult> stored = new CopyOnWriteArrayList<>();

        @Override
        public synchronized ImportResult importCsv(String name, InputStream csv, TimeUnit unit, String user)
                throws java.io.IOException {
            byte[] b = csv.readAllBytes();
            bytes.add(b);
            String sha;
            try {
                sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            ImportResult answer = null;
            for (ImportResult r : stored) {
                if (r.checksum().equals(sha)) {
                    answer = new ImportResult(r.id(), r.name(), r.version(), sha, 1, 1, 0, List.of(), false);
                }
            }
            if (answer == null) {
                int version = (int) stored.stream().filter(r -> r.name().equals(name)).count() + 1;
                answer = new ImportResult("c" + (stored.size() + 1), name, version, sha, 1, 1, 0, List.of(), true);
                stored.add(answer);
            }
            answers.add(answer);
            return answer;
        }

        @Override
        public List<CohortSummary> list() {
            return new ArrayList<>();
        }

        @Override
        public Optional<CohortView> find(String id) {
            return Optional.empty();
        }

        @Override
        public boolean delete(String id, String user) {
            return false;
        }
    }

    /** Writes to both streams: the log stays visible in the test output and can be searched. */
    private static final class TeeStream extends java.io.OutputStream {
        private final java.io.OutputStream a;
        private final java.io.OutputStream b;

        TeeStream(java.io.OutputStream a, java.io.OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) throws java.io.IOException {
            a.write(c);
            synchronized (b) {
                b.write(c);
            }
        }

        @Override
        public void write(byte[] buf, int off, int len) throws java.io.IOException {
            a.write(buf, off, len);
            synchronized (b) {
                b.write(buf, off, len);
            }
        }
    }
}
