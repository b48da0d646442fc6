package org.hepatica.importer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.hepatica.cohort.CohortImportException;
import org.hepatica.cohort.ImportResult;
import org.hepatica.cohort.TimeUnit;
import org.hepatica.importer.ImportEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Imports through the service the HTTP API uses pass the import route. */
class RoutedCohortServiceTest {
    private final FakeCohortService platform = new FakeCohortService();
    private CamelContext context;
    private RoutedCohortService routed;

    @BeforeEach
    void start() throws Exception {
        context = new DefaultCamelContext();
        context.addRoutes(new ImportRoute(ImportEndpoint.DEFAULT_URI, platform));
        context.start();
        routed = new RoutedCohortService(platform, context.createProducerTemplate(), ImportEndpoint.DEFAULT_URI);
    }

    @AfterEach
    void stop() {
        context.stop();
    }

    @Test
    void anImportReachesThePlatformThroughTheRouteWithNameUnitAndUser() throws Exception {
        org.apache.camel.builder.NotifyBuilder throughRoute = new org.apache.camel.builder.NotifyBuilder(context)
                .fromRoute(ImportRoute.ROUTE_ID).whenDone(1).create();
        ImportResult r = routed.importCsv("trial", new ByteArrayInputStream("patient_id\nA\n".getBytes(StandardCharsets.UTF_8)),
                TimeUnit.YEARS, "alice");
        assertEquals("c1", r.id());
        FakeCohortService.Call call = platform.calls.get(0);
        assertEquals("trial", call.name());
        assertEquals(TimeUnit.YEARS, call.unit());
        assertEquals("alice", call.user());
        assertEquals(true, throughRoute.matches(5, java.util.concurrent.TimeUnit.SECONDS));
    }

    @Test
    void droppedColumnsTravelThroughTheRouteToThePlatform() throws Exception {
        routed.importCsv("ids", new ByteArrayInputStream("patient_id,surname\nA,Doe\n".getBytes(StandardCharsets.UTF_8)),
                TimeUnit.DAYS, "alice", new java.util.LinkedHashSet<>(java.util.List.of("surname", "phone")));
        assertEquals(java.util.Set.of("surname", "phone"), platform.calls.get(0).dropColumns());
    }

    @Test
    void aRefusedImportThrowsThePlatformsExceptionUnchanged() {
        CohortImportException e = assertThrows(CohortImportException.class, () -> routed.importCsv("bad",
                new ByteArrayInputStream("REFUSE".getBytes(StandardCharsets.UTF_8)), TimeUnit.DAYS, "bob"));
        assertEquals(2, e.problems().size());
        assertEquals("os_time", e.problems().get(1).column());
    }

    @Test
    void readingGoesStraightToThePlatform() {
        assertSame(platform.list(), routed.list());
    }
}
