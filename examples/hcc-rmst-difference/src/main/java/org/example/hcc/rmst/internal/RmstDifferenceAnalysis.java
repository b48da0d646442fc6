package org.example.hcc.rmst.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hepatica.analysis.Analysis;
import org.hepatica.analysis.AnalysisException;
import org.hepatica.analysis.AnalysisParameters;
import org.hepatica.analysis.FigureRequest;
import org.hepatica.analysis.FigureSource;
import org.hepatica.analysis.ParameterSpec;
import org.hepatica.analysis.ParameterType;
import org.hepatica.analysis.StoredResult;
import org.hepatica.analysis.support.CommonParameters;
import org.hepatica.analysis.support.ResultFigures;
import org.hepatica.analysis.support.SurvivalSample;
import org.hepatica.cohort.CohortView;
import org.hepatica.cohort.Endpoint;
import org.hepatica.figure.Figure;
import org.hepatica.stats.ChiSquare;
import org.hepatica.stats.KaplanMeierEstimator;
import org.hepatica.stats.KaplanMeierResult;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The difference in restricted mean survival time (RMST) between two treatment arms up to a horizon tau.
 *
 * <p>Per arm, RMST(tau) = integral from 0 to tau of S(t) dt, the area under the Kaplan-Meier curve, with
 * the variance of R {@code print.survfit(rmean = tau)}: Var = sum over event times t_i < tau of
 * A_i^2 d_i / (n_i (n_i - d_i)), A_i the area under S from t_i to tau (the estimator's own, checked
 * against R). The arms are independent, so for the difference D = RMST_1 - RMST_0 (second level minus
 * the first, e.g. RFA+RT minus RFA): SE(D) = sqrt(SE_1^2 + SE_0^2), the Wald interval D -/+ z SE(D) with
 * z the (1 + confLevel) / 2 normal quantile, and the two-sided p = P(chi2_1 > (D / SE(D))^2). This is
 * {@code survRMST::rmst2(time, status, arm, tau)}'s "RMST (arm=1)-(arm=0)" row (Uno et al. 2014).
 *
 * <p>Registered as an {@link Analysis} service by Declarative Services; stateless, so the platform may
 * call it on several request threads at once.
 */
@Component(service = Analysis.class)
public final class RmstDifferenceAnalysis implements Analysis, FigureSource {
    private static final Logger LOG = LoggerFactory.getLogger(RmstDifferenceAnalysis.class);

    static final String TAU = "tau";

    /**
     * RMST of one arm.
     *
     * @param label    the arm
     * @param n        patients
     * @param events   events
     * @param estimate RMST up to tau, days
     * @param stdErr   its standard error, days
     */
    public record ArmRmst(String label, int n, int events, double estimate, double stdErr) {
    }

    /**
     * The difference, second arm minus first.
     *
     * @param contrast e.g. {@code RFA+RT - RFA}
     * @param estimate days
     * @param stdErr   days
     * @param lower    lower bound of the interval, days
     * @param upper    upper bound, days
     * @param pValue   two-sided Wald p-value
     */
    public record Difference(String contrast, double estimate, double stdErr, double lower, double upper,
            double pValue) {
    }

    /**
     * The result.
     *
     * @param endpoint   OS or DFS
     * @param treatment  the arm column
     * @param tau        the horizon, days
     * @param confLevel  the interval's level
     * @param n          patients analysed
     * @param nDropped   patients left out for a missing value
     * @param missing    per variable, the patients missing it
     * @param arms       RMST per arm, in level order
     * @param difference second arm minus first
     * @param groups     the Kaplan-Meier curves (for the figure)
     * @param warnings   what needs attention
     */
    public record Result(String endpoint, String treatment, double tau, double confLevel, int n, int nDropped,
            Map<String, Integer> missing, List<ArmRmst> arms, Difference difference,
            List<KaplanMeierResult.Curve> groups, List<String> warnings) {
    }

    @Override
    public String id() {
        return "rmst-difference";
    }

    @Override
    public String name() {
        return "Restricted mean survival time difference";
    }

    @Override
    public String description() {
        return "Difference in restricted mean survival time up to a horizon between two arms, with its Wald"
                + " interval and p-value (survRMST rmst2).";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(CommonParameters.endpoint(Endpoint.DFS), CommonParameters.treatment(),
                ParameterSpec.required(TAU, ParameterType.NUMBER, "horizon in days (> 0), e.g. 1095 for 3 years"),
                CommonParameters.confLevel());
    }

    @Override
    public Object run(CohortView cohort, AnalysisParameters parameters) throws AnalysisException {
        Endpoint endpoint = CommonParameters.endpoint(parameters);
        double tau = CommonParameters.positiveTime(parameters, TAU);
        double confLevel = CommonParameters.confLevel(parameters);
        SurvivalSample s = SurvivalSample.of(cohort, endpoint)
                .groupBy(CommonParameters.TREATMENT, CommonParameters.treatment(parameters))
                .build();
        List<String> labels = s.group().labels();
        if (labels.size() != 2) {
            throw new AnalysisException("the RMST difference compares two arms; " + s.group().name() + " has "
                    + labels.size() + " with patients " + labels);
        }
        KaplanMeierResult fit = KaplanMeierEstimator.create().withConfLevel(confLevel).withTau(tau)
                .fit(s.order(), s.time(), s.status(), s.group().codes(), s.group().labelArray());
        List<ArmRmst> arms = new ArrayList<>();
        for (KaplanMeierResult.Curve c : fit.groups()) {
            arms.add(new ArmRmst(c.label(), c.n(), c.events(), c.rmst().estimate(), c.rmst().stdErr()));
        }
        ArmRmst reference = arms.get(0);
        ArmRmst other = arms.get(1);
        double d = other.estimate() - reference.estimate();
        // independent arms: Var(D) = Var_1 + Var_0
        double se = Math.sqrt(other.stdErr() * other.stdErr() + reference.stdErr() * reference.stdErr());
        double z = normalQuantile((1 + confLevel) / 2);
        double p = se > 0 ? ChiSquare.upperTail((d / se) * (d / se), 1) : Double.NaN;
        List<String> warnings = new ArrayList<>(s.warnings());
        warnings.addAll(fit.warnings());
        LOG.debug("rmst-difference on cohort {}: tau {} d, {} patients", cohort.summary().id(), tau, s.size());
        return new Result(endpoint.name(), s.group().name(), tau, confLevel, s.size(), s.nDropped(), s.missing(),
                arms, new Difference(other.label() + " - " + reference.label(), d, se, d - z * se, d + z * se, p),
                fit.groups(), warnings);
    }

    /**
     * The standard normal quantile of {@code q} (> 0.5), found from the chi-square tail the statistics
     * engine exports: z solves P(chi2_1 > z^2) = 2 (1 - q). Bisection on [0, 40] to 1e-13.
     */
    static double normalQuantile(double q) {
        double alpha = 2 * (1 - q);
        double lo = 0;
        double hi = 40;
        while (hi - lo > 1e-13) {
            double mid = (lo + hi) / 2;
            if (ChiSquare.upperTail(mid * mid, 1) > alpha) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }

    /** The curves with the horizon dotted and the difference written in the plot. */
    @Override
    public Optional<Figure> figure(StoredResult stored, FigureRequest request) {
        Map<?, ?> r = ResultFigures.map(stored.result());
        double tau = ResultFigures.number(r.get(TAU), Double.NaN);
        Map<?, ?> d = ResultFigures.map(r.get("difference"));
        String note = d.isEmpty() ? null : String.format(java.util.Locale.ROOT, "RMST %s: %.1f days (%.1f to %.1f)",
                ResultFigures.text(d.get("contrast"), ""), ResultFigures.number(d.get("estimate"), Double.NaN),
                ResultFigures.number(d.get("lower"), Double.NaN), ResultFigures.number(d.get("upper"), Double.NaN));
        String title = ResultFigures.endpointName(ResultFigures.text(r.get("endpoint"), null)) + " by "
                + ResultFigures.text(r.get("treatment"), "arm");
        return ResultFigures.kaplanMeier(title, r.get("groups"), java.util.Arrays.asList(note),
                Double.isNaN(tau) ? Map.of() : Map.of(tau, ResultFigures.landmarkLabel(tau)), request);
    }
}
