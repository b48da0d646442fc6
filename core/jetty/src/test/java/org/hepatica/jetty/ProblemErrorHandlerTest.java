package org.hepatica.jetty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.AbstractHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A real Jetty server with the handler: what a client sees for the server's own errors. */
class ProblemErrorHandlerTest {
    private static Server server;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        server.setErrorHandler(new ProblemErrorHandler());
        server.setHandler(new AbstractHandler() {
            @Override
            public void handle(String target, Request base, HttpServletRequest request, HttpServletResponse response) {
                if (target.startsWith("/fail")) {
                    throw new IllegalStateException("org.example.Secret at /var/lib/secret.db");
                }
                // anything else is left unhandled: the server answers 404
            }
        });
        server.start();
        port = connector.getLocalPort();
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
    }

    @Test
    void tooLongUriIsProblem414() throws IOException {
        Answer a = send("GET /api/v1/" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\n\r\n");
        a.assertProblem(414, "uri-too-long");
    }

    @Test
    void tooLargeHeadersAreProblem431() throws IOException {
        Answer a = send("GET /api/v1/analyses HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(20_000) + "\r\n\r\n");
        a.assertProblem(431, "headers-too-large");
    }

    @Test
    void malformedEscapesAreProblem400() throws IOException {
        for (String path : new String[] {"/api/v1/%", "/api/v1/%zz", "/api/v1/..;/x", "/api/v1/cohorts/%00"}) {
            Answer a = send("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n");
            a.assertProblem(400, "bad-request");
        }
    }

    @Test
    void unservedPathIsProblem404ForEveryMethod() throws IOException {
        for (String method : new String[] {"GET", "DELETE", "PUT"}) {
            Answer a = send(method + " /nothing HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
            a.assertProblem(404, "not-found");
        }
    }

    @Test
    void unknownProtocolVersionIsProblem505() throws IOException {
        send("GET /api/v1/cohorts HTTP/7.0\r\nHost: x\r\n\r\n").assertProblem(505, "http-version-not-supported");
    }

    @Test
    void failureNamesAnErrorIdAndNothingOfTheCause() throws IOException {
        Answer a = send("GET /fail HTTP/1.1\r\nHost: x\r\n\r\n");
        a.assertProblem(500, "internal");
        assertTrue(a.body.matches(".*\"errorId\":\"[0-9a-f]{8}\".*"), a.body);
        assertFalse(a.body.contains("Secret") || a.body.contains("/var/lib") || a.body.contains("Exception"), a.body);
    }

    @Test
    void documentIsValidJsonWithQuotedText() {
        String json = ProblemErrorHandler.problem(400, null, "Bad \"quoted\" reason");
        assertTrue(json.startsWith("{\"type\":\"urn:hepatica:problem:bad-request\""), json);
        assertFalse(json.contains("quoted"), "a reason that is not plain words is not echoed: " + json);
    }

    private record Answer(int status, String contentType, String body) {
        void assertProblem(int expected, String slug) {
            assertEquals(expected, status, body);
            assertEquals(ProblemErrorHandler.PROBLEM_JSON, contentType, body);
            assertTrue(body.startsWith("{\"type\":\"urn:hepatica:problem:" + slug + "\""), body);
            assertTrue(body.contains("\"status\":" + expected), body);
            assertFalse(body.contains("<"), body);
            assertFalse(body.toLowerCase().contains("jetty"), body);
        }
    }

    private static Answer send(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            String text;
            while (true) {
                int n;
                try {
                    n = in.read(buf);
                } catch (IOException e) {
                    break; // the server may reset after refusing
                }
                if (n < 0) {
                    break;
                }
                all.write(buf, 0, n);
                text = all.toString(StandardCharsets.ISO_8859_1);
                Matcher length = Pattern.compile("(?i)content-length: *(\\d+)").matcher(text);
                int headerEnd = text.indexOf("\r\n\r\n");
                if (headerEnd > 0 && length.find() && text.length() >= headerEnd + 4 + Integer.parseInt(length.group(1))) {
                    break;
                }
            }
            text = all.toString(StandardCharsets.UTF_8);
            int headerEnd = text.indexOf("\r\n\r\n");
            String head = text.substring(0, headerEnd);
            int status = Integer.parseInt(head.substring(9, 12));
            Matcher type = Pattern.compile("(?im)^content-type: *([^;\\r\\n]+)").matcher(head);
            return new Answer(status, type.find() ? type.group(1).trim() : null, text.substring(headerEnd + 4));
        }
    }
}
