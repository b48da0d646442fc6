package org.hepatica.importer.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import org.apache.camel.CamelContext;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

class RedcapRouteTest {

    @Test
    void anExportIsMappedAndSentOnToTheImport() throws Exception {
        CamelContext context = new DefaultCamelContext();
        RedcapProfile profile = RedcapProfile.load(RedcapMapperTest.PROFILE);
        context.addRoutes(new RedcapRoute(new RedcapMapper(() -> profile), "mock:import"));
        context.start();
        try (InputStream in = getClass().getResourceAsStream("/redcap/hcc-rfa-rt-export.csv")) {
            MockEndpoint mock = context.getEndpoint("mock:import", MockEndpoint.class);
            mock.expectedMessageCount(1);
            context.createProducerTemplate().sendBody(RedcapRoute.URI, in.readAllBytes());
            mock.assertIsSatisfied();
            String csv = mock.getReceivedExchanges().get(0).getIn().getBody(String.class);
            assertTrue(csv.startsWith("patient_id,site,arm,"), csv);
            assertTrue(csv.contains("\n101,S1,RFA,none,"), csv);
        } finally {
            context.stop();
        }
    }
}
