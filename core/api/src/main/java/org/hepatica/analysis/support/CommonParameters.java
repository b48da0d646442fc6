package org.hepatica.analysis.support;

import java.util.List;
import org.hepatica.analysis.AnalysisParameters;
import org.hepatica.analysis.InvalidParameterException;
import org.hepatica.analysis.ParameterSpec;
import org.hepatica.analysis.ParameterType;
import org.hepatica.cohort.CohortColumns;
import org.hepatica.cohort.Endpoint;
import org.hepatica.stats.CoxTies;
import org.hepatica.stats.KaplanMeierEstimator.ConfType;

/**
 * The parameters several analyses share, declared once with the contract's names and defaults
 * ({@code api.md}), and read back as the engine's types. Choices are checked by the platform
 * before a run (a 400 naming the parameter and listing the values), so reading them here cannot
 * fail on a value the declaration does not allow.
 */
public final class CommonParameters {
    /** {@code endpoint}: OS or DFS. */
    public static final String ENDPOINT = "endpoint";
    /** {@code treatment}: the column of the treatment arm. */
    public static final String TREATMENT = "treatment";
    /** {@code confType}: the Kaplan-Meier interval transform. */
    public static final String CONF_TYPE = "confType";
    /** {@code confLevel}: the confidence level of every interval. */
    public static final String CONF_LEVEL = "confLevel";
    /** {@code ties}: Efron or Breslow. */
    public static final String TIES = "ties";

    private CommonParameters() {
    }

    /** {@code endpoint} (OS|DFS), default {@code defaultEndpoint}. */
    public static ParameterSpec endpoint(Endpoint defaultEndpoint) {
        return ParameterSpec.choice(ENDPOINT, defaultEndpoint.name(), "the time-to-event endpoint: OS or DFS",
                Endpoint.OS.name(), Endpoint.DFS.name());
    }

    /** {@code treatment}, default {@code arm}. */
    public static ParameterSpec treatment() {
        return ParameterSpec.optional(TREATMENT, ParameterType.STRING, CohortColumns.ARM,
                "the column of the treatment group");
    }

    /** {@code confType} (log|log-log|plain), default log-log. */
    public static ParameterSpec confType() {
        return ParameterSpec.choice(CONF_TYPE, ConfType.LOG_LOG.label(),
                "confidence-interval transform of the survival curves: log, log-log or plain",
                ConfType.LOG.label(), ConfType.LOG_LOG.label(), ConfType.PLAIN.label());
    }

    /** {@code confLevel}, default 0.95. */
    public static ParameterSpec confLevel() {
        return ParameterSpec.optional(CONF_LEVEL, ParameterType.NUMBER, 0.95,
                "confidence level of every interval, between 0 and 1");
    }

    /** {@code ties} (efron|breslow), default efron. */
    public static ParameterSpec ties() {
        return ParameterSpec.choice(TIES, "efron", "tie handling of the Cox partial likelihood: efron or breslow",
                "efron", "breslow");
    }

    /** The endpoint of a request. */
    public static Endpoint endpoint(AnalysisParameters p) {
        return Endpoint.parse(p.string(ENDPOINT));
    }

    /** The treatment column of a request. */
    public static String treatment(AnalysisParameters p) {
        return p.string(TREATMENT);
    }

    /** The interval transform of a request. */
    public static ConfType confType(AnalysisParameters p) {
        return ConfType.of(p.string(CONF_TYPE));
    }

    /**
     * The confidence level of a request.
     *
     * @throws InvalidParameterException when it is not strictly between 0 and 1
     */
    public static double confLevel(AnalysisParameters p) throws InvalidParameterException {
        double level = p.number(CONF_LEVEL);
        if (!(level > 0 && level < 1)) {
            throw new InvalidParameterException(CONF_LEVEL,
                    "must lie strictly between 0 and 1, was " + level);
        }
        return level;
    }

    /** The tie handling of a request. */
    public static CoxTies ties(AnalysisParameters p) {
        return "breslow".equals(p.string(TIES)) ? CoxTies.BRESLOW : CoxTies.EFRON;
    }

    /**
     * Times in days from a number list parameter, each finite and &gt;= 0.
     *
     * @throws InvalidParameterException naming the parameter for a negative time
     */
    public static double[] times(AnalysisParameters p, String name) throws InvalidParameterException {
        List<Double> values = p.numbers(name);
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            double v = values.get(i);
            if (!(v >= 0)) {
                throw new InvalidParameterException(name,
                        "times are days from treatment, >= 0; got " + Labels.number(v));
            }
            out[i] = v;
        }
        return out;
    }

    /**
     * A time in days from a number parameter, or NaN when absent.
     *
     * @throws InvalidParameterException when it is not &gt; 0
     */
    public static double positiveTime(AnalysisParameters p, String name)
            throws InvalidParameterException {
        Double v = p.number(name);
        if (v == null) {
            return Double.NaN;
        }
        if (!(v > 0)) {
            throw new InvalidParameterException(name, "must be a time in days > 0, was "
                    + Labels.number(v));
        }
        return v;
    }
}
