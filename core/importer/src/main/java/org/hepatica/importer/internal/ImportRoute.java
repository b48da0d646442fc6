package org.hepatica.importer.internal;

import java.io.InputStream;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.hepatica.cohort.CohortService;
import org.hepatica.cohort.ColumnNames;
import org.hepatica.cohort.ImportResult;
import org.hepatica.cohort.TimeUnit;
import org.hepatica.importer.ImportEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The import endpoint every route ends in: one call of {@link CohortService#importCsv} per message,
 * the one parser and validator of the platform. It has no error handler of its own, so a refused
 * import fails the calling route, which decides what to do (the file inbox moves the file to
 * {@code failed/} with a report).
 */
final class ImportRoute extends RouteBuilder {
    static final String ROUTE_ID = "hepatica-import";
    private static final Logger LOG = LoggerFactory.getLogger(ImportRoute.class);

    private final String uri;
    private final CohortService cohorts;

    ImportRoute(String uri, CohortService cohorts) {
        this.uri = uri;
        this.cohorts = cohorts;
    }

    @Override
    public void configure() {
        from(uri).routeId(ROUTE_ID).errorHandler(noErrorHandler())
                .process(this::importCsv);
    }

    private void importCsv(Exchange exchange) throws Exception {
        Message in = exchange.getIn();
        String name = in.getHeader(ImportEndpoint.COHORT_NAME, String.class);
        if (name == null) {
            name = cohortName(in.getHeader(Exchange.FILE_NAME_ONLY, String.class));
        }
        TimeUnit unit = TimeUnit.parse(in.getHeader(ImportEndpoint.TIME_UNIT, String.class));
        String user = in.getHeader(ImportEndpoint.USER, String.class);
        if (user == null) {
            user = "route:" + exchange.getFromRouteId();
        }
        ImportResult result;
        try (InputStream body = in.getMandatoryBody(InputStream.class)) {
            result = cohorts.importCsv(name, body, unit, user, ColumnNames.parse(in.getHeader(ImportEndpoint.DROP_COLUMNS, String.class)));
        }
        LOG.info("[{}] cohort '{}' v{} ({}): {} rows read, {} accepted, {} rejected{}", exchange.getFromRouteId(),
                result.name(), result.version(), result.id(), result.rowsRead(), result.rowsAccepted(),
                result.rowsRejected(), result.created() ? "" : " (same bytes imported before)");
        in.setHeader(ImportEndpoint.COHORT_ID, result.id());
        in.setBody(result);
    }

    /** A file name without its last extension: {@code hcc-2024.csv} is cohort {@code hcc-2024}. */
    static String cohortName(String fileName) {
        if (fileName == null) {
            return null;
        }
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }
}
