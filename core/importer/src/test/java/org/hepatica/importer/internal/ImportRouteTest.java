package org.hepatica.importer.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.hepatica.cohort.CohortImportException;
import org.hepatica.cohort.ImportResult;
import org.hepatica.cohort.TimeUnit;
import org.hepatica.importer.ImportEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ImportRouteTest {
    private final FakeCohortService cohorts = new FakeCohortService();
    private CamelContext context;
    private ProducerTemplate template;

    @BeforeEach
    void start() throws Exception {
        context = new DefaultCamelContext();
        context.addRoutes(new ImportRoute(ImportEndpoint.DEFAULT_URI, cohorts));
        context.start();
        template = context.createProducerTemplate();
    }

    @AfterEach
    void stop() {
        context.stop();
    }

    private Object send(Object body, Map<String, Object> headers) {
        return template.requestBodyAndHeaders(ImportEndpoint.DEFAULT_URI, body, headers);
    }

    @Test
    void headersNameTheCohortUnitAndUser() {
        Map<String, Object> h = new HashMap<>();
        h.put(ImportEndpoint.COHORT_NAME, "trial");
        h.put(ImportEndpoint.TIME_UNIT, "months");
        h.put(ImportEndpoint.USER, "alice");
        Object result = send("patient_id,os_time,os_event\nP1,3,1\n", h);
        var call = cohorts.calls.get(0);
        assertEquals("trial", call.name());
        assertEquals(TimeUnit.MONTHS, call.unit());
        assertEquals("alice", call.user());
        assertArrayEquals("patient_id,os_time,os_event\nP1,3,1\n".getBytes(StandardCharsets.UTF_8), call.bytes());
        assertInstanceOf(ImportResult.class, result);
    }

    @Test
    void theDroppedColumnsHeaderReachesTheImportAsNames() {
        send("x", Map.of(ImportEndpoint.COHORT_NAME, "c", ImportEndpoint.DROP_COLUMNS, " surname, ,phone "));
        assertEquals(java.util.Set.of("surname", "phone"), cohorts.calls.get(0).dropColumns());
        send("y", Map.of(ImportEndpoint.COHORT_NAME, "d"));
        assertEquals(java.util.Set.of(), cohorts.calls.get(1).dropColumns(), "no header, no column dropped");
    }

    @Test
    void defaultsAreDaysAndTheRouteAsUser() {
        send("x".getBytes(StandardCharsets.UTF_8), Map.of(ImportEndpoint.COHORT_NAME, "c"));
        assertEquals(TimeUnit.DAYS, cohorts.calls.get(0).unit());
        assertEquals("route:hepatica-import", cohorts.calls.get(0).user());
    }

    @Test
    void aFileNameNamesTheCohortWhenNoHeaderDoes() {
        send("x", Map.of(Exchange.FILE_NAME_ONLY, "hcc-2024.v2.csv"));
        assertEquals("hcc-2024.v2", cohorts.calls.get(0).name());
    }

    @Test
    void theCohortIdIsSetOnSuccess() {
        Exchange out = template.request(ImportEndpoint.DEFAULT_URI, e -> {
            e.getIn().setBody("x");
            e.getIn().setHeader(ImportEndpoint.COHORT_NAME, "c");
        });
        assertEquals("c1", out.getMessage().getHeader(ImportEndpoint.COHORT_ID));
    }

    @Test
    void aRefusedImportFailsTheExchangeWithEveryProblem() {
        CamelExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(CamelExecutionException.class,
                () -> send("REFUSE", Map.of(ImportEndpoint.COHORT_NAME, "c")));
        CohortImportException cause = assertInstanceOf(CohortImportException.class, e.getCause());
        assertEquals(2, cause.problems().size());
    }

    @Test
    void anUnknownTimeUnitIsRefusedBeforeImporting() {
        CamelExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(CamelExecutionException.class,
                () -> send("x", Map.of(ImportEndpoint.COHORT_NAME, "c", ImportEndpoint.TIME_UNIT, "weeks")));
        assertTrue(e.getCause().getMessage().contains("weeks"));
        assertTrue(cohorts.calls.isEmpty());
    }
}
