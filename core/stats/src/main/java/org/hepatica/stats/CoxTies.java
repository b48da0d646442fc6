package org.hepatica.stats;

/** How the Cox partial likelihood handles events tied at the same time. */
public enum CoxTies {
    /**
     * Efron's approximation (R {@code coxph} default): the d tied deaths leave the risk set in
     * d equal steps, term k using S0 - (k/d) D0.
     */
    EFRON,
    /** Breslow's approximation: every tied death sees the full risk set. */
    BRESLOW
}
