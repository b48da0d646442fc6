package org.hepatica.routes.example.internal;

import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.hepatica.importer.ImportEndpoint;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;

/**
 * An institution's route, contributed by its own bundle: a regional cancer registry delivers
 * exports with durations in months; they are imported as cohorts named after the file, with the
 * time unit and the audit user of this source. The route is a {@link RoutesBuilder} service; the
 * importer adds it to its Camel context when the bundle starts and removes it when it stops.
 * Like every import route it ends in the platform's import endpoint.
 */
@Component(service = RoutesBuilder.class, configurationPid = "org.hepatica.routes.example")
@Designate(ocd = MonthlyExportRouteConfiguration.class)
public final class MonthlyExportRoute extends RouteBuilder {
    static final String ROUTE_ID = "example-registry-monthly-export";

    private final String from;
    private final String timeUnit;

    @Activate
    public MonthlyExportRoute(MonthlyExportRouteConfiguration config) {
        this.from = config.from_uri();
        this.timeUnit = config.timeUnit();
    }

    @Override
    public void configure() {
        from(from).routeId(ROUTE_ID)
                .log("registry export ${header.CamelFileName} received")
                .setHeader(ImportEndpoint.TIME_UNIT, constant(timeUnit))
                .setHeader(ImportEndpoint.USER, constant("registry"))
                .to("{{" + ImportEndpoint.URI_PLACEHOLDER + "}}");
    }
}
