package org.hepatica.platform.internal.security;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.Principal;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginException;
import javax.security.auth.spi.LoginModule;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The login module of the platform's {@code karaf} realm (HTTP API and SSH console alike): users,
 * passwords and roles from {@code etc/users.properties}, passwords checked against their salted
 * PBKDF2 form ({@link PasswordHash}); an entry still in Karaf's unsalted {@code {CRYPT}} SHA-256
 * form is accepted once more and rewritten in the salted form on that successful login. A verified
 * password is remembered for a few minutes (as a keyed digest, never in clear) so that the HTTP
 * API, which authenticates every request, does not pay the slow hash each time.
 */
public final class HashedPasswordLoginModule implements LoginModule {
    private static final Logger LOG = LoggerFactory.getLogger(HashedPasswordLoginModule.class);
    /** Option: the users file (default {@code ${karaf.etc}/users.properties}). */
    public static final String USERS = "users";
    private static final long REMEMBER_NANOS = 5L * 60 * 1_000_000_000L;
    private static final byte[] KEY = new byte[32];
    private static final Map<String, Remembered> VERIFIED = new ConcurrentHashMap<>();

    static {
        new SecureRandom().nextBytes(KEY);
    }

    private record Remembered(String stored, byte[] digest, long until) {
    }

    private Subject subject;
    private CallbackHandler callbacks;
    private UsersFile users;
    private UsersFile.Entry entry;
    private final List<Principal> principals = new ArrayList<>();

    @Override
    public void initialize(Subject subject, CallbackHandler callbackHandler, Map<String, ?> sharedState,
            Map<String, ?> options) {
        this.subject = subject;
        this.callbacks = callbackHandler;
        Object file = options.get(USERS);
        this.users = new UsersFile(file != null ? Path.of(file.toString())
                : Path.of(System.getProperty("karaf.etc", "etc"), "users.properties"));
    }

    @Override
    public boolean login() throws LoginException {
        NameCallback name = new NameCallback("user: ");
        PasswordCallback pass = new PasswordCallback("password: ", false);
        try {
            callbacks.handle(new Callback[] {name, pass});
        } catch (IOException | UnsupportedCallbackException e) {
            throw new LoginException("cannot ask for the user name and password: " + e.getMessage());
        }
        char[] password = pass.getPassword();
        try {
            if (password == null || name.getName() == null) {
                throw new FailedLoginException("no user name or password");
            }
            Optional<UsersFile.Entry> found = users.find(name.getName());
            if (found.isEmpty() || !check(found.get(), password)) {
                throw new FailedLoginException("user name or password wrong");
            }
            entry = found.get();
            return true;
        } catch (IOException e) {
            throw new LoginException("cannot read the users file: " + e.getMessage());
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
            pass.clearPassword();
        }
    }

    private boolean check(UsersFile.Entry user, char[] password) throws IOException {
        byte[] digest = digest(user.user(), password);
        Remembered r = VERIFIED.get(user.user());
        if (r != null && r.stored().equals(user.password()) && System.nanoTime() < r.until()
                && MessageDigest.isEqual(r.digest(), digest)) {
            return true;
        }
        if (!PasswordHash.verify(password, user.password())) {
            return false;
        }
        String stored = user.password();
        if (PasswordHash.needsUpgrade(stored)) {
            String upgraded = PasswordHash.hash(password);
            try {
                users.replacePassword(user.user(), stored, upgraded);
                stored = upgraded;
                LOG.info("the password of user '{}' is now stored salted (PBKDF2)", user.user());
            } catch (IOException e) {
                LOG.warn("could not rewrite the password of user '{}' in the salted form: {}", user.user(), e.getMessage());
            }
        }
        if (VERIFIED.size() > 10_000) {
            VERIFIED.clear();
        }
        VERIFIED.put(user.user(), new Remembered(stored, digest, System.nanoTime() + REMEMBER_NANOS));
        return true;
    }

    /** A keyed digest of the credentials, valid in this JVM only. */
    private static byte[] digest(String user, char[] password) {
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] pw = new byte[bytes.remaining()];
        bytes.get(pw);
        byte[] u = user.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[KEY.length + u.length + 1 + pw.length];
        System.arraycopy(KEY, 0, all, 0, KEY.length);
        System.arraycopy(u, 0, all, KEY.length, u.length);
        System.arraycopy(pw, 0, all, KEY.length + u.length + 1, pw.length);
        byte[] d = PasswordHash.sha256(all);
        Arrays.fill(pw, (byte) 0);
        Arrays.fill(all, (byte) 0);
        return d;
    }

    @Override
    public boolean commit() {
        if (entry == null) {
            return false;
        }
        principals.add(new UserPrincipal(entry.user()));
        for (String role : entry.roles()) {
            principals.add(new RolePrincipal(role));
        }
        subject.getPrincipals().addAll(principals);
        return true;
    }

    @Override
    public boolean abort() {
        entry = null;
        principals.clear();
        return true;
    }

    @Override
    public boolean logout() {
        subject.getPrincipals().removeAll(principals);
        principals.clear();
        entry = null;
        return true;
    }
}
