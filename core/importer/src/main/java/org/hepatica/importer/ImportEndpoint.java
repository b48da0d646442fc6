package org.hepatica.importer;

/**
 * Names of the import endpoint and of the message headers it reads and writes.
 *
 * <p>The endpoint calls {@code CohortService#importCsv} once per message, on the calling thread:
 * the body is read to the end. On success the body becomes the {@code ImportResult} and
 * {@link #COHORT_ID} is set; when the import is refused the exchange fails with the
 * {@code CohortImportException}, whose {@code problems()} list every line, column and reason.
 */
public final class ImportEndpoint {

    /** The endpoint every route ends in, unless configured otherwise ({@code import.uri}). */
    public static final String DEFAULT_URI = "direct:hepatica-import";

    /** The property placeholder route files use for the import endpoint: {@code {{hepatica.import.uri}}}. */
    public static final String URI_PLACEHOLDER = "hepatica.import.uri";

    /** Header: the cohort name (required unless the message comes from a file, whose name is used). */
    public static final String COHORT_NAME = "HepaticaCohortName";

    /** Header: the unit of duration columns, {@code days} (default), {@code months} or {@code years}. */
    public static final String TIME_UNIT = "HepaticaTimeUnit";

    /** Header: who imports, for the audit trail (default: the route's id). */
    public static final String USER = "HepaticaUser";

    /**
     * Header: columns to leave out of the import, comma-separated names as in the header (a column
     * of direct identifiers the platform would otherwise refuse). Each must be in the header.
     */
    public static final String DROP_COLUMNS = "HepaticaDropColumns";

    /** Header set on success: the id of the stored (or already existing) cohort. */
    public static final String COHORT_ID = "HepaticaCohortId";

    private ImportEndpoint() {
    }
}
