package org.hepatica.cohort;

import java.time.Instant;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A read-only view of one stored cohort, as analyses receive it. Every array returned is a fresh
 * copy, so an analysis cannot change the cohort for anyone else. Missing numeric values are
 * {@code NaN}; missing categorical values have code {@code -1}.
 */
@ProviderType
public interface CohortView {

    /** The cohort's identity and size. */
    CohortSummary summary();

    /** Number of patients (accepted rows). */
    int size();

    /** The columns, in import order (endpoint columns included). */
    List<ColumnSummary> columns();

    /** The column named {@code name} (case-insensitive), or null when the cohort has none. */
    ColumnSummary column(String name);

    /** Patient identifiers in row order. */
    List<String> patientIds();

    /**
     * The values of a numeric, integer, binary or date column ({@code NaN} when missing).
     *
     * @throws IllegalArgumentException when the column does not exist or is categorical or text
     */
    double[] numeric(String name);

    /**
     * The codes and levels of a column: a categorical or text column by its levels (code point
     * order), a numeric, integer or 0/1 column by its distinct values (numeric order, labelled as
     * plain numbers such as {@code 0}, {@code 1}, {@code 2.5}).
     *
     * @throws IllegalArgumentException when the column does not exist
     */
    Categorical categorical(String name);

    /** Time to event or censoring in days; {@code NaN} where the endpoint could not be derived. */
    double[] time(Endpoint endpoint);

    /** 1 = event, 0 = censored, -1 where the endpoint could not be derived. */
    int[] event(Endpoint endpoint);

    /**
     * The competing-risk cause of DFS: 1 = recurrence first (a recurrence on the day of death
     * counts as recurrence), 2 = death without recurrence, 0 = censored, -1 = not derivable.
     */
    int[] dfsCause();

    /** When the cohort was imported. */
    Instant importedAt();
}
