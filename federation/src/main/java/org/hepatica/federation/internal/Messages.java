package org.hepatica.federation.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

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
     */
    record Task(String id, String run, String site, String coordinator, String replyTo, String analysis, String cohort,
            Map<String, Object> parameters, Instant deadline) {
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
     * @param counts         what was released (null unless released)
     */
    record Answer(String task, String run, String site, String status, String reason, String pluginVersion,
            String cohortChecksum, int rowsUsed, SiteCounts counts) {
        static final String RELEASED = "released";
        static final String REFUSED = "refused";
        static final String FAILED = "failed";
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
                Instant.parse(str(m, "deadline")));
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
        return json(m);
    }

    static Answer readAnswer(String text) {
        Map<String, Object> m = map(text);
        if (!"answer".equals(m.get("type"))) {
            throw new IllegalArgumentException("not an answer: type " + m.get("type"));
        }
        Object counts = m.get("counts");
        Object rows = m.get("rowsUsed");
        return new Answer(str(m, "task"), str(m, "run"), str(m, "site"), str(m, "status"), (String) m.get("reason"),
                (String) m.get("pluginVersion"), (String) m.get("cohortChecksum"),
                rows instanceof Number n ? n.intValue() : 0,
                counts instanceof Map<?, ?> c ? SiteCounts.fromWire(c) : null);
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
