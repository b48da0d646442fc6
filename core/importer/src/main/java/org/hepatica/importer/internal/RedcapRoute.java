package org.hepatica.importer.internal;

import org.apache.camel.builder.RouteBuilder;

/**
 * REDCap exports: {@code direct:hepatica-redcap} maps a REDCap flat CSV export onto the canonical
 * format with the configured profile and sends it on to the import endpoint. The REDCap inbox
 * (a {@link FileInboxRoute}) and the REDCap API pull ({@link RedcapApiRoute}) send here.
 */
final class RedcapRoute extends RouteBuilder {
    static final String ROUTE_ID = "hepatica-redcap-map";
    static final String URI = "direct:hepatica-redcap";

    private final RedcapMapper mapper;
    private final String target;

    RedcapRoute(RedcapMapper mapper, String target) {
        this.mapper = mapper;
        this.target = target;
    }

    @Override
    public void configure() {
        from(URI).routeId(ROUTE_ID).errorHandler(noErrorHandler())
                .process(mapper)
                .log("mapped REDCap export of cohort '${header.HepaticaCohortName}' onto the canonical cohort CSV")
                .to(target);
    }
}
