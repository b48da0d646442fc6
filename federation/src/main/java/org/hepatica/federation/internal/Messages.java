package org.hepatica.federation.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hepatica.stats.CoxSiteDerivatives;

/**
 * The messages between coordinator and sites, as JSON text. Counts are whole numbers; every time
 * travels as a hexadecimal double ({@link Double#toHexString}), which reads back to the same bits.
 */
final class Messages {
    /** The queue a site takes its tasks from. */
    static String siteQueue(String site) {
        return "hepatica.site." + site;
    }

    /** The queue a coordinator takes the sites' answers from. */
    static String coordinatorQueue(String coordinator) {
        return "hepatica.coordinator." + coordinator;
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private Messages() {
    }

    /**
     * A task: compute the analysis's counts on the named cohort and answer to {@code replyTo}.
     *
     * @param id          the task (one per site of a run)
     * @param run         the run it belongs to
     * @param site        the site it is for
     * @param coordinator who asks
     * @param replyTo     the queue to answer to
     * @param analysis    the analysis id
     * @param cohort      the cohort's name at the site
     * @param parameters  the analysis's parameters
     * @param deadline    after which the coordinator no longer waits
     * @param beta        for a Newton step of a multi-centre Cox model (analysis {@code cox}), the
     *                    coefficients at which the site answers with its sums; null for the task that
     *                    opens a run
     */
    record Task(String id, String run, String site, String coordinator, String replyTo, String analysis, String cohort,
            Map<String, Object> parameters, Instant deadline, double[] beta) {
        /** A task that opens a run. */
        Task(String id, String run, String site, String coordinator, String replyTo, String analysis, String cohort,
                Map<String, Object> parameters, Instant deadline) {
            this(id, run, site, coordinator, replyTo, analysis, cohort, parameters, deadline, null);
        }

        /** Whether the task is a Newton step of a run the site has opened. */
        boolean step() {
            return beta != null;
        }
    }

    /**
     * A site's answer.
     *
     * @param task           the task
     * @param run            its run
     * @param site           the site
     * @param status         {@code released}, {@code refused} or {@code failed}
     * @param reason         why not released (null when released)
     * @param pluginVersion  the site's version of the analysis's plugin (null when it has none)
     * @param cohortChecksum the SHA-256 of the cohort's imported bytes at the site (null when refused before)
     * @param rowsUsed       patients with the endpoint and every column
     * @param counts         what was released (null unless released counts)
     * @param model          for a Cox model opened at the site: its size and terms (null otherwise),
     *                       see {@link CoxSiteSession#describe()}
     * @param derivatives    for a Newton step: the site's sums at the task's coefficients (null otherwise)
     */
    record Answer(String task, String run, String site, String status, String reason, String pluginVersion,
            String cohortChecksum, int rowsUsed, SiteCounts counts, Map<String, Object> model,
            CoxSiteDerivatives derivatives) {
        static final String RELEASED = "released";
        static final String REFUSED = "refused";
        static final String FAILED = "failed";

        /** An answer of counts, or one that releases nothing. */
        Answer(String task, String run, String site, String status, String reason, String pluginVersion,
                String cohortChecksum, int rowsUsed, SiteCounts counts) {
            this(task, run, site, status, reason, pluginVersion, cohortChecksum, rowsUsed, counts, null, null);
        }
    }

    static String write(Task t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "task");
        m.put("id", t.id());
        m.put("run", t.run());
        m.put("site", t.site());
        m.put("coordinator", t.coordinator());
        m.put("replyTo", t.replyTo());
        m.put("analysis", t.analysis());
        m.put("cohort", t.cohort());
        m.put("parameters", t.parameters());
        m.put("deadline", t.deadline().toString());
        if (t.beta() != null) {
            m.put("beta", hex(t.beta()));
        }
        return json(m);
    }

    @SuppressWarnings("unchecked")
    static Task readTask(String text) {
        Map<String, Object> m = map(text);
        if (!"task".equals(m.get("type"))) {
            throw new IllegalArgumentException("not a task: type " + m.get("type"));
        }
        Object parameters = m.get("parameters");
        if (!str(m, "id").matches("[A-Za-z0-9-]{1,64}")) {
            throw new IllegalArgumentException("a task id is 1 to 64 letters, digits and '-'");
        }
        return new Task(str(m, "id"), str(m, "run"), str(m, "site"), str(m, "coordinator"), str(m, "replyTo"),
                str(m, "analysis"), str(m, "cohort"),
                parameters instanceof Map ? (Map<String, Object>) parameters : Map.of(),
                Instant.parse(str(m, "deadline")), m.get("beta") == null ? null : doubles(m.get("beta"), "beta"));
    }

    static String write(Answer a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "answer");
        m.put("task", a.task());
        m.put("run", a.run());
        m.put("site", a.site());
        m.put("status", a.status());
        m.put("reason", a.reason());
        m.put("pluginVersion", a.pluginVersion());
        m.put("cohortChecksum", a.cohortChecksum());
        m.put("rowsUsed", a.rowsUsed());
        m.put("counts", a.counts() == null ? null : a.counts().toWire());
        if (a.model() != null) {
            m.put("model", a.model());
        }
        if (a.derivatives() != null) {
            CoxSiteDerivatives d = a.derivatives();
            Map<String, Object> w = new LinkedHashMap<>();
            w.put("logLik", Double.toHexString(d.logLik()));
            w.put("score", hex(d.score()));
            List<List<String>> info = new ArrayList<>();
            for (double[] row : d.information()) {
                info.add(hex(row));
            }
            w.put("information", info);
            m.put("derivatives", w);
        }
        return json(m);
    }

    static Answer readAnswer(String text) {
        Map<String, Object> m = map(text);
        if (!"answer".equals(m.get("type"))) {
            throw new IllegalArgumentException("not an answer: type " + m.get("type"));
        }
        Object counts = m.get("counts");
        Object rows = m.get("rowsUsed");
        Object model = m.get("model");
        CoxSiteDerivatives derivatives = null;
        if (m.get("derivatives") instanceof Map<?, ?> d) {
            if (!(d.get("information") instanceof List<?> rowsOfInfo) || !(d.get("logLik") instanceof String ll)) {
                throw new IllegalArgumentException("derivatives need logLik, score and information");
            }
            double[][] info = new double[rowsOfInfo.size()][];
            for (int i = 0; i < info.length; i++) {
                info[i] = doubles(rowsOfInfo.get(i), "information");
            }
            derivatives = new CoxSiteDerivatives(parse(ll, "logLik"), doubles(d.get("score"), "score"), info);
        }
        return new Answer(str(m, "task"), str(m, "run"), str(m, "site"), str(m, "status"), (String) m.get("reason"),
                (String) m.get("pluginVersion"), (String) m.get("cohortChecksum"),
                rows instanceof Number n ? n.intValue() : 0,
                counts instanceof Map<?, ?> c ? SiteCounts.fromWire(c) : null,
                model instanceof Map ? castMap(model) : null, derivatives);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object o) {
        return (Map<String, Object>) o;
    }

    /** Each value as {@link Double#toHexString}: text that reads back to the same bits. */
    private static List<String> hex(double[] values) {
        List<String> out = new ArrayList<>(values.length);
        for (double v : values) {
            out.add(Double.toHexString(v));
        }
        return out;
    }

    private static double[] doubles(Object o, String field) {
        if (!(o instanceof List<?> l)) {
            throw new IllegalArgumentException("'" + field + "' is a list of hexadecimal doubles");
        }
        double[] out = new double[l.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(l.get(i) instanceof String s)) {
                throw new IllegalArgumentException("'" + field + "' holds a value that is not a hexadecimal double: " + l.get(i));
            }
            out[i] = parse(s, field);
        }
        return out;
    }

    private static double parse(String s, String field) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + field + "' holds '" + s + "', not a hexadecimal double");
        }
    }

    static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a message", e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(String text) {
        try {
            Object o = JSON.readValue(text, Object.class);
            if (!(o instanceof Map)) {
                throw new IllegalArgumentException("a message is a JSON object");
            }
            return (Map<String, Object>) o;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a message that is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String str(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (!(v instanceof String s)) {
            throw new IllegalArgumentException("the message has no text '" + key + "'");
        }
        return s;
    }
}
