package org.hepatica.importer.internal;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.hepatica.importer.ImportEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A file inbox: every file dropped into the directory is sent to {@code target} (the import
 * endpoint, or a mapping route in front of it). Afterwards the original moves to the archive
 * directory with a timestamp in its name, or, when the import is refused or fails, to the failed
 * directory with a {@link FailureReport} beside it. Nothing is deleted.
 *
 * <p>A file still being written is not picked up: Camel's {@code changed} read lock with a minimum
 * age takes a file only once its modification time is at least {@code readLockMinAge} ms old (a file
 * moved in with {@code mv} keeps its time and is taken at once). A writer that pauses longer than
 * that mid-file would defeat it; for such writers set {@code doneFileName} (e.g.
 * {@code ${file:name}.done}), and only files whose done file exists are read.
 */
final class FileInboxRoute extends RouteBuilder {
    /** Header: the name the original gets in {@code archive/} or {@code failed/}. */
    static final String MOVED_NAME = "HepaticaMovedName";
    private static final Logger LOG = LoggerFactory.getLogger(FileInboxRoute.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

    /** What one inbox does, from {@link ImporterConfiguration}. */
    record Settings(String routeId, Path inbox, Path archive, Path failed, long readLockMinAge, String doneFileName,
            long delay, String user, String timeUnit, String dropColumns, String target) {
    }

    private final Settings s;

    FileInboxRoute(Settings settings) {
        this.s = settings;
    }

    /** The file endpoint URI of this inbox. */
    String uri() {
        StringBuilder u = new StringBuilder("file:").append(s.inbox().toAbsolutePath())
                .append("?readLock=changed&readLockMinLength=0&readLockCheckInterval=")
                .append(Math.max(100, Math.min(1000, s.readLockMinAge() / 2)))
                .append("&readLockMinAge=").append(s.readLockMinAge())
                .append("&readLockTimeout=").append(Math.max(10_000, s.readLockMinAge() * 5))
                .append("&delay=").append(s.delay())
                .append("&move=RAW(").append(s.archive().toAbsolutePath()).append("/${header.").append(MOVED_NAME)
                .append("})")
                .append("&moveFailed=RAW(").append(s.failed().toAbsolutePath()).append("/${header.")
                .append(MOVED_NAME).append("})");
        if (s.doneFileName() != null && !s.doneFileName().isBlank()) {
            u.append("&doneFileName=RAW(").append(s.doneFileName().replace("$simple{", "${")).append(')');
        }
        return u.toString();
    }

    private volatile org.apache.camel.ProducerTemplate template;

    @Override
    public void configure() {
        from(uri()).routeId(s.routeId())
                .onException(Exception.class).handled(false).logStackTrace(false).logExhausted(false)
                    .process(this::report)
                .end()
                .process(this::prepare)
                .process(this::importFile);
    }

    /**
     * Sends the file to the import. An {@link Error} thrown there (a stack overflow on a pathological
     * file, say) would leave the route past its error handler and end the inbox's polling for good:
     * it refuses this file like any other failure, and the inbox goes on with the next.
     */
    private void importFile(Exchange exchange) {
        if (template == null) {
            template = getContext().createProducerTemplate();
        }
        try {
            template.send(s.target(), exchange);
        } catch (Error e) {
            exchange.setException(new IllegalStateException("the import failed: " + e, e));
        }
    }

    private void prepare(Exchange exchange) {
        Message in = exchange.getIn();
        String file = in.getHeader(Exchange.FILE_NAME_ONLY, String.class);
        in.setHeader(MOVED_NAME, movedName(file, LocalDateTime.now()));
        if (in.getHeader(ImportEndpoint.COHORT_NAME) == null) {
            in.setHeader(ImportEndpoint.COHORT_NAME, ImportRoute.cohortName(file));
        }
        in.setHeader(ImportEndpoint.TIME_UNIT, s.timeUnit());
        in.setHeader(ImportEndpoint.USER, s.user());
        if (s.dropColumns() != null && !s.dropColumns().isBlank()) {
            in.setHeader(ImportEndpoint.DROP_COLUMNS, s.dropColumns());
        }
        LOG.info("[{}] picked up {}", s.routeId(), file);
    }

    private void report(Exchange exchange) throws Exception {
        Message in = exchange.getIn();
        String file = in.getHeader(Exchange.FILE_NAME_ONLY, String.class);
        String moved = in.getHeader(MOVED_NAME, String.class);
        if (moved == null) {
            moved = movedName(file, LocalDateTime.now());
            in.setHeader(MOVED_NAME, moved);
        }
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        Path report = FailureReport.write(s.failed(), moved, file, s.routeId(), failure);
        LOG.warn("[{}] {} refused: {}; moved to {} with report {}", s.routeId(), file, failure.getMessage(),
                s.failed().resolve(moved), report.getFileName());
    }

    /** {@code hcc.csv} at 2026-01-02 03:04:05.678 becomes {@code hcc-20260102-030405-678.csv}. */
    static String movedName(String file, LocalDateTime at) {
        String stamp = STAMP.format(at);
        int dot = file.lastIndexOf('.');
        return dot > 0 ? file.substring(0, dot) + "-" + stamp + file.substring(dot) : file + "-" + stamp;
    }
}
