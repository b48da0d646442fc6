package org.hepatica.platform.internal.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.security.auth.Subject;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.login.FailedLoginException;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Logins against a users file in Karaf's format: salted hashes, old hashes upgraded, roles and groups. */
class HashedPasswordLoginModuleTest {
    @TempDir
    Path dir;

    private static String legacy(String password) throws Exception {
        byte[] d = MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
        return "{CRYPT}" + HexFormat.of().withUpperCase().formatHex(d) + "{CRYPT}";
    }

    private Subject login(Path users, String user, String password) throws Exception {
        HashedPasswordLoginModule m = new HashedPasswordLoginModule();
        Subject subject = new Subject();
        m.initialize(subject, callbacks -> {
            for (var c : callbacks) {
                if (c instanceof NameCallback n) {
                    n.setName(user);
                } else if (c instanceof PasswordCallback p) {
                    p.setPassword(password.toCharArray());
                }
            }
        }, Map.of(), Map.of(HashedPasswordLoginModule.USERS, users.toString()));
        m.login();
        m.commit();
        return subject;
    }

    private static Set<String> roles(Subject s) {
        return s.getPrincipals(RolePrincipal.class).stream().map(RolePrincipal::getName).collect(Collectors.toSet());
    }

    @Test
    void anOldUnsaltedHashIsAcceptedOnceAndRewrittenSalted() throws Exception {
        Path users = Files.writeString(dir.resolve("users.properties"), "# users\nadmin = " + legacy("s3cret-pass")
                + ",admin,analyst,ssh\nana = " + legacy("other-pass") + ",analyst\n");
        Subject s = login(users, "admin", "s3cret-pass");
        assertEquals(Set.of("admin", "analyst", "ssh"), roles(s));
        assertEquals("admin", s.getPrincipals(UserPrincipal.class).iterator().next().getName());
        String after = Files.readString(users);
        assertTrue(after.contains("admin = {CRYPT}PBKDF2-SHA256:" + PasswordHash.ITERATIONS + ":"), after);
        assertTrue(after.contains(",admin,analyst,ssh\n"), "the roles stay: " + after);
        assertTrue(after.contains("ana = " + legacy("other-pass")), "other users untouched: " + after);
        assertTrue(after.startsWith("# users\n"), "comments kept");
        assertFalse(after.contains("s3cret-pass"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(users)));
        // the salted entry works, a wrong password does not
        assertEquals(Set.of("admin", "analyst", "ssh"), roles(login(users, "admin", "s3cret-pass")));
        assertThrows(FailedLoginException.class, () -> login(users, "admin", "wrong"));
        assertThrows(FailedLoginException.class, () -> login(users, "nobody", "s3cret-pass"));
    }

    @Test
    void groupsGiveTheirRolesAndPlainTextPasswordsAreRefused() throws Exception {
        Path users = Files.writeString(dir.resolve("users.properties"), "_g_\\:ops = group,admin,ssh\nop = "
                + PasswordHash.hash("op-secret-12".toCharArray()) + ",_g_:ops,analyst\nplain = plain-text,admin\n");
        assertEquals(Set.of("admin", "ssh", "analyst"), roles(login(users, "op", "op-secret-12")));
        assertThrows(FailedLoginException.class, () -> login(users, "plain", "plain-text"));
        assertThrows(FailedLoginException.class, () -> login(users, "_g_:ops", "group"));
    }

    @Test
    void hashesAreSaltedAndSlow() {
        String a = PasswordHash.hash("same".toCharArray());
        String b = PasswordHash.hash("same".toCharArray());
        assertFalse(a.equals(b), "a new salt each time");
        assertTrue(PasswordHash.verify("same".toCharArray(), a) && PasswordHash.verify("same".toCharArray(), b));
        assertFalse(PasswordHash.verify("Same".toCharArray(), a));
        assertFalse(PasswordHash.needsUpgrade(a));
        assertTrue(PasswordHash.needsUpgrade("{CRYPT}PBKDF2-SHA256:1000:AAAA:AAAA{CRYPT}"), "fewer iterations than now: upgraded");
        assertTrue(a.startsWith("{CRYPT}") && a.endsWith("{CRYPT}"), "framed so that Karaf's realm leaves it alone: " + a);
    }
}
