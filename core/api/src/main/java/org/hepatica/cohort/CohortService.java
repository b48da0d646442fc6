package org.hepatica.cohort;

import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Imports and serves cohorts. The one entry for all imports, whatever route the bytes came by:
 * there is one parser and one validator. An import is one transaction: either the cohort is
 * stored whole, or nothing is.
 */
@ProviderType
public interface CohortService {

    /**
     * Imports a canonical cohort CSV.
     *
     * @param name     the cohort name (versions count per name)
     * @param csv      the bytes; read to the end, not closed
     * @param timeUnit the unit of duration columns
     * @param user     who imports, for the audit trail
     * @return the stored cohort, or the existing one when the same bytes were imported before
     * @throws CohortImportException when the input is unreadable or has no acceptable row
     */
    ImportResult importCsv(String name, InputStream csv, TimeUnit timeUnit, String user)
            throws CohortImportException, java.io.IOException;

    /**
     * Imports a canonical cohort CSV leaving out the columns {@code dropColumns} (names as in the
     * header, case-insensitive; each must be there): they are neither checked nor stored, so a column
     * of direct identifiers can be imported without them. With columns dropped the original bytes are
     * not kept, and the checksum covers the bytes together with the dropped names.
     *
     * <p>The default refuses any dropped column; the platform's service implements it.
     *
     * @throws IllegalArgumentException when this service cannot drop columns, or a dropped column is
     *         not in the header (named in the message)
     * @since 1.2
     */
    default ImportResult importCsv(String name, InputStream csv, TimeUnit timeUnit, String user,
            java.util.Set<String> dropColumns) throws CohortImportException, java.io.IOException {
        if (dropColumns != null && !dropColumns.isEmpty()) {
            throw new IllegalArgumentException("this import service cannot drop columns (dropColumns)");
        }
        return importCsv(name, csv, timeUnit, user);
    }

    /** All stored cohorts, oldest first. */
    List<CohortSummary> list();

    /** The cohort with this id. */
    Optional<CohortView> find(String id);

    /** Deletes the cohort and its results; false when there was none. */
    boolean delete(String id, String user);
}
