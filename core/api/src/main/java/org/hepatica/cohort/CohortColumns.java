package org.hepatica.cohort;

/**
 * Names of the columns with a fixed meaning in the canonical cohort CSV ({@code cohort-csv.md}),
 * as the platform stores them (lower case). Analyses name columns through these constants, so a
 * misspelt column is a compile error rather than a 400 at run time.
 */
public final class CohortColumns {
    /** Patient identifier, unique within a cohort. */
    public static final String PATIENT_ID = "patient_id";
    /** Institution or centre code (text). */
    public static final String SITE = "site";
    /** Treatment group, e.g. {@code RFA}, {@code RFA+RT}. */
    public static final String ARM = "arm";
    /** Radiotherapy technique: {@code IMRT}, {@code SBRT}, {@code none}. */
    public static final String RT_TECHNIQUE = "rt_technique";
    /** Total radiotherapy dose, Gy. */
    public static final String RT_DOSE_GY = "rt_dose_gy";
    /** Number of radiotherapy fractions. */
    public static final String RT_FRACTIONS = "rt_fractions";
    /** 1 = recurrent HCC at enrolment. */
    public static final String RECURRENT_HCC = "recurrent_hcc";
    /** Age in years. */
    public static final String AGE = "age";
    /** {@code M}, {@code F}. */
    public static final String SEX = "sex";
    /** Child-Pugh class {@code A}, {@code B}, {@code C}. */
    public static final String CHILD_PUGH = "child_pugh";
    /** BCLC stage {@code 0}, {@code A} .. {@code D}. */
    public static final String BCLC = "bclc";
    /** Largest lesion, cm. */
    public static final String TUMOR_SIZE_CM = "tumor_size_cm";
    /** Number of lesions. */
    public static final String TUMOR_COUNT = "tumor_count";
    /** Alpha-fetoprotein, ng/ml. */
    public static final String AFP_NG_ML = "afp_ng_ml";
    /** Microvascular invasion, 0/1; missing = unknown. */
    public static final String MVI = "mvi";
    /** Ablation margin width, mm. */
    public static final String MARGIN_MM = "margin_mm";
    /** Short-term response by mRECIST: {@code CR}, {@code PR}, {@code SD}, {@code PD}; missing = not assessed. */
    public static final String RESPONSE_MRECIST = "response_mrecist";
    /** Worst CTCAE adverse-event grade within 90 days, 0-5. */
    public static final String AE_MAX_GRADE = "ae_max_grade";

    private CohortColumns() {
    }
}
