package org.hepatica.importer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.camel.builder.RouteBuilder;
import org.hepatica.importer.ImportEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The component as DS would build it, with a fake CohortService and the shipped route files. */
class ImporterCamelContextTest {
    static final Path SHIPPED_ROUTES = Path.of("../../distribution/src/main/resources/etc/routes");

    @TempDir
    Path home;
    private final FakeCohortService cohorts = new FakeCohortService();
    private final RecordingAuditTrail audit = new RecordingAuditTrail();
    private ImporterCamelContext component;

    private void start() throws Exception {
        Path routes = Files.createDirectories(home.resolve("routes"));
        for (String f : new String[] {"hospital-sql-pull.yaml", "site-b-inbox.xml"}) {
            String text = Files.readString(SHIPPED_ROUTES.resolve(f)).replace("{{karaf.home:.}}", home.toString());
            Files.writeString(routes.resolve(f), text);
        }
        component = new ImporterCamelContext(cohorts, audit, null, Configs.config(Map.of(
                "inbox_directory", home.resolve("inbox").toString(),
                "archive_directory", home.resolve("archive").toString(),
                "failed_directory", home.resolve("failed").toString(),
                "redcap_directory", home.resolve("inbox-redcap").toString(),
                "redcap_profile", RedcapMapperTest.PROFILE.toString(),
                "routes_directory", routes.toString(),
                "inbox_readLockMinAge", 100L,
                "inbox_delay", 100L)));
    }

    @AfterEach
    void stop() {
        if (component != null) {
            component.stop();
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long end = System.currentTimeMillis() + 15_000;
        while (!condition.getAsBoolean() && System.currentTimeMillis() < end) {
            Thread.sleep(50);
        }
    }

    @Test
    void everyRouteHasItsIdAndTheShippedRouteFilesLoad() throws Exception {
        start();
        for (String id : ImporterCamelContext.defaultRouteIds()) {
            assertNotNull(component.context().getRoute(id), id);
        }
        assertNotNull(component.context().getRoute("hospital-sql-pull"));
        assertNotNull(component.context().getRoute("site-b-inbox"));
        assertEquals("Stopped", component.context().getRouteController().getRouteStatus("hospital-sql-pull").name());
    }

    @Test
    void aFileDroppedIntoTheInboxIsImportedAndArchived() throws Exception {
        start();
        Files.createDirectories(home.resolve("inbox"));
        Files.writeString(home.resolve("inbox/hcc-demo.csv"), "patient_id,os_time,os_event\nP1,3,1\n");
        await(() -> Files.isDirectory(home.resolve("archive")) && home.resolve("archive").toFile().list().length == 1);
        assertEquals("hcc-demo", cohorts.calls.get(0).name());
        assertEquals("inbox", cohorts.calls.get(0).user());
    }

    @Test
    void aRedcapExportIsMappedAndImported() throws Exception {
        start();
        Files.createDirectories(home.resolve("inbox-redcap"));
        try (var in = getClass().getResourceAsStream("/redcap/hcc-rfa-rt-export.csv")) {
            Files.write(home.resolve("inbox-redcap/hcc-rfa-rt.csv"), in.readAllBytes());
        }
        await(() -> !cohorts.calls.isEmpty());
        assertEquals("hcc-rfa-rt", cohorts.calls.get(0).name());
        assertTrue(new String(cohorts.calls.get(0).bytes(), StandardCharsets.UTF_8).startsWith("patient_id,site,arm"));
    }

    @Test
    void theXmlExampleRouteImportsSiteBExtracts() throws Exception {
        start();
        Path inbox = Files.createDirectories(home.resolve("inbox-site-b"));
        Files.writeString(inbox.resolve("site-b-2026-01.csv"), "patient_id,os_time,os_event\nB1,3,1\n");
        Files.writeString(inbox.resolve("site-b-2026-01.csv.done"), "");
        await(() -> !cohorts.calls.isEmpty());
        assertEquals("site-b-2026-01", cohorts.calls.get(0).name());
        assertEquals("site-b", cohorts.calls.get(0).user());
    }

    @Test
    void aRoutesBuilderServiceAddsRoutesAndTakesThemAwayWhenItLeaves() throws Exception {
        start();
        RouteBuilder institution = new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:institution").routeId("institution-pull").to(ImportEndpoint.DEFAULT_URI);
            }
        };
        component.addRoutesBuilder(institution);
        component.context().createProducerTemplate().sendBodyAndHeader("direct:institution", "x",
                ImportEndpoint.COHORT_NAME, "inst");
        assertEquals("inst", cohorts.calls.get(0).name());
        component.removeRoutesBuilder(institution);
        assertNull(component.context().getRoute("institution-pull"));
        assertNotNull(component.context().getRoute(ImportRoute.ROUTE_ID));
        assertEquals(1, audit.withAction("route.added").stream().filter(e -> e.target().equals("institution-pull")).count(),
                "the added route is in the audit trail: " + audit.entries);
        assertEquals(1, audit.withAction("route.removed").stream().filter(e -> e.target().equals("institution-pull")).count(),
                "and its removal: " + audit.entries);
    }

    @Test
    void theStartIsOneAuditEntryListingTheRoutes() throws Exception {
        start();
        assertEquals(1, audit.withAction("routes.started").size(), audit.entries.toString());
        String detail = audit.withAction("routes.started").get(0).detail();
        assertTrue(detail.contains(ImportRoute.ROUTE_ID) && detail.contains("site-b-inbox"), detail);
        assertTrue(audit.withAction("route.added").isEmpty(), "the start's own routes are not each an entry: " + audit.entries);
    }

    @Test
    void aChangedRouteFileIsReloadedAndTheOtherRoutesKeepRunning() throws Exception {
        start();
        Path file = home.resolve("routes/extra.yaml");
        Files.writeString(file, """
                - route:
                    id: extra-1
                    from:
                      uri: direct:extra-1
                      steps:
                        - to: "{{hepatica.import.uri}}"
                """);
        await(() -> component.context().getRoute("extra-1") != null);
        assertNotNull(component.context().getRoute("extra-1"), "a new file is loaded");
        Files.writeString(file, """
                - route:
                    id: extra-1
                    from:
                      uri: direct:extra-changed
                      steps:
                        - to: "{{hepatica.import.uri}}"
                """);
        await(() -> {
            org.apache.camel.Route r = component.context().getRoute("extra-1");
            return r != null && r.getEndpoint().getEndpointBaseUri().contains("extra-changed");
        });
        assertTrue(component.context().getRoute("extra-1").getEndpoint().getEndpointBaseUri().contains("extra-changed"),
                "the changed file is reloaded: the route now reads from its new endpoint");
        assertNotNull(component.context().getRoute("site-b-inbox"), "the other files' routes stay");
        assertNotNull(component.context().getRoute(ImportRoute.ROUTE_ID), "the platform's routes stay");
        await(() -> !audit.withAction("route.removed").isEmpty());
        assertTrue(audit.withAction("route.added").stream().anyMatch(e -> e.target().equals("extra-1")
                && e.detail().contains("extra-changed") && e.detail().contains("extra.yaml")),
                "the reloaded file's route, with the file it came from: " + audit.entries);
        assertTrue(audit.withAction("route.removed").stream().anyMatch(e -> e.target().equals("extra-1")), audit.entries.toString());
    }
}
