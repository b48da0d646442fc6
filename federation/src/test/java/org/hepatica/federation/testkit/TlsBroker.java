package org.hepatica.federation.testkit;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.security.auth.login.AppConfigurationEntry;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.config.impl.SecurityConfiguration;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.spi.core.security.ActiveMQJAASSecurityManager;
import org.apache.activemq.artemis.spi.core.security.jaas.TextFileCertificateLoginModule;

/**
 * An Artemis broker for tests, as the README sets one up: a persistent journal (a site that is down
 * gets its task when it returns) and one TLS acceptor on loopback that requires a client certificate.
 * Each party gets a key pair of its own ({@code NAME.p12}) and a trust store holding the broker's
 * certificate ({@code NAME-trust.p12}); the broker trusts exactly the parties' certificates. Each
 * party logs in by its certificate and is authorised on its own queues only: site X may consume
 * {@code hepatica.site.X} and send to {@code hepatica.coordinator.*}; a party whose name starts with
 * {@code coordinator} may send to every site's queue and consume {@code hepatica.coordinator.*}.
 */
public final class TlsBroker implements AutoCloseable {
    /** The password of every key and trust store made here. */
    public static final String PASSWORD = "changeit-test";

    private final Path dir;
    private final int port;
    private final EmbeddedActiveMQ broker;

    private TlsBroker(Path dir, int port, EmbeddedActiveMQ broker) {
        this.dir = dir;
        this.port = port;
        this.broker = broker;
    }

    /** Makes the certificates of the broker and {@code parties} under {@code dir} and starts the broker on a free port. */
    public static TlsBroker start(Path dir, List<String> parties) throws Exception {
        List<String> all = new ArrayList<>(parties);
        all.add(0, "broker");
        for (String party : all) {
            keytool("-genkeypair", "-alias", party, "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                    "-dname", "CN=" + (party.equals("broker") ? "localhost" : "hepatica-" + party),
                    "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-keystore", store(dir, party), "-storetype", "PKCS12");
            keytool("-exportcert", "-alias", party, "-keystore", store(dir, party), "-file", dir.resolve(party + ".crt").toString());
        }
        for (String party : parties) {
            keytool("-importcert", "-noprompt", "-alias", party, "-file", dir.resolve(party + ".crt").toString(),
                    "-keystore", trust(dir, "broker"), "-storetype", "PKCS12");
            keytool("-importcert", "-noprompt", "-alias", "broker", "-file", dir.resolve("broker.crt").toString(),
                    "-keystore", trust(dir, party), "-storetype", "PKCS12");
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ConfigurationImpl cfg = new ConfigurationImpl();
        cfg.setPersistenceEnabled(true);
        cfg.setJournalDirectory(dir.resolve("journal").toString());
        cfg.setBindingsDirectory(dir.resolve("bindings").toString());
        cfg.setPagingDirectory(dir.resolve("paging").toString());
        cfg.setLargeMessagesDirectory(dir.resolve("large").toString());
        // every party logs in by its certificate; a site takes tasks from its own queue only and
        // answers to the coordinators, a coordinator ("coordinator...") sends tasks and takes answers.
        // Artemis applies the most specific match of an address alone, so each site's queue lists
        // the coordinators' roles as well as its own
        cfg.setSecurityEnabled(true);
        StringBuilder users = new StringBuilder();
        StringBuilder roles = new StringBuilder();
        List<String> coordinators = new ArrayList<>();
        for (String party : parties) {
            users.append(party).append("=CN=hepatica-").append(party).append('\n');
            roles.append(party).append('=').append(party).append('\n');
            if (party.startsWith("coordinator")) {
                coordinators.add(party);
            }
        }
        Files.writeString(dir.resolve("cert-users.properties"), users);
        Files.writeString(dir.resolve("cert-roles.properties"), roles);
        Set<Role> answers = new HashSet<>();
        for (String party : parties) {
            boolean coordinator = coordinators.contains(party);
            answers.add(role(party, !coordinator, coordinator));
            if (!coordinator) {
                Set<Role> tasks = new HashSet<>(Set.of(role(party, false, true)));
                coordinators.forEach(c -> tasks.add(role(c, true, false)));
                cfg.putSecurityRoles("hepatica.site." + party, tasks);
            }
        }
        cfg.putSecurityRoles("hepatica.coordinator.#", answers);
        cfg.addAcceptorConfiguration("tls", "tcp://127.0.0.1:" + port + "?sslEnabled=true;needClientAuth=true;keyStorePath="
                + store(dir, "broker") + ";keyStorePassword=" + PASSWORD + ";keyStoreType=PKCS12;trustStorePath="
                + trust(dir, "broker") + ";trustStorePassword=" + PASSWORD + ";trustStoreType=PKCS12");
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ();
        broker.setConfiguration(cfg);
        broker.setSecurityManager(new ActiveMQJAASSecurityManager(CERTIFICATES, CERTIFICATES, certificates(dir),
                certificates(dir)));
        broker.start();
        return new TlsBroker(dir, port, broker);
    }

    private static final String CERTIFICATES = "hepatica-certificates";

    /**
     * A role on an address: to send (and create the queue when it is not there yet), or to consume
     * (and create it). Neither may delete a queue, browse or manage.
     */
    private static Role role(String name, boolean send, boolean consume) {
        return new Role(name, send, consume, true, false, false, false, false, false, true, false);
    }

    /**
     * The login by certificate, as the README's broker has it: Artemis's
     * {@code TextFileCertificateLoginModule} maps each certificate's subject to a user and the user
     * to its role ({@code cert-users.properties}, {@code cert-roles.properties}).
     */
    private static SecurityConfiguration certificates(Path dir) {
        return new SecurityConfiguration() {
            @Override
            public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
                return new AppConfigurationEntry[] {new AppConfigurationEntry(TextFileCertificateLoginModule.class.getName(),
                        AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, Map.of("baseDir", dir.toString(),
                                "org.apache.activemq.jaas.textfiledn.user", "cert-users.properties",
                                "org.apache.activemq.jaas.textfiledn.role", "cert-roles.properties"))};
            }
        };
    }

    /** The URL a party's {@code broker.url} names. */
    public String url() {
        return "tcp://localhost:" + port;
    }

    public int port() {
        return port;
    }

    /** The party's own key pair (PKCS12). */
    public String keyStore(String party) {
        return store(dir, party);
    }

    /** The party's trust store, holding the broker's certificate (PKCS12). */
    public String trustStore(String party) {
        return trust(dir, party);
    }

    /**
     * What a party's {@code etc/org.hepatica.federation.cfg} says to reach this broker, followed by
     * {@code more} (lines of {@code key = value}).
     */
    public String configuration(String party, String... more) {
        StringBuilder b = new StringBuilder()
                .append("broker.url = ").append(url()).append('\n')
                .append("tls.keyStore = ").append(keyStore(party)).append('\n')
                .append("tls.keyStorePassword = ").append(PASSWORD).append('\n')
                .append("tls.trustStore = ").append(trustStore(party)).append('\n')
                .append("tls.trustStorePassword = ").append(PASSWORD).append('\n');
        for (String line : more) {
            b.append(line).append('\n');
        }
        return b.toString();
    }

    @Override
    public void close() throws Exception {
        broker.stop();
    }

    private static String store(Path dir, String party) {
        return dir.resolve(party + ".p12").toString();
    }

    private static String trust(Path dir, String party) {
        return dir.resolve(party + "-trust.p12").toString();
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("-storepass", PASSWORD));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("keytool " + args[0] + " failed: " + out);
        }
    }
}
