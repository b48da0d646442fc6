package org.hepatica.platform.internal.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Slows password guessing: failed logins are counted per user name and per remote address, and
 * after too many consecutive failures of one key, its attempts are refused without checking the
 * password for a window that doubles with each further failure: 1 s, 2 s, 4 s ... up to a maximum.
 * A successful login clears the user's and the address's counts, and failures are forgotten once a
 * key has had none for {@code forgetAfterSeconds} (a typo last month does not count towards
 * today's lockout). An address has a higher limit
 * than a user name, because one address may be a hospital's proxy for many people: one person's
 * mistakes lock that person out, not the ward.
 * <p>
 * The state is in memory, at most {@link #MAX_KEYS} keys (the least recently seen is dropped
 * first), and every method is thread-safe; nothing sleeps.
 */
final class LoginThrottle {
    /** Keys tracked at most; a dropped key starts again from no failures. */
    static final int MAX_KEYS = 10_000;
    /** Characters of a user name kept as its key: longer names are guesses, not users. */
    private static final int MAX_KEY_LENGTH = 200;

    /** Consecutive failures of a key and until when (clock millis) its attempts are refused. */
    private static final class Entry {
        int failures;
        long lockedUntil;
        long lastFailure;
    }

    private final int maxUserFailures;
    private final int maxAddressFailures;
    private final long maxLockoutMillis;
    private final long forgetAfterMillis;
    private final LongSupplier clockMillis;
    /** Guarded by itself; access order, so the least recently seen key is evicted first. */
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > MAX_KEYS;
        }
    };

    /**
     * @param maxUserFailures consecutive failures of a user name before it is locked (at least 1)
     * @param maxAddressFailures consecutive failures from an address before it is locked (at least 1)
     * @param maxLockoutSeconds the longest window (at least 1)
     * @param forgetAfterSeconds seconds without a failure after which a key's failures are forgotten
     *        (at least the longest window, so that a lockout always ends before its count does)
     * @param clockMillis the time in milliseconds ({@code System::currentTimeMillis}; a fake in tests)
     */
    LoginThrottle(int maxUserFailures, int maxAddressFailures, long maxLockoutSeconds, long forgetAfterSeconds,
            LongSupplier clockMillis) {
        this.maxUserFailures = Math.max(1, maxUserFailures);
        this.maxAddressFailures = Math.max(1, maxAddressFailures);
        this.maxLockoutMillis = Math.max(1, maxLockoutSeconds) * 1000;
        this.forgetAfterMillis = Math.max(maxLockoutMillis, Math.max(1, forgetAfterSeconds) * 1000);
        this.clockMillis = clockMillis;
    }

    /** Seconds (rounded up) until this user from this address may try again; 0 when it may now. */
    long retryAfterSeconds(String user, String address) {
        long now = clockMillis.getAsLong();
        long until;
        synchronized (entries) {
            until = Math.max(lockedUntil(userKey(user)), lockedUntil(addressKey(address)));
        }
        return until <= now ? 0 : (until - now + 999) / 1000;
    }

    /**
     * Counts a failed login; returns the seconds the user or the address is now locked for
     * (0 when neither is).
     */
    long failed(String user, String address) {
        long now = clockMillis.getAsLong();
        long until;
        synchronized (entries) {
            until = Math.max(fail(userKey(user), maxUserFailures, now), fail(addressKey(address), maxAddressFailures, now));
        }
        return until <= now ? 0 : (until - now + 999) / 1000;
    }

    /** A successful login: the user's and the address's failures are forgotten. */
    void succeeded(String user, String address) {
        synchronized (entries) {
            entries.remove(userKey(user));
            entries.remove(addressKey(address));
        }
    }

    /** Keys tracked now (for tests). */
    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    private long lockedUntil(String key) {
        Entry e = entries.get(key);
        return e == null ? 0 : e.lockedUntil;
    }

    private long fail(String key, int max, long now) {
        Entry e = entries.computeIfAbsent(key, k -> new Entry());
        if (e.failures > 0 && now - e.lastFailure >= forgetAfterMillis) {
            e.failures = 0; // quiet long enough: an old run of failures no longer counts
        }
        e.failures++;
        e.lastFailure = now;
        if (e.failures >= max) {
            // the window doubles with each failure beyond the limit: 1 s at the limit, then 2 s, 4 s ...
            int doublings = Math.min(e.failures - max, 30);
            e.lockedUntil = now + Math.min(1000L << doublings, maxLockoutMillis);
        }
        return e.lockedUntil;
    }

    private static String userKey(String user) {
        String u = user == null ? "" : user;
        return "u:" + (u.length() > MAX_KEY_LENGTH ? u.substring(0, MAX_KEY_LENGTH) : u);
    }

    private static String addressKey(String address) {
        return "a:" + address;
    }
}
