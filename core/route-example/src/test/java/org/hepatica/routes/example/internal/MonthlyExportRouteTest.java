package org.hepatica.routes.example.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.annotation.Annotation;
import java.util.Properties;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.hepatica.importer.ImportEndpoint;
import org.junit.jupiter.api.Test;

/** The route from {@code direct:} into {@code mock:} in place of the import endpoint. */
class MonthlyExportRouteTest {

    private static MonthlyExportRouteConfiguration config(String from, String unit) {
        return new MonthlyExportRouteConfiguration() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return MonthlyExportRouteConfiguration.class;
            }

            @Override
            public String from_uri() {
                return from;
            }

            @Override
            public String timeUnit() {
                return unit;
            }
        };
    }

    private static MockEndpoint run(String unit, String body) throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            Properties p = new Properties();
            p.setProperty(ImportEndpoint.URI_PLACEHOLDER, "mock:import");
            camel.getPropertiesComponent().setInitialProperties(p);
            camel.addRoutes(new MonthlyExportRoute(config("direct:export", unit)));
            camel.start();
            MockEndpoint mock = camel.getEndpoint("mock:import", MockEndpoint.class);
            mock.expectedMessageCount(1);
            camel.createProducerTemplate().sendBody("direct:export", body);
            mock.assertIsSatisfied();
            return mock;
        }
    }

    @Test
    void anExportReachesTheImportEndpointWithTheRegistrysTimeUnitAndUser() throws Exception {
        MockEndpoint mock = run("months", "patient_id,os_time,os_event\nR1,12,1\n");
        var in = mock.getExchanges().get(0).getIn();
        assertEquals("months", in.getHeader(ImportEndpoint.TIME_UNIT));
        assertEquals("registry", in.getHeader(ImportEndpoint.USER));
        assertEquals("patient_id,os_time,os_event\nR1,12,1\n", in.getBody(String.class));
        assertEquals(MonthlyExportRoute.ROUTE_ID, mock.getExchanges().get(0).getFromRouteId());
    }

    @Test
    void theTimeUnitComesFromConfiguration() throws Exception {
        assertEquals("years", run("years", "x").getExchanges().get(0).getIn().getHeader(ImportEndpoint.TIME_UNIT));
    }
}
