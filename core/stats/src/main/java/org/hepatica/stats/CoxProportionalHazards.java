package org.hepatica.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * Cox proportional hazards regression, fitted as R survival 3.5.3 {@code coxph} does for
 * right-censored data ({@code coxph.fit} / {@code coxfit6.c}).
 *
 * <p>Model: h_i(t) = h_{0,s(i)}(t) exp(x_i' beta), a separate baseline hazard per stratum s and
 * common coefficients. beta maximises the log partial likelihood, with tied event times handled
 * by Efron's (default) or Breslow's approximation ({@link CoxTies}); see {@link CoxRiskSets}.
 *
 * <p>Fitting: Newton-Raphson from beta = 0 with step halving ({@link CoxNewtonRaphson}):
 * converged when |1 - loglik_old / loglik_new| &lt;= eps (default 1e-9) at most
 * {@code maxIterations} (default 20) iterations; Cholesky tolerance
 * toler.chol = .Machine$double.eps^0.75. Reported, as {@code summary(coxph)}:
 * <ul>
 *   <li>per term: beta, se = sqrt((I^-1)_jj), HR = exp(beta), CI exp(beta -/+ z se) with
 *       z = Phi^-1((1 + confLevel)/2), Wald z = beta/se and p = 2 P(Z &gt; |z|);</li>
 *   <li>likelihood ratio 2 (l(beta) - l(0)), Wald beta' V^-1 beta (R {@code coxph.wtest}:
 *       Cholesky of the variance V over the estimated coefficients; unlike
 *       {@code summary.coxph} the statistic is not rounded to 2 decimals), score
 *       U(0)' I(0)^-1 U(0), each chi-square with df = number of estimated coefficients;</li>
 *   <li>Harrell's C ({@link ConcordanceIndex}) and the {@code cox.zph} test
 *       ({@link ProportionalHazardsTest}).</li>
 * </ul>
 *
 * <p>Degenerate data give a result with warnings, never an exception: no events (no
 * coefficients; log-likelihoods 0, as R), a covariate constant in the analysed rows (null
 * coefficient), collinear covariates (the aliased column gets a null coefficient, as R's NA),
 * monotone likelihood (R's "Loglik converged before variable ...; coefficient may be infinite"
 * test: |U' V|_j &gt; eps and &gt; sqrt(eps) |beta_j|), no convergence within the iteration
 * limit, all times tied, a single subject.
 *
 * <p>Where this deliberately differs from {@code coxfit6.c}: a log-likelihood of exactly 0 at
 * two successive steps counts as converged (R divides 0 by 0 and iterates to the limit); after
 * running out of iterations the information is factored again before it is inverted; a
 * coefficient is reported as not estimable (null) whenever its variance is 0, whatever the
 * rank flag; tied deaths are summed in closed form (same value, different rounding). On the
 * reference data every value agrees with R to about 1e-12.
 *
 * <p>Cost: one radix sort ({@link TimeOrder}; none when the caller passes one shared with other
 * estimators), then O(n p^2) per iteration plus O(n log n) for the concordance. From
 * 50,000 subjects the long loops are split between the calling thread and one helper
 * ({@link TwoThreads}): the column centring runs beside the sort, the covariates are gathered
 * into time order half on each thread, each Newton step's risk-set sums and Efron terms are
 * split in two at an event time ({@link CoxRiskSetWalk}), and the concordance's ranks and counts
 * are split likewise. Every value is formed exactly as on one thread: the results do not depend
 * on the split, to the last bit. The {@code cox.zph} test needs no walk of its own when every
 * coefficient is estimated: each walk of the fit also forms its sums (O(p^2) per event time),
 * and the last walk is at the fitted beta; otherwise it walks the estimated columns beside the
 * concordance.
 *
 * <p>Instances are immutable and thread-safe; {@code with...} methods return a copy.
 */
public final class CoxProportionalHazards {

    private static final double DEFAULT_EPS = 1e-9;
    /** From this many subjects the zph test runs beside the concordance. */
    private static final int PARALLEL_THRESHOLD = TwoThreads.PARALLEL_THRESHOLD;

    private final CoxTies ties;
    private final double confLevel;
    private final int maxIterations;
    private final double eps;
    private final double tolerChol;
    private final boolean phTest;

    private CoxProportionalHazards(CoxTies ties, double confLevel, int maxIterations, double eps,
                                   double tolerChol, boolean phTest) {
        this.ties = ties;
        this.confLevel = confLevel;
        this.maxIterations = maxIterations;
        this.eps = eps;
        this.tolerChol = tolerChol;
        this.phTest = phTest;
    }

    /**
     * R's defaults: Efron ties, 95 % intervals, iter.max = 20, eps = 1e-9,
     * toler.chol = .Machine$double.eps^0.75, with the proportional hazards test.
     */
    public static CoxProportionalHazards create() {
        return new CoxProportionalHazards(CoxTies.EFRON, 0.95, 20, DEFAULT_EPS,
                Math.pow(Math.ulp(1.0), 0.75), true);
    }

    /** Tie handling (Efron or Breslow). */
    public CoxProportionalHazards withTies(CoxTies newTies) {
        return new CoxProportionalHazards(Arguments.requireNonNull("ties", newTies), confLevel,
                maxIterations, eps, tolerChol, phTest);
    }

    /** Confidence level of the hazard-ratio intervals, 0 &lt; level &lt; 1. */
    public CoxProportionalHazards withConfLevel(double level) {
        return new CoxProportionalHazards(ties, Arguments.requireProbability("confLevel", level),
                maxIterations, eps, tolerChol, phTest);
    }

    /** Newton-Raphson iteration limit (R iter.max), &gt;= 0; 0 evaluates at beta = 0 only. */
    public CoxProportionalHazards withMaxIterations(int iterations) {
        return new CoxProportionalHazards(ties, confLevel,
                Arguments.requireAtLeast("maxIterations", iterations, 0), eps, tolerChol, phTest);
    }

    /** Convergence criterion on the relative change of the log-likelihood (R eps), &gt; 0. */
    public CoxProportionalHazards withEpsilon(double epsilon) {
        return new CoxProportionalHazards(ties, confLevel, maxIterations,
                Arguments.requirePositive("epsilon", epsilon), tolerChol, phTest);
    }

    /** Pivot tolerance of the Cholesky decomposition (R toler.chol), &gt; 0. */
    public CoxProportionalHazards withCholeskyTolerance(double tolerance) {
        return new CoxProportionalHazards(ties, confLevel, maxIterations, eps,
                Arguments.requirePositive("choleskyTolerance", tolerance), phTest);
    }

    /** Whether to compute the {@code cox.zph} test (on by default). */
    public CoxProportionalHazards withPhTest(boolean enabled) {
        return new CoxProportionalHazards(ties, confLevel, maxIterations, eps, tolerChol, enabled);
    }

    /**
     * Fits the model of a design. {@code time} and {@code status} are indexed by the design's
     * input rows; rows the design dropped, and rows whose time is NaN, are left out and counted
     * in {@code nDropped}.
     *
     * @param time   follow-up time per input row (NaN = missing)
     * @param status 0 censored, 1 event, per input row
     * @param design covariates, optional strata
     * @throws IllegalArgumentException for inconsistent lengths, a status other than 0/1 or an
     *     infinite time
     */
    public CoxResult fit(double[] time, int[] status, CoxDesign design) {
        return fitDesign(null, time, status, design);
    }

    /**
     * As {@link #fit(double[], int[], CoxDesign)}, with the time order computed once for
     * several estimators of the same sample; the result is identical. {@code order} is the
     * order of all input rows ({@code time} may hold NaN, which sorts last); it is restricted
     * to the analysed rows in one linear pass, which gives exactly the order of their times.
     *
     * @param order  {@code TimeOrder.of(time)}
     * @param time   follow-up time per input row (NaN = missing)
     * @param status 0 censored, 1 event, per input row
     * @param design covariates, optional strata
     * @throws IllegalArgumentException for inconsistent lengths, a status other than 0/1, an
     *     infinite time, or when {@code order} is not the order of {@code time}
     */
    public CoxResult fit(TimeOrder order, double[] time, int[] status, CoxDesign design) {
        Arguments.requireNonNull("order", order);
        return fitDesign(order, time, status, design);
    }

    /** The design fit; {@code order} (of all input rows) null means sort here. */
    private CoxResult fitDesign(TimeOrder order, double[] time, int[] status, CoxDesign design) {
        Arguments.requireNonNull("design", design);
        Arguments.requireNonNull("time", time);
        Arguments.requireCodes("status", status, 1);
        Arguments.requireSameLength("design rows", design.rows(), "time", time.length);
        Arguments.requireSameLength("design rows", design.rows(), "status", status.length);
        int[] kept = design.keptArray();
        double[][] x = design.matrix();
        int[] strata = design.strataCodes();
        int usable = 0;
        for (int row : kept) {
            if (Double.isInfinite(time[row])) {
                throw new IllegalArgumentException("time[" + row + "] must be finite or NaN (missing), was " + time[row]);
            }
            if (!Double.isNaN(time[row])) {
                usable++;
            }
        }
        if (order != null) {
            Arguments.requireOrderOf("order", order, "time", time);
        }
        int n = usable;
        // every input row analysed, in input order: the order of all rows is the analysed one
        boolean allRows = n == time.length;
        // analysed row k is input row kept[q]; newIndex maps input rows to k (-1: left out)
        int[] newIndex = order == null || allRows ? null : new int[time.length];
        if (newIndex != null) {
            Arrays.fill(newIndex, -1);
        }
        double[] t = new double[n];
        int[] d = new int[n];
        int[] s = strata == null ? null : new int[n];
        double[][] xk = x;
        if (n != kept.length) { // some times are missing: subset the design too
            xk = new double[x.length][n];
        }
        // the analysed rows compacted in input order; from 50,000 rows the later half of the
        // design rows on the helper, from the position the earlier half ends at
        Compaction into = new Compaction(time, status, strata, kept, x, t, d, s, xk, newIndex);
        int half = kept.length >= PARALLEL_THRESHOLD ? kept.length / 2 : kept.length;
        if (half < kept.length) {
            int k0 = 0;
            for (int q = 0; q < half; q++) {
                k0 += Double.isNaN(time[kept[q]]) ? 0 : 1;
            }
            final int from = k0;
            TwoThreads.Forked<Void> later = TwoThreads.fork(() -> into.rows(half, kept.length, from));
            into.rows(0, half, 0);
            later.join();
        } else {
            into.rows(0, kept.length, 0);
        }
        TimeOrder analysedOrder = order == null ? null : allRows ? order : order.subset(newIndex, n);
        return fitPrepared(analysedOrder, t, d, s, xk, design.termNameArray(), design.termVariableArray(),
                design.rows() - n, design.warnings());
    }

    /** The analysed rows of a design (a time that is not NaN) copied into consecutive positions. */
    private record Compaction(double[] time, int[] status, int[] strata, int[] kept, double[][] x, double[] t,
                              int[] d, int[] s, double[][] xk, int[] newIndex) {

        /** Design rows [q0, q1), the first analysed one to position k. */
        void rows(int q0, int q1, int k) {
            for (int q = q0; q < q1; q++) {
                int row = kept[q];
                if (Double.isNaN(time[row])) {
                    continue;
                }
                t[k] = time[row];
                d[k] = status[row];
                if (newIndex != null) {
                    newIndex[row] = k;
                }
                if (s != null) {
                    s[k] = strata[q];
                }
                if (xk != x) {
                    for (int j = 0; j < x.length; j++) {
                        xk[j][k] = x[j][q];
                    }
                }
                k++;
            }
        }
    }

    /**
     * Fits the model on complete data (callers have removed rows with missing values).
     *
     * @param time      follow-up times, finite
     * @param status    0 censored, 1 event
     * @param strata    stratum codes &gt;= 0, or null for one stratum
     * @param x         covariates column-major, x[term][subject], finite
     * @param termNames one name per column; each column is its own variable in the zph test
     * @throws IllegalArgumentException naming the offending argument
     */
    public CoxResult fit(double[] time, int[] status, int[] strata, double[][] x, String[] termNames) {
        return fitComplete(null, time, status, strata, x, termNames);
    }

    /**
     * As {@link #fit(double[], int[], int[], double[][], String[])}, with the time order
     * computed once for several estimators of the same sample; the result is identical.
     *
     * @param order     {@code TimeOrder.of(time)}
     * @param time      follow-up times, finite
     * @param status    0 censored, 1 event
     * @param strata    stratum codes &gt;= 0, or null for one stratum
     * @param x         covariates column-major, x[term][subject], finite
     * @param termNames one name per column; each column is its own variable in the zph test
     * @throws IllegalArgumentException naming the offending argument, or when {@code order} is
     *     not the order of {@code time}
     */
    public CoxResult fit(TimeOrder order, double[] time, int[] status, int[] strata, double[][] x,
                         String[] termNames) {
        Arguments.requireNonNull("order", order);
        return fitComplete(order, time, status, strata, x, termNames);
    }

    /** The fit on complete data; {@code order} null means sort here. */
    private CoxResult fitComplete(TimeOrder order, double[] time, int[] status, int[] strata,
                                  double[][] x, String[] termNames) {
        Arguments.requireCoxData(time, status, strata, x);
        Arguments.requireNonNull("termNames", termNames);
        Arguments.requireSameLength("x", x.length, "termNames", termNames.length);
        if (order != null) {
            Arguments.requireOrderOf("order", order, "time", time);
        }
        return fitPrepared(order, time, status, strata, x, termNames.clone(), termNames.clone(), 0,
                List.of());
    }

    /**
     * The model stratified by site, fitted from the sites' sums without their subjects: each
     * Newton step sends the coefficients to every site and adds up the log partial likelihoods,
     * scores and informations they return, in the order of {@code sites}. The iterations, step
     * halving and convergence rule are those of {@link #fit(double[], int[], int[], double[][],
     * String[])}, so the result is that fit on the pooled subjects with {@code strata = site}, up
     * to rounding (the sites' sums are added in another order). The sites must be built with this
     * instance's ties. Harrell's C and the {@code cox.zph} test need the subjects' linear
     * predictors and are not computed (null and empty, with a warning).
     *
     * @param sites     the sites, at least one
     * @param termNames one name per covariate, as the sites' columns
     * @throws IllegalArgumentException when there is no site or no name, or a site answers with
     *     sums of another length
     */
    public CoxResult fitSites(List<? extends CoxSite> sites, String[] termNames) {
        Arguments.requireNonNull("sites", sites);
        Arguments.requireNonNull("termNames", termNames);
        if (sites.isEmpty()) {
            throw new IllegalArgumentException("sites must name at least one site");
        }
        int p = termNames.length;
        int n = 0;
        int events = 0;
        for (CoxSite site : sites) {
            n += site.n();
            events += site.events();
        }
        List<String> warnings = new ArrayList<>();
        if (events == 0) {
            warnings.add("no events: the coefficients cannot be estimated");
            List<CoxTerm> terms = new ArrayList<>();
            for (String name : termNames) {
                terms.add(CoxTerm.notEstimable(name));
            }
            return new CoxResult(n, 0, 0, terms, 0.0, 0.0, 0, true, null, null, null, null, List.of(), warnings);
        }
        double[] unit = new double[p];
        Arrays.fill(unit, 1.0);
        CoxNewtonRaphson.Fit fit = CoxNewtonRaphson.fit(p, unit, (beta, u, imat) -> {
            Arrays.fill(u, 0.0);
            for (double[] row : imat) {
                Arrays.fill(row, 0.0);
            }
            double logLik = 0;
            for (CoxSite site : sites) {
                CoxSiteDerivatives d = site.at(beta.clone());
                double[] score = d.score();
                double[][] info = d.information();
                Arguments.requireSameLength("a site's score", score.length, "termNames", p);
                logLik += d.logLik();
                for (int i = 0; i < p; i++) {
                    u[i] += score[i];
                    for (int j = 0; j < p; j++) {
                        imat[i][j] += info[i][j];
                    }
                }
            }
            return logLik;
        }, maxIterations, eps, tolerChol);
        boolean[] estimated = CoxSummary.estimated(fit);
        List<String> aliased = new ArrayList<>();
        for (int q = 0; q < p; q++) {
            if (!estimated[q]) {
                aliased.add(termNames[q]);
            }
        }
        if (!aliased.isEmpty()) {
            warnings.add(CoxSummary.aliasedWarning(aliased));
        }
        if (!fit.converged()) {
            warnings.add("Ran out of iterations and did not converge");
        }
        warnings.add("concordance and cox.zph need the subjects' linear predictors: not computed across sites");
        CoxTest[] tests = CoxSummary.tests(fit, estimated, tolerChol);
        return new CoxResult(n, events, 0, CoxSummary.terms(termNames, fit, estimated, confLevel),
                fit.logLikNull(), fit.logLik(), fit.iterations(), fit.converged(), tests[0], tests[1], tests[2],
                null, List.of(), warnings);
    }

    /** The fit on checked, complete data; {@code timeOrder} is the order of time, or null. */
    private CoxResult fitPrepared(TimeOrder timeOrder, double[] time, int[] status, int[] strata, double[][] x,
                                  String[] termNames, String[] termVariables, int nDropped,
                                  List<String> designWarnings) {
        List<String> warnings = new ArrayList<>(designWarnings);
        int n = time.length;
        int p = x.length;
        int events = 0;
        for (int st : status) {
            events += st;
        }
        if (n == 0) {
            warnings.add("no rows to analyse");
        } else if (n == 1) {
            warnings.add("only one subject: nothing can be estimated");
        } else if (allEqual(time)) {
            warnings.add("all times are tied: the model can only contrast the events with the censorings at that time");
        }
        // constant columns carry no information: R gives them an NA coefficient
        boolean[] active = new boolean[p];
        int pActive = 0;
        for (int j = 0; j < p; j++) {
            active[j] = n > 0 && !allEqual(x[j]);
            if (active[j]) {
                pActive++;
            } else if (n > 1) {
                warnings.add("covariate '" + termNames[j]
                        + "' is constant in the analysed rows: its coefficient cannot be estimated (null)");
            }
        }
        if (events == 0) {
            if (n > 0) {
                warnings.add("no events: the coefficients cannot be estimated");
            }
            List<CoxTerm> terms = new ArrayList<>();
            for (String name : termNames) {
                terms.add(CoxTerm.notEstimable(name));
            }
            return new CoxResult(n, 0, nDropped, terms, 0.0, 0.0, 0, true, null, null, null, null,
                    List.of(), warnings);
        }
        int[] activeIndex = new int[pActive];
        double[][] xa = new double[pActive][];
        for (int j = 0, q = 0; j < p; j++) {
            if (active[j]) {
                activeIndex[q] = j;
                xa[q++] = x[j];
            }
        }
        // from 50,000 subjects the column means and scales are computed on the helper while this
        // thread lays out the risk sets (they do not depend on the order), then on both
        TimeOrder sortedTimes = timeOrder == null ? TimeOrder.of(time) : timeOrder;
        Supplier<CoxRiskSets.Centring> centring = CoxRiskSets.Centring.begin(xa);
        CoxTimeOrder order = CoxTimeOrder.of(sortedTimes, status, strata);
        // the zph test's sums are formed in every walk of the fit (per event time, O(p^2)), so
        // that the last walk, at the fitted beta, also gives them; its time transform g(t) is
        // offered to the helper while the covariates are gathered into time order
        Supplier<double[]> g = () -> ProportionalHazardsTest.kmTimeTransform(order);
        TwoThreads.Forked<double[]> gForked = phTest && n >= PARALLEL_THRESHOLD ? TwoThreads.fork(g) : null;
        CoxRiskSets data = new CoxRiskSets(order, xa, centring.get());
        CoxRiskSets.ZphSums zphSums = phTest
                ? new CoxRiskSets.ZphSums(gForked != null ? gForked.join() : g.get(), pActive) : null;
        CoxNewtonRaphson.Fit fit = CoxNewtonRaphson.fit(data, ties == CoxTies.EFRON, maxIterations, eps, tolerChol,
                zphSums);

        // aliased columns: zero variance after the generalized Cholesky (R: coef NA)
        boolean[] estimated = CoxSummary.estimated(fit);
        int df = 0;
        List<String> aliased = new ArrayList<>();
        for (int q = 0; q < pActive; q++) {
            if (estimated[q]) {
                df++;
            } else {
                aliased.add(termNames[activeIndex[q]]);
            }
        }
        if (!aliased.isEmpty()) {
            warnings.add(CoxSummary.aliasedWarning(aliased));
        }
        double[] coef = new double[pActive];
        for (int q = 0; q < pActive; q++) {
            coef[q] = estimated[q] ? fit.beta()[q] : 0.0;
        }
        double[] lp = linearPredictor(xa, coef, n);
        infiniteCoefficientWarnings(fit, coef, lp, termNames, activeIndex, warnings);

        List<CoxTerm> terms = new ArrayList<>();
        double zCrit = Distributions.normalQuantile((1 + confLevel) / 2);
        for (int j = 0, q = 0; j < p; j++) {
            if (!active[j]) {
                terms.add(CoxTerm.notEstimable(termNames[j]));
                continue;
            }
            terms.add(estimated[q] ? CoxSummary.term(termNames[j], fit, q, zCrit) : CoxTerm.notEstimable(termNames[j]));
            q++;
        }
        CoxTest[] tests = CoxSummary.tests(fit, estimated, tolerChol);
        CoxTest lr = tests[0];
        CoxTest wald = tests[1];
        CoxTest score = tests[2];
        // the zph test and the concordance are independent: on large data run them side by side
        Supplier<List<ProportionalHazardsTest.TermTest>> zphTask = () -> List.of();
        if (phTest && df > 0) {
            int[] cols = new int[df];
            double[] scaledBeta = new double[df];
            String[] variables = new String[df];
            for (int q = 0, c = 0; q < pActive; q++) {
                if (estimated[q]) {
                    cols[c] = q;
                    scaledBeta[c] = fit.scaledBeta()[q];
                    variables[c] = termVariables[activeIndex[q]];
                    c++;
                }
            }
            if (df == pActive) { // every column estimated: the fit's last walk was the zph pass
                zphTask = () -> ProportionalHazardsTest.compute(zphSums, variables);
            } else { // the zph pass over the estimated columns only
                zphTask = () -> ProportionalHazardsTest.compute(data, cols, scaledBeta, variables,
                        ties == CoxTies.EFRON);
            }
        }
        // (the ranks of the concordance use both threads; then the helper computes the zph test
        // while this thread counts the concordant pairs; a busy helper leaves both to this thread)
        ConcordanceIndex.Ranks ranks = ConcordanceIndex.ranks(order, lp);
        TwoThreads.Forked<List<ProportionalHazardsTest.TermTest>> zphForked = n >= PARALLEL_THRESHOLD
                ? TwoThreads.fork(zphTask) : null;
        Double concordance = ConcordanceIndex.compute(order, ranks).concordance();
        List<ProportionalHazardsTest.TermTest> zph = List.of();
        try {
            zph = zphForked != null ? zphForked.join() : zphTask.get();
        } catch (ArithmeticException e) {
            warnings.add("proportional hazards test not computed: " + e.getMessage());
        }
        return new CoxResult(n, events, nDropped, terms, fit.logLikNull(), fit.logLik(), fit.iterations(),
                fit.converged(), lr, wald, score, concordance, zph, warnings);
    }

    /** R coxph.fit: the "may be infinite" checks. */
    private void infiniteCoefficientWarnings(CoxNewtonRaphson.Fit fit, double[] coef, double[] lp,
                                             String[] termNames, int[] activeIndex, List<String> warnings) {
        int p = coef.length;
        double[] infs = new double[p]; // |U' V|
        boolean anyNonFinite = false;
        for (int i = 0; i < p; i++) {
            double sum = 0;
            for (int j = 0; j < p; j++) {
                sum += fit.u()[j] * fit.variance()[j][i];
            }
            infs[i] = Math.abs(sum);
            anyNonFinite |= !Double.isFinite(infs[i]);
        }
        if (maxIterations <= 1) {
            return;
        }
        if (!fit.converged()) {
            warnings.add("Ran out of iterations and did not converge");
            double maxLp = Double.NEGATIVE_INFINITY;
            for (double v : lp) {
                maxLp = Math.max(maxLp, v);
            }
            if (maxLp > 500 || anyNonFinite) {
                warnings.add("one or more coefficients may be infinite");
            }
            return;
        }
        double tolerInf = Math.sqrt(eps);
        List<String> infinite = new ArrayList<>();
        for (int i = 0; i < p; i++) {
            if (!Double.isFinite(fit.u()[i]) || (infs[i] > eps && infs[i] > tolerInf * Math.abs(coef[i]))) {
                infinite.add(termNames[activeIndex[i]]);
            }
        }
        if (!infinite.isEmpty()) {
            warnings.add("Loglik converged before variable " + String.join(", ", infinite)
                    + "; coefficient may be infinite.");
        }
    }

    private static double[] linearPredictor(double[][] x, double[] coef, int n) {
        double[] lp = new double[n];
        // from 50,000 subjects the later half on the helper (each value is summed alike by either)
        int half = n >= PARALLEL_THRESHOLD ? n / 2 : n;
        TwoThreads.Forked<Void> later = half < n ? TwoThreads.fork(() -> linearPredictor(x, coef, lp, half, n)) : null;
        linearPredictor(x, coef, lp, 0, half);
        if (later != null) {
            later.join();
        }
        return lp;
    }

    /** lp[i] = sum_j x[j][i] coef[j] for i in [from, to), terms in column order. */
    private static void linearPredictor(double[][] x, double[] coef, double[] lp, int from, int to) {
        for (int j = 0; j < coef.length; j++) {
            double b = coef[j];
            if (b == 0) {
                continue;
            }
            double[] col = x[j];
            for (int i = from; i < to; i++) {
                lp[i] += col[i] * b;
            }
        }
    }

    private static boolean allEqual(double[] values) {
        for (int i = 1; i < values.length; i++) {
            if (values[i] != values[0]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "CoxProportionalHazards[ties=" + ties + ", confLevel=" + confLevel + ", maxIterations="
                + maxIterations + ", eps=" + eps + ", tolerChol=" + tolerChol + ", phTest=" + phTest + "]";
    }
}
