package org.hepatica.stats;

/**
 * Test fixture for the {@code marginStratification} reference section: patients with a known
 * margin, classed {@code <10} / {@code >=10} mm (R: {@code ifelse(margin_mm < cutoff, "<10",
 * ">=10")}), with their endpoint and arm.
 */
final class MarginClasses {

    static final String[] LABELS = {"<10", ">=10"};

    final double[] time;
    final int[] event;
    final int[] marginClass;
    final int[] arm;
    final String[] armLabels;
    final int excluded;

    private MarginClasses(double[] time, int[] event, int[] marginClass, int[] arm,
            String[] armLabels, int excluded) {
        this.time = time;
        this.event = event;
        this.marginClass = marginClass;
        this.arm = arm;
        this.armLabels = armLabels;
        this.excluded = excluded;
    }

    static MarginClasses of(ReferenceCohort cohort, String endpoint, double cutoffMm) {
        double[] margin = cohort.numeric("margin_mm");
        boolean[] keep = new boolean[margin.length];
        int excluded = 0;
        int[] cls = new int[margin.length];
        for (int i = 0; i < margin.length; i++) {
            keep[i] = !Double.isNaN(margin[i]);
            if (!keep[i]) {
                excluded++;
            }
            cls[i] = margin[i] < cutoffMm ? 0 : 1;
        }
        ReferenceCohort.Factor arm = cohort.factor("arm");
        double[] t = endpoint.equals("OS") ? cohort.osTime : cohort.dfsTime;
        int[] e = endpoint.equals("OS") ? cohort.osEvent : cohort.dfsEvent;
        return new MarginClasses(ReferenceCohort.select(t, keep), ReferenceCohort.select(e, keep),
                ReferenceCohort.select(cls, keep), ReferenceCohort.select(arm.codes(), keep),
                arm.labels(), excluded);
    }
}
