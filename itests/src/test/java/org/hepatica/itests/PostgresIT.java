package org.hepatica.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The whole platform on PostgreSQL: a throw-away PostgreSQL 15 server (loopback, a free port, database and
 * user {@code hepatica} with a random password, password authentication over TCP) and a fresh distribution
 * whose {@code etc/org.ops4j.datasource-hepatica.cfg} is switched to it before its first start, as the
 * README's "PostgreSQL" section says. Then over HTTP: the demo cohort of {@code bin/hepatica start}, a second
 * import, dfs and km runs, the stored results and the audit trail; the same after a restart, and the same
 * rows read straight from PostgreSQL, with no H2 database file ever created.
 *
 * <p>Without the PostgreSQL 15 binaries the class is skipped, unless {@code CI=true} (where {@code .ci/run}
 * installs postgresql-15): then it fails.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PostgresIT {
    private static final String DATASOURCE_CFG = "etc/org.ops4j.datasource-hepatica.cfg";
    private static final String SMALL_CSV = "patient_id,arm,os_time,os_event,age\n"
            + "PG1,RFA,100,1,60\nPG2,RFA+RT,250,0,71\nPG3,RFA,400,1,55\nPG4,RFA+RT,520,0,64\nPG5,RFA,610,1,68\n";

    private Postgres pg;
    private Distribution dist;
    private Api api;
    private String password;
    private String firstStartOutput;
    private String demoCohortId;
    private String smallCohortId;
    private final Map<String, JsonNode> runs = new LinkedHashMap<>();
    private Map<String, Long> rowsBeforeRestart;

    @BeforeAll
    void start() throws Exception {
        boolean ci = "true".equals(System.getenv("CI"));
        if (!Postgres.available()) {
            if (ci) {
                throw new IllegalStateException("CI=true but the PostgreSQL 15 binaries are not in " + Postgres.BIN
                        + ": .ci/run installs postgresql-15 when " + Postgres.BIN.resolve("postgres") + " is missing");
            }
            assumeTrue(false, "PostgreSQL 15 binaries not installed in " + Postgres.BIN + " (.ci/run installs postgresql-15)");
        }
        pg = Postgres.start(Path.of("target").toAbsolutePath());

        dist = Distribution.fresh("PostgresIT");
        dist.usePorts();
        // the README's "PostgreSQL" section: the H2 lines of the DataSource configuration replaced, before
        // the first start (Distribution.edit writes beside, dates back and moves in atomically)
        dist.edit(DATASOURCE_CFG, "osgi.jdbc.driver.name", "PostgreSQL JDBC Driver");
        dist.edit(DATASOURCE_CFG, "url", pg.jdbcUrl());
        dist.edit(DATASOURCE_CFG, "user", Postgres.USER);
        dist.edit(DATASOURCE_CFG, "password", pg.password);
        dist.edit(DATASOURCE_CFG, "dataSourceName", "hepatica");
        String cfg = Files.readString(dist.home.resolve(DATASOURCE_CFG));
        assertFalse(cfg.lines().anyMatch(l -> l.matches("^\\s*[^#].*jdbc:h2:.*")), "no H2 line is left active:\n" + cfg);

        firstStartOutput = dist.start();
        password = dist.adminPassword();
        api = new Api(dist.baseUrl());
    }

    @AfterAll
    void stop() throws Exception {
        try {
            if (dist != null) {
                dist.stop();
            }
        } finally {
            if (pg != null) {
                pg.close();
            }
        }
    }

    private Api.Reply admin(String method, String path, String type, byte[] body) throws Exception {
        return api.send(method, path, "admin", password, type, body);
    }

    private String context() {
        return "\n--- bin/hepatica ---\n" + dist.lastOutput() + "\n--- log ---\n" + dist.tailOfLog();
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode n : array) {
            if (n.path(field).asText().equals(value)) {
                return n;
            }
        }
        return null;
    }

    private static int count(JsonNode array, String field, String value) {
        int n = 0;
        for (JsonNode e : array) {
            n += e.path(field).asText().equals(value) ? 1 : 0;
        }
        return n;
    }

    @Test
    @Order(1)
    void theFirstStartImportsTheDemoCohortIntoPostgres() throws Exception {
        assertTrue(firstStartOutput.contains("Demo cohort imported"), firstStartOutput + context());
        Api.Reply r = admin("GET", "/cohorts", null, null);
        assertEquals(200, r.status(), r.body() + context());
        JsonNode demo = find(r.json(), "name", "hcc-demo");
        assertNotNull(demo, r.body() + context());
        assertEquals(400, demo.get("patients").asInt());
        demoCohortId = demo.get("id").asText();
        String log = Files.readString(dist.home.resolve("data/log/hepatica.log"));
        assertTrue(log.contains("database schema migrated to version"), "the platform created its tables" + context());
    }

    @Test
    @Order(2)
    void aSecondCohortIsImported() throws Exception {
        Api.Reply r = admin("POST", "/cohorts?name=pg-small", "text/csv", SMALL_CSV.getBytes(StandardCharsets.UTF_8));
        assertEquals(201, r.status(), r.body() + context());
        assertEquals(5, r.json().get("rowsAccepted").asInt(), r.body());
        assertEquals(0, r.json().get("rowsRejected").asInt(), r.body());
        smallCohortId = r.json().get("id").asText();
        JsonNode list = admin("GET", "/cohorts", null, null).json();
        assertNotNull(find(list, "id", smallCohortId), list.toString());
        assertNotNull(find(list, "id", demoCohortId), list.toString());
    }

    @Test
    @Order(3)
    void dfsAndKmRunOnTheDemoCohort() throws Exception {
        Map<String, String> parameters = Map.of("dfs", "{}", "km", "{\"endpoint\": \"DFS\", \"groupBy\": \"arm\", \"landmarks\": [365, 730]}");
        for (String analysis : List.of("dfs", "km")) {
            Api.Reply r = admin("POST", "/cohorts/" + demoCohortId + "/analyses/" + analysis, "application/json",
                    ("{\"parameters\": " + parameters.get(analysis) + "}").getBytes(StandardCharsets.UTF_8));
            assertEquals(200, r.status(), analysis + ": " + r.body() + context());
            JsonNode j = r.json();
            assertEquals(analysis, j.get("provenance").get("analysisId").asText(), r.body());
            JsonNode result = j.get("result");
            assertEquals(400, result.get("n").asInt(), analysis + ": " + r.body());
            assertEquals("DFS", result.get("endpoint").asText(), analysis + ": " + r.body());
            runs.put(analysis, j);
        }
        JsonNode dfs = runs.get("dfs").get("result");
        JsonNode groups = dfs.get("km").get("groups");
        assertEquals(2, groups.size(), "two arms: " + dfs);
        double hr = dfs.get("hazardRatio").get("hazardRatio").asDouble();
        assertTrue(hr > 0 && Double.isFinite(hr), "a hazard ratio: " + dfs.get("hazardRatio"));
        double p = dfs.get("logRank").get("pValue").asDouble(Double.NaN);
        assertTrue(p >= 0 && p <= 1, "a log-rank p value: " + dfs.get("logRank"));
        assertEquals(2, runs.get("km").get("result").get("groups").size(), runs.get("km").toString());
    }

    @Test
    @Order(4)
    void theResultsAreStored() throws Exception {
        for (Map.Entry<String, JsonNode> run : runs.entrySet()) {
            Api.Reply stored = admin("GET", "/results/" + run.getValue().get("id").asText(), null, null);
            assertEquals(200, stored.status(), stored.body());
            assertEquals(run.getValue(), stored.json(), run.getKey());
        }
        assertEquals(2, runs.size());
    }

    @Test
    @Order(5)
    void theAuditTrailHasTheImportsAndTheRuns() throws Exception {
        assertEquals(401, api.send("GET", "/audit", null, null, null, null).status());
        Api.Reply r = admin("GET", "/audit", null, null);
        assertEquals(200, r.status(), r.body());
        assertAuditComplete(r.json());
    }

    private void assertAuditComplete(JsonNode audit) {
        assertEquals(1, count(audit, "target", demoCohortId), "the demo import, once: " + audit);
        JsonNode demo = find(audit, "target", demoCohortId);
        assertEquals("cohort.import", demo.get("action").asText(), demo.toString());
        JsonNode small = find(audit, "target", smallCohortId);
        assertNotNull(small, audit.toString());
        assertEquals("cohort.import", small.get("action").asText(), small.toString());
        assertEquals("admin", small.get("user").asText(), small.toString());
        for (JsonNode run : runs.values()) {
            JsonNode entry = find(audit, "target", run.get("id").asText());
            assertNotNull(entry, "the run " + run.get("id") + " in " + audit);
            assertEquals("analysis.run", entry.get("action").asText(), entry.toString());
        }
    }

    @Test
    @Order(6)
    void theRowsAreInPostgres() throws Exception {
        rowsBeforeRestart = rows();
        assertEquals(2, rowsBeforeRestart.get("hep_cohort"), rowsBeforeRestart.toString());
        assertEquals(2, rowsBeforeRestart.get("hep_result"), rowsBeforeRestart.toString());
        assertTrue(rowsBeforeRestart.get("hep_audit") >= 4, rowsBeforeRestart.toString());
        assertTrue(rowsBeforeRestart.get("hep_schema_version") >= 1, rowsBeforeRestart.toString());
        try (Connection c = pg.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT name, patients FROM hep_cohort WHERE id = '" + demoCohortId + "'")) {
            assertTrue(rs.next());
            assertEquals("hcc-demo", rs.getString(1));
            assertEquals(400, rs.getInt(2));
        }
        assertNoH2File();
    }

    @Test
    @Order(7)
    void afterARestartEverythingIsStillThere() throws Exception {
        dist.stop();
        String again = dist.start();
        assertTrue(again.contains("Demo cohort already present"), again + context());
        JsonNode list = admin("GET", "/cohorts", null, null).json();
        assertEquals(2, list.size(), list.toString());
        assertEquals(400, find(list, "id", demoCohortId).get("patients").asInt());
        assertEquals(5, find(list, "id", smallCohortId).get("patients").asInt());
        for (JsonNode run : runs.values()) {
            Api.Reply stored = admin("GET", "/results/" + run.get("id").asText(), null, null);
            assertEquals(200, stored.status(), stored.body());
            assertEquals(run, stored.json());
        }
        assertAuditComplete(admin("GET", "/audit", null, null).json());

        Map<String, Long> after = rows();
        assertEquals(rowsBeforeRestart.get("hep_cohort"), after.get("hep_cohort"), after.toString());
        assertEquals(rowsBeforeRestart.get("hep_result"), after.get("hep_result"), after.toString());
        assertEquals(rowsBeforeRestart.get("hep_schema_version"), after.get("hep_schema_version"),
                "no migration runs again on a database at the latest version");
        assertTrue(after.get("hep_audit") >= rowsBeforeRestart.get("hep_audit"), "the audit trail is append-only: " + after);
        assertNoH2File();
    }

    private Map<String, Long> rows() throws SQLException {
        Map<String, Long> out = new LinkedHashMap<>();
        try (Connection c = pg.connect(); Statement s = c.createStatement()) {
            for (String table : List.of("hep_cohort", "hep_import", "hep_result", "hep_audit", "hep_schema_version")) {
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
                    rs.next();
                    out.put(table, rs.getLong(1));
                }
            }
        }
        return out;
    }

    private void assertNoH2File() throws IOException {
        Path h2 = dist.home.resolve("data/hepatica/hepatica.mv.db");
        assertFalse(Files.exists(h2), "the H2 store was created: " + h2);
        try (var files = Files.walk(dist.home.resolve("data"))) {
            List<Path> any = files.filter(f -> f.getFileName().toString().endsWith(".mv.db")).toList();
            assertTrue(any.isEmpty(), "an H2 database file: " + any);
        }
    }

    /**
     * A throw-away PostgreSQL 15 server, as core/platform's store tests start one (initdb in a temporary
     * directory, a free loopback port; as root the binaries run as user postgres, which PostgreSQL requires),
     * here with password (SCRAM) authentication over TCP for the role {@code hepatica}, owner of the
     * database {@code hepatica}. Stopped and deleted by {@link #close()}.
     */
    static final class Postgres implements AutoCloseable {
        static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
        static final String USER = "hepatica";

        private final Path dir;
        final int port;
        final String password;

        private Postgres(Path dir, int port, String password) {
            this.dir = dir;
            this.port = port;
            this.password = password;
        }

        static boolean available() {
            return Files.isExecutable(BIN.resolve("initdb")) && Files.isExecutable(BIN.resolve("pg_ctl"))
                    && Files.isExecutable(BIN.resolve("postgres")) && Files.isExecutable(BIN.resolve("psql"));
        }

        static Postgres start(Path under) throws IOException, InterruptedException {
            Files.createDirectories(under);
            Path dir = Files.createTempDirectory(under, "postgres-it-");
            // as root, initdb and the server run as postgres: it writes here
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
            int port;
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = s.getLocalPort();
            }
            byte[] random = new byte[16];
            new SecureRandom().nextBytes(random);
            Postgres pg = new Postgres(dir, port, HexFormat.of().formatHex(random));
            String data = dir.resolve("data").toString();
            // the unix socket (in dir) trusts the local superuser, who creates the role; TCP asks for passwords
            pg.run(BIN.resolve("initdb").toString(), "-D", data, "-U", "postgres", "--auth-local=trust",
                    "--auth-host=scram-sha-256", "--no-sync", "-E", "UTF8", "--no-instructions");
            try {
                pg.run(BIN.resolve("pg_ctl").toString(), "-D", data, "-l", dir.resolve("server.log").toString(), "-w",
                        "-t", "120", "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off", "start");
                pg.psql("CREATE ROLE " + USER + " LOGIN PASSWORD '" + pg.password + "'");
                // owner of the database: since PostgreSQL 15 only the owner may create tables in schema public
                pg.psql("CREATE DATABASE hepatica OWNER " + USER);
            } catch (IOException | RuntimeException e) {
                String log = Files.exists(dir.resolve("server.log")) ? Files.readString(dir.resolve("server.log")) : "";
                pg.close();
                throw new IOException(e.getMessage() + "\n--- server.log ---\n" + log, e);
            }
            return pg;
        }

        String jdbcUrl() {
            return "jdbc:postgresql://127.0.0.1:" + port + "/hepatica";
        }

        Connection connect() throws SQLException {
            return DriverManager.getConnection(jdbcUrl(), USER, password);
        }

        private void psql(String sql) throws IOException, InterruptedException {
            run(BIN.resolve("psql").toString(), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", dir.toString(), "-p",
                    Integer.toString(port), "-U", "postgres", "-d", "postgres", "-c", sql);
        }

        private void run(String... command) throws IOException, InterruptedException {
            List<String> cmd = new ArrayList<>();
            if ("root".equals(System.getProperty("user.name"))) {
                cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
            }
            cmd.addAll(List.of(command));
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(180, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", cmd).replace(password, "***") + " failed:\n" + out);
            }
        }

        @Override
        public void close() throws IOException, InterruptedException {
            try {
                if (Files.exists(dir.resolve("data/postmaster.pid"))) {
                    run(BIN.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "fast", "-w", "stop");
                }
            } finally {
                try (var files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                }
            }
        }
    }
}
