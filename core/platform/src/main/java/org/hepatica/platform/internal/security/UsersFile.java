package org.hepatica.platform.internal.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code etc/users.properties} as Karaf writes it: {@code user = PASSWORD,role,role,_g_:group} and
 * {@code _g_\:group = group,role,role}. Read at every login (an edit counts at once); a user's
 * password is replaced in place, the file rewritten beside and moved in, readable by its owner only.
 */
final class UsersFile {
    private static final String GROUP = "_g_:";
    private static final Object WRITING = new Object();

    /** A user's stored password and roles (groups expanded). */
    record Entry(String user, String password, Set<String> roles) {
    }

    private final Path file;

    UsersFile(Path file) {
        this.file = file;
    }

    Optional<Entry> find(String user) throws IOException {
        if (user == null || user.isEmpty() || user.startsWith(GROUP)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        for (String line : lines) {
            String[] kv = split(line);
            if (kv != null && kv[0].equals(user)) {
                String[] values = kv[1].split(",");
                Set<String> roles = new LinkedHashSet<>();
                for (int i = 1; i < values.length; i++) {
                    String role = values[i].trim();
                    if (role.startsWith(GROUP)) {
                        roles.addAll(group(lines, role));
                    } else if (!role.isEmpty()) {
                        roles.add(role);
                    }
                }
                return Optional.of(new Entry(user, values[0].trim(), roles));
            }
        }
        return Optional.empty();
    }

    private static Set<String> group(List<String> lines, String group) {
        Set<String> roles = new LinkedHashSet<>();
        for (String line : lines) {
            String[] kv = split(line);
            if (kv != null && kv[0].equals(group)) {
                String[] values = kv[1].split(",");
                for (int i = 1; i < values.length; i++) {
                    if (!values[i].trim().isEmpty()) {
                        roles.add(values[i].trim());
                    }
                }
            }
        }
        return roles;
    }

    /** {@code [key, value]} of a property line (a {@code \:} in the key is a colon), or null for comments. */
    private static String[] split(String line) {
        String t = line.trim();
        if (t.isEmpty() || t.startsWith("#") || t.startsWith("!")) {
            return null;
        }
        int eq = -1;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '=' || c == ':') {
                eq = i;
                break;
            }
        }
        if (eq <= 0) {
            return null;
        }
        return new String[] {t.substring(0, eq).trim().replace("\\:", ":"), t.substring(eq + 1).trim()};
    }

    /** Replaces the stored password of {@code user}, if it is still {@code old}. */
    void replacePassword(String user, String old, String replacement) throws IOException {
        synchronized (WRITING) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
            List<String> out = new ArrayList<>(lines.size());
            boolean changed = false;
            for (String line : lines) {
                String[] kv = split(line);
                if (!changed && kv != null && kv[0].equals(user)) {
                    String value = kv[1];
                    int comma = value.indexOf(',');
                    String stored = (comma < 0 ? value : value.substring(0, comma)).trim();
                    if (stored.equals(old)) {
                        out.add(user + " = " + replacement + (comma < 0 ? "" : value.substring(comma)));
                        changed = true;
                        continue;
                    }
                }
                out.add(line);
            }
            if (!changed) {
                return;
            }
            write(out);
        }
    }

    /** Every user (not groups) with their roles, groups expanded; no password. */
    java.util.Map<String, Set<String>> users() throws IOException {
        java.util.Map<String, Set<String>> out = new java.util.TreeMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.ISO_8859_1)) {
            String[] kv = split(line);
            if (kv != null && !kv[0].startsWith(GROUP)) {
                find(kv[0]).ifPresent(e -> out.put(e.user(), e.roles()));
            }
        }
        return out;
    }

    /** Adds a user; false when one of that name exists. */
    boolean add(String user, String stored, List<String> roles) throws IOException {
        synchronized (WRITING) {
            if (find(user).isPresent()) {
                return false;
            }
            List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.ISO_8859_1));
            lines.add(user + " = " + stored + (roles.isEmpty() ? "" : "," + String.join(",", roles)));
            write(lines);
            return true;
        }
    }

    /** Writes the file beside and moves it in, readable by its owner only. */
    private void write(List<String> lines) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, lines, StandardCharsets.ISO_8859_1);
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the move keeps what there is
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
