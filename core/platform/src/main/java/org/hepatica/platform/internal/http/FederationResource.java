package org.hepatica.platform.internal.http;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.hepatica.analysis.AnalysisException;
import org.hepatica.analysis.InvalidParameterException;
import org.hepatica.federation.FederationService;
import org.hepatica.federation.FederationService.SiteRequest;

/**
 * Multi-centre analyses: {@code POST /federated/analyses/{analysisId}} (coordinator) with body
 * {@code {sites: ["A", {site: "B", cohort: "b-study"}], cohort, parameters, deadlineSeconds}};
 * {@code GET /federation/tasks}, {@code POST /federation/tasks/{id}/approve} and
 * {@code POST /federation/tasks/{id}/refuse} {@code {reason}} (a site's tasks awaiting approval,
 * decided by an administrator). 503 when the installation takes no part in multi-centre studies.
 */
final class FederationResource {
    private final Supplier<FederationService> federation;

    FederationResource(Supplier<FederationService> federation) {
        this.federation = federation;
    }

    /** Handles the call if it is one of this resource's; false otherwise. */
    boolean handle(ApiCall call) throws IOException, AnalysisException {
        String[] p = call.path;
        if (p[0].equals("federated") && call.is("POST", 3) && p[1].equals("analyses")) {
            Map<String, Object> body = body(call);
            List<SiteRequest> sites = sites(body.get("sites"), body.get("cohort"));
            Object params = body.getOrDefault("parameters", Map.of());
            if (!(params instanceof Map<?, ?> pm)) {
                throw new InvalidParameterException("parameters", "must be a JSON object");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> parameters = (Map<String, Object>) pm;
            Object deadline = body.get("deadlineSeconds");
            if (deadline != null && !(deadline instanceof Number)) {
                throw new InvalidParameterException("deadlineSeconds", "must be a number of seconds, was " + deadline);
            }
            call.send(200, service().run(p[2], sites, parameters,
                    deadline == null ? null : Duration.ofMillis(Math.round(((Number) deadline).doubleValue() * 1000)),
                    call.caller.name()));
        } else if (p[0].equals("federation") && call.is("GET", 2) && p[1].equals("tasks")) {
            call.send(200, service().pendingTasks());
        } else if (p[0].equals("federation") && call.is("POST", 4) && p[1].equals("tasks") && p[3].equals("approve")) {
            call.require(ApiCall.ADMIN);
            call.send(200, Map.of("task", p[2], "status", service().approve(p[2], call.caller.name())));
        } else if (p[0].equals("federation") && call.is("POST", 4) && p[1].equals("tasks") && p[3].equals("refuse")) {
            call.require(ApiCall.ADMIN);
            Object reason = body(call).get("reason");
            service().refuse(p[2], reason == null ? null : String.valueOf(reason), call.caller.name());
            call.send(200, Map.of("task", p[2], "status", "refused"));
        } else {
            return false;
        }
        return true;
    }

    private FederationService service() {
        FederationService s = federation.get();
        if (s == null) {
            throw ApiServlet.Refusal.unavailable("this installation takes no part in multi-centre studies: configure the"
                    + " broker and its role in etc/org.hepatica.federation.cfg (README, \"Multi-centre studies\")");
        }
        return s;
    }

    /** The sites asked: ids, or {site, cohort} objects; a site without a cohort of its own has {@code cohort}. */
    static List<SiteRequest> sites(Object sites, Object cohort) throws InvalidParameterException {
        if (!(sites instanceof List<?> list) || list.isEmpty()) {
            throw new InvalidParameterException("sites", "name at least one site: \"sites\": [\"A\", \"B\"] or"
                    + " [{\"site\": \"A\", \"cohort\": \"study\"}]");
        }
        if (cohort != null && !(cohort instanceof String)) {
            throw new InvalidParameterException("cohort", "must be a cohort name, was " + cohort);
        }
        List<SiteRequest> out = new ArrayList<>();
        for (Object o : list) {
            if (o instanceof String s) {
                out.add(new SiteRequest(s, (String) cohort));
            } else if (o instanceof Map<?, ?> m && m.get("site") instanceof String s) {
                Object c = m.get("cohort");
                if (c != null && !(c instanceof String)) {
                    throw new InvalidParameterException("sites", "the cohort of site " + s + " must be a name, was " + c);
                }
                out.add(new SiteRequest(s, c == null ? (String) cohort : (String) c));
            } else {
                throw new InvalidParameterException("sites", "a site is an id or {\"site\": ID, \"cohort\": NAME}, was " + o);
            }
        }
        return out;
    }

    private static Map<String, Object> body(ApiCall call) throws IOException {
        return call.jsonObject("{\"sites\": [...], \"parameters\": {...}}");
    }
}
