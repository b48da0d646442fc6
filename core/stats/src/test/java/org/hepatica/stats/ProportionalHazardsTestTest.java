package org.hepatica.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The cox.zph score test: against R at R's coefficients, and against a direct implementation. */
class ProportionalHazardsTestTest {

    /**
     * cox.zph(coxph(Surv(os_time, os_event) ~ age + sex + ph_ecog, lung), transform = "km") at
     * the coefficients R reports (lung.expected.json cox_efron); relative tolerance 1e-6.
     */
    @Test
    void reproducesRsTableForLungAtRsCoefficients() {
        JsonNode exp = ReferenceData.expected("lung").path("endpoints").path("OS").path("cox_efron");
        ReferenceCohort lung = ReferenceCohort.load("lung");
        double[] time = CoxGolden.time(lung, "OS");
        int[] status = CoxGolden.event(lung, "OS");
        double[] age = lung.numeric("age");
        String[] sex = lung.text("sex");
        double[] ecog = lung.numeric("ph_ecog");
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < time.length; i++) {
            if (!Double.isNaN(ecog[i])) {
                rows.add(i);
            }
        }
        int n = rows.size();
        double[] t = new double[n];
        int[] s = new int[n];
        double[][] x = new double[3][n];
        for (int q = 0; q < n; q++) {
            int i = rows.get(q);
            t[q] = time[i];
            s[q] = status[i];
            x[0][q] = age[i];
            x[1][q] = "M".equals(sex[i]) ? 1 : 0;
            x[2][q] = ecog[i];
        }
        double[] coef = new double[3];
        for (int j = 0; j < 3; j++) {
            coef[j] = exp.get("terms").get(j).get("coef").asDouble();
        }
        List<ProportionalHazardsTest.TermTest> table = ProportionalHazardsTest.test(t, s, null, x,
                new String[] {"age", "sex", "ph_ecog"}, coef, CoxTies.EFRON);
        JsonNode ph = exp.get("phTest");
        assertEquals(ph.size(), table.size());
        for (int j = 0; j < ph.size(); j++) {
            assertEquals(ph.get(j).get("term").asText(), table.get(j).term());
            CoxGolden.close("cox.zph " + table.get(j).term(), ph.get(j).get("chiSquare"), table.get(j).chiSquare(), CoxGolden.TOL);
            CoxGolden.close("cox.zph p " + table.get(j).term(), ph.get(j).get("pValue"), table.get(j).pValue(), CoxGolden.TOL);
            assertEquals(ph.get(j).get("df").asInt(), table.get(j).df());
        }
    }

    /**
     * zph1.c written out directly: each event time's d Efron terms one by one, risk sets by
     * brute force, then U' M^-1 U over the requested rows.
     */
    private static double[] direct(double[] time, int[] status, int[] strata, double[][] x, double[] beta,
                                   boolean efron, int[][] terms) {
        int n = time.length;
        int p = x.length;
        // g(t) = 1 - KM(t-) over all subjects, centred on the events
        double[] g = new double[n];
        for (int i = 0; i < n; i++) {
            double surv = 1;
            double[] distinct = java.util.Arrays.stream(time).distinct().sorted().toArray();
            for (double u : distinct) {
                if (u >= time[i]) {
                    break;
                }
                int atRisk = 0;
                int d = 0;
                for (int k = 0; k < n; k++) {
                    if (time[k] >= u) {
                        atRisk++;
                        if (time[k] == u && status[k] == 1) {
                            d++;
                        }
                    }
                }
                surv *= 1 - (double) d / atRisk;
            }
            g[i] = 1 - surv;
        }
        double mean = 0;
        int events = 0;
        for (int i = 0; i < n; i++) {
            if (status[i] == 1) {
                mean += g[i];
                events++;
            }
        }
        mean /= events;
        double[] u = new double[2 * p];
        double[][] info = new double[2 * p][2 * p];
        double[] risk = new double[n];
        for (int i = 0; i < n; i++) {
            double lp = 0;
            for (int j = 0; j < p; j++) {
                lp += beta[j] * x[j][i];
            }
            risk[i] = Math.exp(lp);
        }
        boolean[] done = new boolean[n];
        for (int i = 0; i < n; i++) {
            if (status[i] != 1 || done[i]) {
                continue;
            }
            List<Integer> deaths = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                if (time[k] == time[i] && status[k] == 1 && (strata == null || strata[k] == strata[i])) {
                    deaths.add(k);
                    done[k] = true;
                }
            }
            int d = deaths.size();
            double gt = g[i] - mean;
            for (int k : deaths) {
                for (int j = 0; j < p; j++) {
                    u[j] += x[j][k];
                    u[j + p] += gt * x[j][k];
                }
            }
            int steps = efron ? d : 1;
            for (int step = 0; step < steps; step++) {
                double w0 = 0;
                double[] w1 = new double[p];
                double[][] w2 = new double[p][p];
                for (int k = 0; k < n; k++) {
                    if (time[k] < time[i] || (strata != null && strata[k] != strata[i])) {
                        continue;
                    }
                    double w = risk[k];
                    if (efron && deaths.contains(k)) {
                        w *= 1 - (double) step / d;
                    }
                    w0 += w;
                    for (int a = 0; a < p; a++) {
                        w1[a] += w * x[a][k];
                        for (int b = 0; b < p; b++) {
                            w2[a][b] += w * x[a][k] * x[b][k];
                        }
                    }
                }
                double mult = efron ? 1 : d;
                for (int a = 0; a < p; a++) {
                    double m = w1[a] / w0;
                    u[a] -= mult * m;
                    u[a + p] -= mult * gt * m;
                    for (int b = 0; b < p; b++) {
                        double v = mult * (w2[a][b] / w0 - m * w1[b] / w0);
                        info[a][b] += v;
                        info[a][b + p] += gt * v;
                        info[a + p][b] += gt * v;
                        info[a + p][b + p] += gt * gt * v;
                    }
                }
            }
        }
        double[] out = new double[terms.length];
        for (int q = 0; q < terms.length; q++) {
            int[] rows = terms[q];
            int m = rows.length;
            double[][] a = new double[m][m + 1];
            for (int r = 0; r < m; r++) {
                for (int c = 0; c < m; c++) {
                    a[r][c] = info[rows[r]][rows[c]];
                }
                a[r][m] = rows[r] < p ? 0 : u[rows[r]];
            }
            for (int c = 0; c < m; c++) { // Gauss-Jordan
                int piv = c;
                for (int r = c + 1; r < m; r++) {
                    if (Math.abs(a[r][c]) > Math.abs(a[piv][c])) {
                        piv = r;
                    }
                }
                double[] tmp = a[c];
                a[c] = a[piv];
                a[piv] = tmp;
                for (int r = 0; r < m; r++) {
                    if (r != c) {
                        double f = a[r][c] / a[c][c];
                        for (int k = c; k <= m; k++) {
                            a[r][k] -= f * a[c][k];
                        }
                    }
                }
            }
            double stat = 0;
            for (int r = 0; r < m; r++) {
                stat += (a[r][m] / a[r][r]) * (rows[r] < p ? 0 : u[rows[r]]);
            }
            out[q] = stat;
        }
        return out;
    }

    @Test
    void matchesADirectImplementationWithTiesAndStrata() {
        Random rnd = new Random(99);
        for (int rep = 0; rep < 8; rep++) {
            int n = 60 + rnd.nextInt(60);
            double[] time = new double[n];
            int[] status = new int[n];
            int[] strata = rep % 2 == 0 ? null : new int[n];
            double[][] x = new double[2][n];
            for (int i = 0; i < n; i++) {
                time[i] = 1 + rnd.nextInt(25);
                status[i] = rnd.nextDouble() < 0.7 ? 1 : 0;
                x[0][i] = rnd.nextInt(2);
                x[1][i] = rnd.nextGaussian() * 3 + 10;
                if (strata != null) {
                    strata[i] = rnd.nextInt(2);
                }
            }
            double[] beta = {0.4, -0.1};
            for (CoxTies ties : CoxTies.values()) {
                List<ProportionalHazardsTest.TermTest> fast = ProportionalHazardsTest.test(time, status, strata, x,
                        new String[] {"a", "b"}, beta, ties);
                double[] slow = direct(time, status, strata, x, beta, ties == CoxTies.EFRON,
                        new int[][] {{0, 1, 2}, {0, 1, 3}, {0, 1, 2, 3}});
                for (int q = 0; q < 3; q++) {
                    double f = fast.get(q).chiSquare();
                    assertTrue(Math.abs(f - slow[q]) <= 1e-9 * Math.max(1, Math.abs(slow[q])),
                            "rep " + rep + " " + ties + " row " + q + ": " + f + " vs " + slow[q]);
                }
            }
        }
    }

    @Test
    void detectsAnEffectThatReversesOverTime() {
        Random rnd = new Random(5);
        int n = 600;
        double[] time = new double[n];
        int[] status = new int[n];
        double[][] x = new double[1][n];
        for (int i = 0; i < n; i++) {
            x[0][i] = rnd.nextInt(2);
            // hazard ratio 4 before t = 1, 1/4 after: not proportional
            double early = -Math.log(rnd.nextDouble()) / (x[0][i] == 1 ? 2.0 : 0.5);
            double t = early < 1 ? early : 1 + -Math.log(rnd.nextDouble()) / (x[0][i] == 1 ? 0.25 : 1.0);
            time[i] = Math.min(t, 4);
            status[i] = t < 4 ? 1 : 0;
        }
        CoxResult fit = CoxProportionalHazards.create().fit(time, status, null, x, new String[] {"x"});
        assertTrue(fit.phTest().get(0).pValue() < 1e-6, "p = " + fit.phTest().get(0).pValue());
        assertEquals("GLOBAL", fit.phTest().get(1).term());
        assertEquals(fit.phTest().get(0).chiSquare(), fit.phTest().get(1).chiSquare(), 1e-12);
    }
}
