package org.hepatica.itests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The built distribution, unpacked by Maven under target/karaf and copied per test class, started and stopped through its own
 * {@code bin/hepatica} script on ports that do not collide with a running platform.
 */
final class Distribution {
    static final int HTTP_PORT = Integer.getInteger("hepatica.it.port", 18181);
    private static final int SSH_PORT = Integer.getInteger("hepatica.it.sshPort", 18101);

    final Path home;
    private String lastOutput = "";

    Distribution(Path home) {
        this.home = home;
    }

    /**
     * A fresh install of its own for one test class: the tree Maven unpacked, copied to
     * {@code target/it/NAME} (replacing an earlier copy), so that no test class sees another's
     * users, configuration or data.
     */
    static Distribution fresh(String name) {
        Path unpacked = Path.of(System.getProperty("hepatica.karaf.dir", "target/karaf/org.hepatica.distribution-1.0.0-SNAPSHOT"));
        if (!Files.isExecutable(unpacked.resolve("bin/hepatica"))) {
            throw new IllegalStateException("no unpacked distribution at " + unpacked.toAbsolutePath());
        }
        Path home = unpacked.getParent().resolveSibling("it").resolve(name);
        try {
            delete(home);
            Files.createDirectories(home.getParent());
            try (var files = Files.walk(unpacked)) {
                for (Path from : (Iterable<Path>) files::iterator) {
                    Path rel = unpacked.relativize(from);
                    if (rel.startsWith("data")) {
                        continue; // an earlier run's data, if Maven unpacked over a started tree
                    }
                    Files.copy(from, home.resolve(rel.toString()), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return new Distribution(home);
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Moves SSH to a test port (HTTP is set by bin/hepatica from HEPATICA_PORT). */
    void usePorts() throws IOException {
        edit("etc/org.apache.karaf.shell.cfg", "sshPort", Integer.toString(SSH_PORT));
    }

    /** Sets {@code key = value} in an etc/ configuration file, adding the key when it is missing. */
    void edit(String file, String key, String value) throws IOException {
        Path p = home.resolve(file);
        List<String> out = new ArrayList<>();
        boolean found = false;
        for (String line : Files.readAllLines(p)) {
            if (line.matches("^\\s*" + key + "\\s*=.*")) {
                out.add(key + " = " + value);
                found = true;
            } else {
                out.add(line);
            }
        }
        if (!found) {
            out.add(key + " = " + value);
        }
        // written beside and moved in, so Karaf's file watcher never reads a half-written file, and
        // dated a minute back, so that a start right after the edit does not take it for a change to
        // write back over
        Path tmp = p.resolveSibling(p.getFileName() + ".tmp");
        Files.write(tmp, out);
        Files.setLastModifiedTime(tmp, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        Files.move(tmp, p, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** Adds a user with a SHA-256 hashed password, as Karaf's JAAS realm stores them. */
    void addUser(String name, String password, String roles) throws Exception {
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
        String line = name + " = {CRYPT}" + HexFormat.of().withUpperCase().formatHex(digest) + "{CRYPT}," + roles + "\n";
        Files.writeString(home.resolve("etc/users.properties"), line, java.nio.file.StandardOpenOption.APPEND);
    }

    String start() throws Exception {
        return run("start");
    }

    String stop() throws Exception {
        return run("stop");
    }

    /** Runs a Karaf shell command through the SSH console ({@code bin/client}); its output. */
    String shell(String user, String password, String command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/client").toString(), "-a", Integer.toString(SSH_PORT),
                "-h", "127.0.0.1", "-u", user, "-p", password, "-r", "5", command)
                .directory(home.toFile()).redirectErrorStream(true);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("bin/client " + command + " failed:\n" + new String(out, StandardCharsets.UTF_8));
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    /** Kills the platform's JVM as a power cut would ({@code kill -9}): no shutdown hook, no cleanup. */
    void kill() throws Exception {
        long pid = Long.parseLong(Files.readString(home.resolve("karaf.pid")).trim());
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("no process " + pid));
        process.destroyForcibly();
        process.onExit().get(60, TimeUnit.SECONDS);
    }

    String adminPassword() throws IOException {
        return Files.readString(home.resolve("data/initial-admin-password")).trim();
    }

    String baseUrl() {
        return "http://localhost:" + HTTP_PORT + "/api/v1";
    }

    String lastOutput() {
        return lastOutput;
    }

    private String run(String verb) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/hepatica").toString(), verb)
                .directory(home.toFile()).redirectErrorStream(true);
        pb.environment().put("HEPATICA_PORT", Integer.toString(HTTP_PORT));
        pb.environment().put("HEPATICA_START_TIMEOUT", "180");
        pb.environment().put("JAVA_MAX_MEM", "2G");
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("bin/hepatica " + verb + " did not finish");
        }
        lastOutput = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IllegalStateException("bin/hepatica " + verb + " failed (" + p.exitValue() + "):\n" + lastOutput
                    + "\n--- log ---\n" + tailOfLog());
        }
        return lastOutput;
    }

    String tailOfLog() {
        try {
            List<String> lines = Files.readAllLines(home.resolve("data/log/hepatica.log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
