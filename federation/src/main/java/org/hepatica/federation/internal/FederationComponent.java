package org.hepatica.federation.internal;

import jakarta.jms.ConnectionFactory;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.sjms.SjmsComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.hepatica.access.AuditTrail;
import org.hepatica.analysis.AnalysisException;
import org.hepatica.analysis.AnalysisService;
import org.hepatica.analysis.StoredResult;
import org.hepatica.cohort.CohortService;
import org.hepatica.federation.FederationService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The installation's part in multi-centre studies, active once {@code etc/org.hepatica.federation.cfg}
 * names a broker. A Camel context of its own connects outbound to the Artemis broker through the
 * sjms component: a site consumes its durable queue {@code hepatica.site.ID} (a task sent while the
 * site is down waits there until it returns, or until its deadline expires it), a coordinator
 * consumes {@code hepatica.coordinator.ID}. Messages are persistent and taken in a transaction, so
 * a task is removed from the queue only once it has been answered or kept for approval.
 */
@Component(service = FederationService.class, configurationPid = "org.hepatica.federation",
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = FederationConfiguration.class)
public final class FederationComponent implements FederationService {
    private static final Logger LOG = LoggerFactory.getLogger(FederationComponent.class);

    private final DefaultCamelContext camel;
    private final ActiveMQConnectionFactory connections;
    private final Site site;
    private final Coordinator coordinator;
    private final int defaultDeadlineSeconds;

    @Activate
    public FederationComponent(@Reference(target = "(!(hepatica.import.route=true))") CohortService cohorts,
            @Reference AnalysisService analyses, @Reference AuditTrail audit, FederationConfiguration config)
            throws Exception {
        this(cohorts, analyses, audit, config, Path.of(System.getProperty("karaf.data", "data"), "federation"),
                Clock.systemUTC());
    }

    FederationComponent(CohortService cohorts, AnalysisService analyses, AuditTrail audit, FederationConfiguration config,
            Path dir, Clock clock) throws Exception {
        String siteId = config.site_id().trim();
        String coordinatorId = config.coordinator_id().trim();
        for (String id : new String[] {siteId, coordinatorId}) {
            if (!id.isEmpty() && !id.matches("[A-Za-z0-9_.-]{1,64}")) {
                throw new IllegalArgumentException("etc/org.hepatica.federation.cfg: an id is 1 to 64 letters, digits,"
                        + " '_', '.' and '-', was '" + id + "'");
            }
        }
        if (siteId.isEmpty() && coordinatorId.isEmpty()) {
            throw new IllegalArgumentException("etc/org.hepatica.federation.cfg names neither site.id nor coordinator.id");
        }
        this.defaultDeadlineSeconds = config.coordinator_deadlineSeconds();
        String approval = config.site_approval().trim();
        if (!approval.equals("automatic") && !approval.equals("required")) {
            throw new IllegalArgumentException("etc/org.hepatica.federation.cfg: site.approval is automatic or required, was '"
                    + approval + "'");
        }
        this.connections = withBundleLoader(() -> new ActiveMQConnectionFactory(brokerUrl(config),
                blankToNull(config.broker_user()), blankToNull(config.broker_password())));
        camel = new DefaultCamelContext();
        camel.getCamelContextExtension().setName("hepatica-federation");
        camel.setApplicationContextClassLoader(FederationComponent.class.getClassLoader());
        SjmsComponent sjms = new SjmsComponent();
        sjms.setConnectionFactory((ConnectionFactory) connections);
        camel.addComponent("sjms", sjms);
        ProducerTemplate producer = camel.createProducerTemplate();
        site = siteId.isEmpty() ? null : new Site(new Site.Settings(siteId, config.site_minCellSize(),
                approval.equals("required"), analyses(config.site_analyses())), cohorts, analyses, audit,
                (queue, text) -> producer.sendBody("sjms:queue:" + queue, text), dir.resolve("site"), clock);
        coordinator = coordinatorId.isEmpty() ? null : new Coordinator(coordinatorId, analyses, audit,
                (queue, task) -> producer.sendBody("sjms:queue:" + queue + "?explicitQosEnabled=true&timeToLive="
                        + Math.max(1, Duration.between(clock.instant(), task.deadline()).toMillis()), Messages.write(task)),
                clock);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                if (site != null) {
                    from("sjms:queue:" + Messages.siteQueue(siteId) + "?transacted=true").routeId("federation-site-" + siteId)
                            .process(e -> site.receive(e.getIn().getBody(String.class)));
                }
                if (coordinator != null) {
                    from("sjms:queue:" + Messages.coordinatorQueue(coordinatorId) + "?transacted=true")
                            .routeId("federation-coordinator-" + coordinatorId)
                            .process(e -> coordinator.receive(e.getIn().getBody(String.class)));
                }
            }
        });
        withBundleLoader(() -> {
            camel.start();
            return null;
        });
        LOG.info("multi-centre analyses over {}: {}{}", config.broker_url(), site == null ? "" : "site " + siteId
                + (site != null && coordinator != null ? ", " : ""), coordinator == null ? "" : "coordinator " + coordinatorId);
    }

    /**
     * The analyses a site answers: {@code site.analyses} as a list, or as one text of ids separated
     * by commas ({@code site.analyses = dfs, os, cox} in a {@code .cfg} file).
     */
    static Set<String> analyses(String[] configured) {
        Set<String> out = new java.util.LinkedHashSet<>();
        for (String s : configured) {
            for (String id : s.split(",")) {
                if (!id.isBlank()) {
                    out.add(id.trim());
                }
            }
        }
        return Set.copyOf(out);
    }

    /** The broker's URL with the TLS settings, which Artemis takes as URL parameters. */
    static String brokerUrl(FederationConfiguration c) {
        String url = c.broker_url().trim();
        if (url.isEmpty()) {
            throw new IllegalArgumentException("etc/org.hepatica.federation.cfg: broker.url is empty");
        }
        List<String> p = new ArrayList<>();
        p.add("reconnectAttempts=-1");
        if (!c.tls_keyStore().isBlank() || !c.tls_trustStore().isBlank()) {
            p.add("sslEnabled=true");
            p.add("verifyHost=" + c.tls_verifyHost());
            if (!c.tls_keyStore().isBlank()) {
                p.add("keyStorePath=" + enc(c.tls_keyStore()));
                p.add("keyStorePassword=" + enc(c.tls_keyStorePassword()));
                p.add("keyStoreType=PKCS12");
            }
            if (!c.tls_trustStore().isBlank()) {
                p.add("trustStorePath=" + enc(c.tls_trustStore()));
                p.add("trustStorePassword=" + enc(c.tls_trustStorePassword()));
                p.add("trustStoreType=PKCS12");
            }
        }
        return url + (url.contains("?") ? "&" : "?") + String.join("&", p);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static <T> T withBundleLoader(Callable<T> work) throws Exception {
        Thread t = Thread.currentThread();
        ClassLoader before = t.getContextClassLoader();
        t.setContextClassLoader(FederationComponent.class.getClassLoader());
        try {
            return work.call();
        } finally {
            t.setContextClassLoader(before);
        }
    }

    @Deactivate
    void deactivate() {
        try {
            camel.stop();
        } finally {
            connections.close();
        }
    }

    @Override
    public boolean coordinates() {
        return coordinator != null;
    }

    @Override
    public String siteId() {
        return site == null ? null : site.id();
    }

    @Override
    public StoredResult run(String analysisId, List<SiteRequest> sites, Map<String, Object> parameters, Duration deadline,
            String user) throws AnalysisException {
        if (coordinator == null) {
            throw new IllegalArgumentException("this installation is no coordinator (coordinator.id in"
                    + " etc/org.hepatica.federation.cfg)");
        }
        return coordinator.run(analysisId, sites, parameters,
                deadline == null ? Duration.ofSeconds(defaultDeadlineSeconds) : deadline, user);
    }

    @Override
    public List<PendingTask> pendingTasks() {
        return site == null ? List.of() : site.pendingTasks();
    }

    @Override
    public String approve(String taskId, String user) {
        return requireSite(taskId).approve(taskId, user);
    }

    @Override
    public void refuse(String taskId, String reason, String user) {
        requireSite(taskId).refuse(taskId, reason, user);
    }

    private Site requireSite(String taskId) {
        if (site == null) {
            throw new NoSuchElementException("no pending task '" + taskId + "': this installation is no site");
        }
        return site;
    }

}
