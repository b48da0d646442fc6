package org.hepatica.benchmarks;

import java.util.SplittableRandom;

/**
 * Synthetic subjects of the shape the platform analyses: arm (2 levels), mvi (0/1), age,
 * child_pugh (A/B), margin_mm; exponential event times with covariate effects and uniform
 * censoring, times rounded to whole days as in real cohorts. The same n and seed give the same data.
 */
public final class SyntheticSurvival {
    public final int n;
    public final double[] time;
    public final int[] status;
    public final int[] arm;
    /** Covariates column-major: arm, mvi, age, child_pugh=B, margin_mm. */
    public final double[][] x;
    public static final String[] TERMS = {"arm=RFA+RT", "mvi", "age", "child_pugh=B", "margin_mm"};
    public static final String[] ARMS = {"RFA", "RFA+RT"};

    public SyntheticSurvival(int n, long seed) {
        this.n = n;
        SplittableRandom r = new SplittableRandom(seed);
        time = new double[n];
        status = new int[n];
        arm = new int[n];
        x = new double[5][n];
        for (int i = 0; i < n; i++) {
            int a = r.nextInt(2);
            int mvi = r.nextDouble() < 0.3 ? 1 : 0;
            double age = 40 + r.nextDouble() * 40;
            int childB = r.nextDouble() < 0.2 ? 1 : 0;
            double margin = r.nextDouble() * 20;
            double lp = -0.6 * a + 0.5 * mvi - 0.01 * (age - 60) + 0.6 * childB + 0.01 * margin;
            double t = -Math.log(1 - r.nextDouble()) / (0.0005 * Math.exp(lp));
            double c = 30 + r.nextDouble() * 3000;
            time[i] = Math.max(1, Math.rint(Math.min(t, c)));
            status[i] = t <= c ? 1 : 0;
            arm[i] = a;
            x[0][i] = a;
            x[1][i] = mvi;
            x[2][i] = Math.rint(age);
            x[3][i] = childB;
            x[4][i] = Math.rint(margin * 10) / 10;
        }
    }
}
