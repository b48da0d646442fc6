package org.hepatica.federation.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** {@code etc/org.hepatica.federation.cfg}: the broker, and this installation's part (site, coordinator or both). */
@ObjectClassDefinition(name = "Hepatica multi-centre analyses",
        description = "The Artemis broker and this installation's role in multi-centre studies")
public @interface FederationConfiguration {
    @AttributeDefinition(description = "The broker: tcp://HOST:PORT (Artemis core protocol); TLS is set by the keystore settings")
    String broker_url();

    @AttributeDefinition(description = "The broker user, when the broker authenticates by password as well as by certificate")
    String broker_user() default "";

    @AttributeDefinition(type = org.osgi.service.metatype.annotations.AttributeType.PASSWORD,
            description = "The broker user's password")
    String broker_password() default "";

    @AttributeDefinition(description = "This installation's key and certificate (PKCS12) for TLS with the broker; empty: no TLS")
    String tls_keyStore() default "";

    @AttributeDefinition(type = org.osgi.service.metatype.annotations.AttributeType.PASSWORD)
    String tls_keyStorePassword() default "";

    @AttributeDefinition(description = "The certificates (PKCS12) this installation trusts for the broker")
    String tls_trustStore() default "";

    @AttributeDefinition(type = org.osgi.service.metatype.annotations.AttributeType.PASSWORD)
    String tls_trustStorePassword() default "";

    @AttributeDefinition(description = "Check that the broker's certificate names the host connected to")
    boolean tls_verifyHost() default true;

    @AttributeDefinition(description = "This installation's site id (its task queue is hepatica.site.ID); empty: not a site")
    String site_id() default "";

    @AttributeDefinition(description = "No table is released whose smallest event count or number at risk at an event time is below this")
    int site_minCellSize() default 5;

    @AttributeDefinition(description = "required: an administrator approves each task (GET /api/v1/federation/tasks); automatic: tasks are answered at once")
    String site_approval() default "automatic";

    @AttributeDefinition(description = "The analyses this site answers: a list, or ids separated by commas (km, short-term and cox are not answered unless named)")
    String[] site_analyses() default {"dfs", "os", "mvi-subgroups", "margin-stratification", "competing-risks"};

    @AttributeDefinition(description = "This installation's coordinator id (its answer queue is hepatica.coordinator.ID); empty: not a coordinator")
    String coordinator_id() default "";

    @AttributeDefinition(description = "How long a coordinator waits for the sites' answers unless the request says (deadlineSeconds)")
    int coordinator_deadlineSeconds() default 600;
}
