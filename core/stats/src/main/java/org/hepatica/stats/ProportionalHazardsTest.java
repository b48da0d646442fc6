package org.hepatica.stats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test of the proportional hazards assumption of a fitted Cox model, as R survival 3.5.3
 * {@code cox.zph(fit, transform = "km", terms = TRUE, global = TRUE)} computes it (R code
 * {@code cox.zph.R}, C code {@code zph1.c}).
 *
 * <p>Since survival 3.0 this is a score test, not the older correlation test of the scaled
 * Schoenfeld residuals. The model is extended with time-varying coefficients x g(t), where
 * g(t) = 1 - S_KM(t-) (the left-continuous Kaplan-Meier of all subjects, strata ignored),
 * centred on its mean over the event times. At the fitted beta (held fixed) the score of the
 * added coefficients is
 * <pre>
 *   U_g = sum over events of g(t_i) (x_i - xbar(t_i))
 * </pre>
 * and the information of the extended model is the 2p x 2p matrix with blocks
 * sum V(t), sum g V(t), sum g^2 V(t) (V the risk-set covariance, Efron or Breslow as the fit).
 * For a variable with columns J the statistic is U' M^-1 U over the rows (all p, J + p) with
 * the first p scores set to 0; df = |J|. GLOBAL uses all 2p rows, df = p. A categorical
 * variable is tested as one term with df = number of its indicator columns.
 */
public final class ProportionalHazardsTest {

    /**
     * One line of the {@code cox.zph} table.
     *
     * @param term      variable name, or {@code GLOBAL}
     * @param chiSquare score statistic
     * @param df        degrees of freedom
     * @param pValue    P(chi-square_df &gt; chiSquare)
     */
    public record TermTest(String term, double chiSquare, int df, double pValue) {
    }

    /** Name of the global line. */
    public static final String GLOBAL = "GLOBAL";

    private ProportionalHazardsTest() {
    }

    /**
     * Tests a fitted model given on primitive arrays, each column its own term.
     *
     * @param time      times, finite
     * @param status    0 censored, 1 event
     * @param strata    stratum codes &gt;= 0, or null
     * @param x         covariates x[term][subject], finite
     * @param termNames one name per column
     * @param coef      fitted coefficients (all finite)
     * @param ties      the ties method the model was fitted with
     * @return one line per term, then GLOBAL
     * @throws IllegalArgumentException naming the offending argument
     * @throws ArithmeticException when the information matrix is singular
     */
    public static List<TermTest> test(double[] time, int[] status, int[] strata, double[][] x,
                                      String[] termNames, double[] coef, CoxTies ties) {
        Arguments.requireCoxData(time, status, strata, x);
        Arguments.requireNonNull("ties", ties);
        Arguments.requireSameLength("x", x.length, "termNames", termNames.length);
        Arguments.requireSameLength("x", x.length, "coef", coef.length);
        Arguments.requireFinite("coef", coef);
        CoxRiskSets data = new CoxRiskSets(CoxTimeOrder.of(time, status, strata), x);
        int p = x.length;
        int[] columns = new int[p];
        double[] beta = new double[p];
        for (int j = 0; j < p; j++) {
            columns[j] = j;
            beta[j] = coef[j] / data.scale[j];
        }
        return compute(data, columns, beta, termNames, ties == CoxTies.EFRON);
    }

    /**
     * The test on prepared data, by a walk at {@code scaledBeta} over the given columns (the
     * zph1.c pass: the score of the g(t) x terms and the full 2k x 2k information; the
     * risk-set covariance V of each event time enters the blocks as V, g V, g^2 V).
     *
     * @param data       risk sets of the fit
     * @param columns    columns of {@code data} with an estimated coefficient
     * @param scaledBeta their coefficients on the scaled covariates of {@code data}
     * @param variable   the variable each of those columns belongs to (columns of one
     *                   variable are tested together)
     * @param efron      Efron (true) or Breslow ties
     */
    static List<TermTest> compute(CoxRiskSets data, int[] columns, double[] scaledBeta,
                                  String[] variable, boolean efron) {
        CoxTimeOrder times = data.times;
        int k = columns.length;
        if (k == 0 || times.events == 0) {
            return List.of();
        }
        CoxRiskSets.ZphSums sums = new CoxRiskSets.ZphSums(kmTimeTransform(times), k);
        double[][] cols = new double[k][];
        for (int c = 0; c < k; c++) {
            cols[c] = data.xc[columns[c]];
        }
        int n = times.n;
        data.walk.run(cols, scaledBeta, new double[n], new double[n], efron, sums.u, sums.g, sums.uTime,
                sums.info, sums.infoTime);
        return compute(sums, variable);
    }

    /**
     * The test from the sums of a walk over all the columns of a fit at its beta (as
     * {@link CoxRiskSets#derivatives(double[], boolean, double[], double[][], CoxRiskSets.ZphSums)}
     * fills them in the fit's last walk).
     *
     * @param sums     the sums, of k columns
     * @param variable the variable each column belongs to
     */
    static List<TermTest> compute(CoxRiskSets.ZphSums sums, String[] variable) {
        int k = variable.length;
        double[] u = new double[2 * k];
        double[][] imat = new double[2 * k][2 * k];
        for (int i = 0; i < k; i++) {
            u[i] = sums.u[i];
            u[i + k] = sums.uTime[i];
            for (int j = 0; j < k; j++) { // upper triangle [j * k + i], j <= i -> full matrix
                int idx = j <= i ? j * k + i : i * k + j;
                imat[i][j] = sums.info[idx];
                imat[i][j + k] = sums.infoTime[0][idx];
                imat[i + k][j] = sums.infoTime[0][idx];
                imat[i + k][j + k] = sums.infoTime[1][idx];
            }
        }
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int c = 0; c < k; c++) {
            groups.computeIfAbsent(variable[c], key -> new ArrayList<>()).add(c);
        }
        List<TermTest> out = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> e : groups.entrySet()) {
            List<Integer> jj = e.getValue();
            int[] rows = new int[k + jj.size()];
            for (int c = 0; c < k; c++) {
                rows[c] = c;
            }
            for (int q = 0; q < jj.size(); q++) {
                rows[k + q] = k + jj.get(q);
            }
            out.add(line(e.getKey(), imat, u, rows, k, jj.size()));
        }
        int[] all = new int[2 * k];
        for (int r = 0; r < 2 * k; r++) {
            all[r] = r;
        }
        out.add(line(GLOBAL, imat, u, all, k, k));
        return out;
    }

    /** U' M^-1 U over {@code rows}, with the score of the first k (the fitted beta) set to 0. */
    private static TermTest line(String name, double[][] imat, double[] u, int[] rows, int k, int df) {
        int m = rows.length;
        double[][] a = new double[m][m];
        double[] rhs = new double[m];
        for (int r = 0; r < m; r++) {
            for (int c = 0; c < m; c++) {
                a[r][c] = imat[rows[r]][rows[c]];
            }
            rhs[r] = rows[r] < k ? 0.0 : u[rows[r]]; // u0 = 0 for the fitted coefficients
        }
        double[] sol = GaussianElimination.solve(a, rhs, 1e-14);
        if (sol == null) {
            throw new ArithmeticException("the information matrix of the zph test is singular");
        }
        double stat = 0;
        for (int r = 0; r < m; r++) {
            stat += sol[r] * rhs[r];
        }
        return new TermTest(name, stat, df, Distributions.chiSquareUpperTail(stat, df));
    }

    /**
     * g(t) = 1 - S(t-) with S the Kaplan-Meier of all subjects (strata ignored), minus its
     * mean over the events; returned per sorted position.
     */
    static double[] kmTimeTransform(CoxTimeOrder times) {
        int n = times.n;
        double[] t = times.time;
        int[] ord;
        if (times.nStrata == 1) {
            ord = null; // already in time order
        } else {
            ord = TimeOrder.sort(t, null);
        }
        double[] g = new double[n];
        double surv = 1;
        for (int i = 0, j; i < n; i = j) {
            double ti = t[ord == null ? i : ord[i]];
            int deaths = 0;
            j = i;
            while (j < n && t[ord == null ? j : ord[j]] == ti) {
                deaths += times.status[ord == null ? j : ord[j]];
                j++;
            }
            for (int q = i; q < j; q++) {
                g[ord == null ? q : ord[q]] = 1.0 - surv; // left-continuous: S(t-)
            }
            surv *= 1.0 - (double) deaths / (n - i);
        }
        double sum = 0;
        for (int s = 0; s < n; s++) {
            if (times.status[s] == 1) {
                sum += g[s];
            }
        }
        double mean = sum / times.events;
        for (int s = 0; s < n; s++) {
            g[s] -= mean;
        }
        return g;
    }
}
