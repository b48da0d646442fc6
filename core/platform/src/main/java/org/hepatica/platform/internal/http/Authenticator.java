package org.hepatica.platform.internal.http;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;

/**
 * HTTP Basic authentication against a JAAS realm (Karaf's {@code karaf} realm by default, i.e.
 * {@code etc/users.properties} with hashed passwords). Roles are the names of the subject's
 * principals whose class is a role principal.
 */
final class Authenticator {

    /** An authenticated caller. */
    record Caller(String name, Set<String> roles) {
        boolean hasAny(String... wanted) {
            for (String w : wanted) {
                if (roles.contains(w)) {
                    return true;
                }
            }
            return false;
        }
    }

    private final String realm;

    Authenticator(String realm) {
        this.realm = realm;
    }

    /** The user name and password of an HTTP Basic header; {@link #toString} leaves the password out. */
    record Credentials(String user, char[] password) {
        @Override
        public String toString() {
            return "Credentials[user=" + user + "]";
        }
    }

    /** The credentials of an {@code Authorization} header, or null when absent or malformed. */
    static Credentials credentials(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return null;
        }
        return new Credentials(decoded.substring(0, colon), decoded.substring(colon + 1).toCharArray());
    }

    /** The caller with these credentials, or null when the realm refuses them. */
    Caller authenticate(Credentials credentials) {
        String user = credentials.user();
        char[] password = credentials.password();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try {
            thread.setContextClassLoader(Authenticator.class.getClassLoader());
            Subject subject = new Subject();
            LoginContext login = new LoginContext(realm, subject, callbacks -> {
                for (Callback c : callbacks) {
                    if (c instanceof NameCallback n) {
                        n.setName(user);
                    } else if (c instanceof PasswordCallback p) {
                        p.setPassword(password);
                    } else {
                        throw new UnsupportedCallbackException(c);
                    }
                }
            });
            login.login();
            Set<String> roles = new HashSet<>();
            for (Principal p : subject.getPrincipals()) {
                if (p.getClass().getSimpleName().equals("RolePrincipal")) {
                    roles.add(p.getName());
                }
            }
            login.logout();
            return new Caller(user, Set.copyOf(roles));
        } catch (LoginException e) {
            return null;
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
