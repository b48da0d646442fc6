package org.hepatica.itests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The built distribution, unpacked by Maven under target/karaf and copied per test class, started and stopped through its own
 * {@code bin/hepatica} script on ports that do not collide with a running platform.
 */
final class Distribution {
    static final int HTTP_PORT = Integer.getInteger("hepatica.it.port", 18181);
    private static final int SSH_PORT = Integer.getInteger("hepatica.it.sshPort", 18101);

    final Path home;
    /** This install's HTTP and SSH ports: the test ports unless a test runs several installs at once. */
    final int httpPort;
    private final int sshPort;
    private String lastOutput = "";

    Distribution(Path home) {
        this(home, HTTP_PORT, SSH_PORT);
    }

    private Distribution(Path home, int httpPort, int sshPort) {
        this.home = home;
        this.httpPort = httpPort;
        this.sshPort = sshPort;
    }

    /**
     * A fresh install of its own for one test class: the tree Maven unpacked, copied to
     * {@code target/it/NAME} (replacing an earlier copy), so that no test class sees another's
     * users, configuration or data.
     */
    static Distribution fresh(String name) {
        return fresh(name, HTTP_PORT, SSH_PORT);
    }

    /** {@link #fresh(String)} on ports of its own, for tests that run several installs side by side. */
    static Distribution fresh(String name, int httpPort, int sshPort) {
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
        return new Distribution(home, httpPort, sshPort);
    }

    /** A fresh install of its own ({@link #fresh}) on the test ports, started: the first start creates admin. */
    static Distribution started(String name) throws Exception {
        Distribution d = fresh(name);
        d.usePorts();
        d.start();
        return d;
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
        edit("etc/org.apache.karaf.shell.cfg", "sshPort", Integer.toString(sshPort));
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

    /**
     * Starts the platform; first waits (up to 2 minutes) for the test ports to be free, should the JVM of
     * the previous test class still be exiting.
     */
    String start() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (inUse(httpPort) || inUse(sshPort)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("test port " + httpPort + " or " + sshPort
                        + " is still in use after 2 minutes:\n" + listeners());
            }
            Thread.sleep(200);
        }
        return run("start");
    }

    /** {@code bin/hepatica start} without waiting for free ports: its exit code and output. */
    Map.Entry<Integer, String> tryStart() throws Exception {
        try {
            return Map.entry(0, run("start"));
        } catch (IllegalStateException e) {
            return Map.entry(1, e.getMessage());
        }
    }

    /** Stops the platform and waits for its JVM to be gone (killing it after 2 minutes). */
    String stop() throws Exception {
        ProcessHandle jvm = jvm();
        String out = run("stop");
        if (jvm != null && jvm.isAlive()) {
            try {
                jvm.onExit().get(2, TimeUnit.MINUTES);
            } catch (java.util.concurrent.TimeoutException e) {
                jvm.destroyForcibly();
                jvm.onExit().get(1, TimeUnit.MINUTES);
                throw new IllegalStateException("the platform's JVM " + jvm.pid() + " did not exit after bin/hepatica stop:\n"
                        + out + "\n--- log ---\n" + tailOfLog());
            }
        }
        return out;
    }

    private ProcessHandle jvm() {
        try {
            return ProcessHandle.of(Long.parseLong(Files.readString(home.resolve("karaf.pid")).trim())).orElse(null);
        } catch (IOException | NumberFormatException e) {
            return null;
        }
    }

    private static boolean inUse(int port) {
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String listeners() {
        try {
            Process p = new ProcessBuilder("ss", "-ltnp").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(10, TimeUnit.SECONDS);
            return out;
        } catch (IOException | InterruptedException e) {
            return "(ss -ltnp: " + e.getMessage() + ")";
        }
    }

    /** Runs a Karaf shell command through the SSH console ({@code bin/client}); its output. */
    String shell(String user, String password, String command) throws Exception {
        return shell(user, password, command, null);
    }

    /** {@link #shell(String, String, String)} with {@code input} as the command's standard input. */
    String shell(String user, String password, String command, String input) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(home.resolve("bin/client").toString(), "-a", Integer.toString(sshPort),
                "-h", "127.0.0.1", "-u", user, "-p", password, "-r", "5"));
        if (command != null) {
            cmd.add(command);
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(home.toFile()).redirectErrorStream(true);
        Process p = pb.start();
        // standard input stays open until the session ends: bin/client ends a session whose input closes,
        // perhaps before it has read what was typed
        var stdin = p.getOutputStream();
        if (input != null) {
            stdin.write(input.getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        }
        Thread watchdog = new Thread(() -> {
            try {
                if (!p.waitFor(120, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        watchdog.setDaemon(true);
        watchdog.start();
        byte[] out = p.getInputStream().readAllBytes();
        stdin.close();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("bin/client " + command + " failed:\n" + new String(out, StandardCharsets.UTF_8));
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    /**
     * An interactive console session ({@code bin/client} without a command): {@code lines} typed one
     * after the other, answers to prompts included, then {@code logout}; everything the console printed.
     */
    String console(String user, String password, String... lines) throws Exception {
        return shell(user, password, null, String.join("\n", lines) + "\nlogout\n");
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
        return "http://localhost:" + httpPort + "/api/v1";
    }

    String lastOutput() {
        return lastOutput;
    }

    private String run(String verb) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/hepatica").toString(), verb)
                .directory(home.toFile()).redirectErrorStream(true);
        pb.environment().put("HEPATICA_PORT", Integer.toString(httpPort));
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
                    + "\n--- threads of the platform's JVM, if it runs ---\n" + threadDump()
                    + "\n--- warnings and errors in the log ---\n" + problemsInLog() + "\n--- listening ---\n" + listeners()
                    + "\n--- log ---\n" + tailOfLog());
        }
        return lastOutput;
    }

    /** Where the platform's JVM, if it runs, wrote the stacks of its threads (jcmd Thread.print); for a start that fails. */
    private String threadDump() {
        ProcessHandle jvm = jvm();
        if (jvm == null || !jvm.isAlive()) {
            return "(not running)";
        }
        Path file = home.resolve("start-failure-threads.txt");
        try {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(jvm.pid()), "Thread.print").redirectErrorStream(true).redirectOutput(file.toFile()).start();
            return p.waitFor(60, TimeUnit.SECONDS) ? file.toString() : "(jcmd did not finish)";
        } catch (IOException e) {
            return "(jcmd: " + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(interrupted)";
        }
    }

    /** The log's WARN and ERROR lines with the line after each (where an exception's message is). */
    String problemsInLog() {
        try {
            List<String> lines = Files.readAllLines(home.resolve("data/log/hepatica.log"));
            List<String> out = new ArrayList<>();
            for (int i = 0; i < lines.size() && out.size() < 80; i++) {
                if (lines.get(i).contains("| ERROR ") || lines.get(i).contains("| WARN ")) {
                    out.add(lines.get(i));
                    if (i + 1 < lines.size() && !lines.get(i + 1).startsWith("20")) {
                        out.add(lines.get(i + 1));
                    }
                }
            }
            return String.join("\n", out);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
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
