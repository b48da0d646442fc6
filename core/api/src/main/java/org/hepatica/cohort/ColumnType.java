package org.hepatica.cohort;

/** How a cohort column is stored and how analyses may use it. */
public enum ColumnType {
    /** Free text (identifiers, site codes): not a covariate. */
    TEXT,
    /** A finite set of levels; enters models as indicator terms. */
    CATEGORICAL,
    /** A real number. */
    NUMERIC,
    /** A whole number. */
    INTEGER,
    /** 0 or 1. */
    BINARY,
    /** An ISO-8601 calendar date, held as days since 1970-01-01. */
    DATE
}
