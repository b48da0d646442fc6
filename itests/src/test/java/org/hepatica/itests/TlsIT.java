package org.hepatica.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * HTTPS only, configured as the README's "TLS" section says: a keystore made with the JDK's keytool,
 * plain HTTP switched off. {@code bin/hepatica start} comes up over HTTPS (and imports the demo
 * cohort), the API answers over TLS with the installation's certificate, and the plain HTTP port is
 * closed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TlsIT {
    private static final int TLS_PORT = Integer.getInteger("hepatica.it.tlsPort", 18443);
    private static final String STORE_PASSWORD = "keystore-secret-1";

    private Distribution dist;
    private Path keystore;
    private String password;

    @BeforeAll
    void start() throws Exception {
        dist = Distribution.fresh("TlsIT");
        dist.usePorts();
        keystore = dist.home.resolve("etc/hepatica.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "hepatica", "-keyalg", "RSA", "-keysize", "2048", "-validity", "30",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", STORE_PASSWORD, "-keypass", STORE_PASSWORD)
                .redirectErrorStream(true).start();
        String out = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0, out);
        String web = "etc/org.ops4j.pax.web.cfg";
        dist.edit(web, "org.osgi.service.http.enabled", "false");
        dist.edit(web, "org.osgi.service.http.secure.enabled", "true");
        dist.edit(web, "org.osgi.service.http.port.secure", Integer.toString(TLS_PORT));
        dist.edit(web, "org.ops4j.pax.web.ssl.keystore", keystore.toString());
        dist.edit(web, "org.ops4j.pax.web.ssl.keystore.type", "PKCS12");
        dist.edit(web, "org.ops4j.pax.web.ssl.keystore.password", STORE_PASSWORD);
        dist.edit(web, "org.ops4j.pax.web.ssl.key.password", STORE_PASSWORD);
        dist.edit(web, "org.ops4j.pax.web.ssl.key.alias", "hepatica");
        String started = dist.start();
        assertTrue(started.contains("https://localhost:" + TLS_PORT + "/api/v1"), started);
        assertTrue(started.contains("Demo cohort imported"), started);
        password = dist.adminPassword();
    }

    @AfterAll
    void stop() throws Exception {
        if (dist != null) {
            dist.stop();
        }
    }

    /** A client that trusts exactly the installation's certificate. */
    private HttpClient client() throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        try (var in = java.nio.file.Files.newInputStream(keystore)) {
            trusted.load(in, STORE_PASSWORD.toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(10)).build();
    }

    private HttpResponse<String> get(HttpClient http, String url, boolean auth) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (auth) {
            b.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theApiAnswersOverTlsWithTheInstallationsCertificate() throws Exception {
        HttpClient http = client();
        String base = "https://localhost:" + TLS_PORT + "/api/v1";
        assertEquals(401, get(http, base + "/analyses", false).statusCode());
        HttpResponse<String> cohorts = get(http, base + "/cohorts", true);
        assertEquals(200, cohorts.statusCode());
        assertTrue(cohorts.body().contains("hcc-demo"), cohorts.body());
        SSLSession session = cohorts.sslSession().orElseThrow();
        X509Certificate cert = (X509Certificate) session.getPeerCertificates()[0];
        assertEquals("CN=localhost", cert.getSubjectX500Principal().getName());
        assertTrue(session.getProtocol().startsWith("TLSv1."), session.getProtocol());
    }

    @Test
    void plainHttpIsClosed() {
        HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        assertThrows(ConnectException.class, () -> plain.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + Distribution.HTTP_PORT + "/api/v1/analyses")).build(),
                HttpResponse.BodyHandlers.ofString()));
    }
}
