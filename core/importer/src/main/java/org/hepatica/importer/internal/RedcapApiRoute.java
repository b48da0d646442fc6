package org.hepatica.importer.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.hepatica.cohort.CohortImportException;
import org.hepatica.cohort.ImportResult;
import org.hepatica.cohort.Rejection;
import org.hepatica.importer.ImportEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduled REDCap pull: on a timer, the project's records are exported through the REDCap API
 * ({@link RedcapApiClient}) and sent to {@code target}, the REDCap mapping route in front of the import
 * endpoint, the same path an export dropped into the REDCap inbox takes. The cohort name is
 * configured and the audit user is {@code route:<route id>}.
 *
 * <p>An unchanged project maps to the same bytes, which the import service answers with the existing
 * cohort: no new version. A changed one becomes the next version of the same cohort name. When REDCap
 * cannot be reached or refuses, or the import refuses the export, the failure is logged, nothing is
 * imported, and the next period tries again; a pull never overlaps the previous one. An export that
 * was received but not imported is kept in the failed directory with a {@link FailureReport} beside
 * it, as a refused inbox file is: nothing REDCap sent is lost.
 */
final class RedcapApiRoute extends RouteBuilder {
    static final String ROUTE_ID = "hepatica-redcap-api";
    private static final Logger LOG = LoggerFactory.getLogger(RedcapApiRoute.class);
    /** Problems named in the log when the import refuses an export. */
    private static final int LOGGED_PROBLEMS = 5;
    /** Exchange property: the export as REDCap sent it. */
    private static final String EXPORT = "HepaticaRedcapExport";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

    /** What the pull does, from {@link ImporterConfiguration}. */
    record Settings(String routeId, long initialDelay, long period, String cohortName, String timeUnit,
            String target, Path failed) {
    }

    private final Settings s;
    private final RedcapApiClient client;

    RedcapApiRoute(Settings settings, RedcapApiClient client) {
        this.s = settings;
        this.client = client;
    }

    /** The timer endpoint URI: the route id, the delays, nothing else. */
    String uri() {
        return "timer:" + s.routeId() + "?delay=" + s.initialDelay() + "&period=" + s.period();
    }

    @Override
    public void configure() {
        from(uri()).routeId(s.routeId())
                .onException(Exception.class).handled(true).logStackTrace(false).logExhausted(false)
                    .process(this::report)
                .end()
                .process(this::export)
                .to(s.target())
                .process(this::imported);
    }

    private void export(Exchange exchange) throws Exception {
        byte[] csv = client.exportRecords();
        Message in = exchange.getIn();
        in.setBody(csv);
        exchange.setProperty(EXPORT, csv);
        in.setHeader(ImportEndpoint.COHORT_NAME, s.cohortName());
        in.setHeader(ImportEndpoint.TIME_UNIT, s.timeUnit());
        in.setHeader(ImportEndpoint.USER, "route:" + s.routeId());
        LOG.info("[{}] {} bytes exported from {}", s.routeId(), csv.length, client.url());
    }

    private void imported(Exchange exchange) {
        ImportResult r = exchange.getIn().getBody(ImportResult.class);
        if (r != null && !r.created()) {
            LOG.info("[{}] REDCap project unchanged: cohort '{}' stays at v{}", s.routeId(), r.name(), r.version());
        }
    }

    private void report(Exchange exchange) {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String next = "nothing imported, next pull in " + s.period() / 1000 + " s";
        if (failure instanceof CohortImportException e) {
            List<Rejection> problems = e.problems();
            StringBuilder first = new StringBuilder();
            for (Rejection r : problems.subList(0, Math.min(LOGGED_PROBLEMS, problems.size()))) {
                first.append("; line ").append(r.line()).append(' ').append(r.column() == null ? "" : r.column())
                        .append(": ").append(r.reason());
            }
            LOG.warn("[{}] the import refused the REDCap export of cohort '{}': {} ({} problems{}); {}",
                    s.routeId(), s.cohortName(), e.getMessage(), problems.size(), first, next);
        } else {
            LOG.warn("[{}] REDCap pull failed: {}; {}", s.routeId(),
                    client.redact(failure.getClass().getSimpleName() + ": " + failure.getMessage()), next);
        }
        byte[] export = exchange.getProperty(EXPORT, byte[].class);
        if (export != null) {
            keep(export, failure);
        }
    }

    /** Writes an export that was not imported to the failed directory, with the report beside it. */
    private void keep(byte[] export, Exception failure) {
        // a file name from the cohort name: letters, digits, '.', '_' and '-' only
        String name = s.cohortName().replaceAll("[^A-Za-z0-9._-]", "_") + "-redcap-api-"
                + LocalDateTime.now().format(STAMP) + ".csv";
        try {
            Files.createDirectories(s.failed());
            Files.write(s.failed().resolve(name), export);
            Path report = FailureReport.write(s.failed(), name, "REDCap API export of cohort '" + s.cohortName() + "'",
                    s.routeId(), failure instanceof CohortImportException ? failure
                            : new IOException(client.redact(failure.getClass().getSimpleName() + ": "
                                    + failure.getMessage())));
            LOG.warn("[{}] the export is kept as {} with {}", s.routeId(), s.failed().resolve(name),
                    report.getFileName());
        } catch (IOException e) {
            LOG.error("[{}] cannot keep the export that was not imported in {}: {}", s.routeId(), s.failed(),
                    e.getMessage());
        }
    }
}
