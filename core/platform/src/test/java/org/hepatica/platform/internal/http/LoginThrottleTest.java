package org.hepatica.platform.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Failed logins counted per user and per address, on a clock the test moves. */
class LoginThrottleTest {
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final LoginThrottle throttle = new LoginThrottle(5, 20, 300, 900, now::get);

    private void fail(String user, String address, int times) {
        for (int i = 0; i < times; i++) {
            throttle.failed(user, address);
        }
    }

    @Test
    void fiveFailuresLockTheUserForOneSecondAndTheWindowDoublesUpToTheMaximum() {
        fail("ana", "10.0.0.1", 4);
        assertEquals(0, throttle.retryAfterSeconds("ana", "10.0.0.1"), "four failures do not lock");
        assertEquals(1, throttle.failed("ana", "10.0.0.1"));
        assertEquals(1, throttle.retryAfterSeconds("ana", "10.0.0.1"));
        now.addAndGet(1000);
        assertEquals(0, throttle.retryAfterSeconds("ana", "10.0.0.1"), "the window is over");
        assertEquals(2, throttle.failed("ana", "10.0.0.1"));
        now.addAndGet(2000);
        assertEquals(4, throttle.failed("ana", "10.0.0.1"));
        for (int i = 0; i < 20; i++) {
            now.addAndGet(300_000);
            throttle.failed("ana", "10.0.0." + (i + 2));
        }
        assertEquals(300, throttle.retryAfterSeconds("ana", "10.0.0.99"), "capped at maxLockoutSeconds");
    }

    @Test
    void failuresAreForgottenAfterFifteenQuietMinutesButNotBefore() {
        fail("ana", "10.0.0.1", 4);
        now.addAndGet(899_000);
        assertEquals(1, throttle.failed("ana", "10.0.0.1"), "899 s after the fourth failure, the fifth still locks");
        now.addAndGet(900_000);
        assertEquals(0, throttle.retryAfterSeconds("ana", "10.0.0.1"));
        fail("ana", "10.0.0.1", 4);
        assertEquals(0, throttle.retryAfterSeconds("ana", "10.0.0.1"), "after 900 quiet seconds the count starts again at one");
        assertEquals(1, throttle.failed("ana", "10.0.0.1"));
    }

    @Test
    void forgettingNeverEndsALockoutEarly() {
        LoginThrottle shortMemory = new LoginThrottle(1, 20, 300, 10, now::get);
        for (int i = 0; i < 12; i++) {
            shortMemory.failed("ana", "10.0.0.1");
        }
        assertEquals(300, shortMemory.retryAfterSeconds("ana", "10.0.0.1"));
        now.addAndGet(300_000);
        assertEquals(1, shortMemory.failed("ana", "10.0.0.1"), "forgotten only once the longest window has passed");
    }

    @Test
    void aLockedUserDoesNotSlowAnotherUserFromAnotherAddress() {
        fail("ana", "10.0.0.1", 5);
        assertTrue(throttle.retryAfterSeconds("ana", "10.0.0.1") > 0);
        assertTrue(throttle.retryAfterSeconds("ana", "10.0.0.2") > 0, "the user is locked from every address");
        assertEquals(0, throttle.retryAfterSeconds("bob", "10.0.0.2"));
        assertEquals(0, throttle.retryAfterSeconds("bob", "10.0.0.1"), "one user's mistakes do not lock the address");
    }

    @Test
    void manyUserNamesTriedFromOneAddressLockTheAddress() {
        for (int i = 0; i < 20; i++) {
            throttle.failed("user" + i, "10.0.0.9");
        }
        assertEquals(1, throttle.retryAfterSeconds("someone-else", "10.0.0.9"));
        assertEquals(0, throttle.retryAfterSeconds("someone-else", "10.0.0.10"));
    }

    @Test
    void aSuccessAfterTheWindowClearsTheUsersAndTheAddresssCounts() {
        fail("ana", "10.0.0.1", 5);
        now.addAndGet(1000);
        throttle.succeeded("ana", "10.0.0.1");
        fail("ana", "10.0.0.1", 4);
        assertEquals(0, throttle.retryAfterSeconds("ana", "10.0.0.1"), "counting starts again from zero");
        assertEquals(2, throttle.size(), "one key for the user, one for the address");
    }

    @Test
    void theRetryIsRoundedUpToWholeSeconds() {
        fail("ana", "10.0.0.1", 6); // 2 s window
        now.addAndGet(1);
        assertEquals(2, throttle.retryAfterSeconds("ana", "10.0.0.1"));
        now.addAndGet(1000);
        assertEquals(1, throttle.retryAfterSeconds("ana", "10.0.0.1"));
    }

    @Test
    void atMostTenThousandKeysAreKeptTheLeastRecentlySeenDroppedFirst() {
        fail("ana", "10.0.0.1", 5);
        for (int i = 0; i < LoginThrottle.MAX_KEYS; i++) {
            throttle.failed("guess" + i, "10.1." + (i / 250) + "." + (i % 250));
        }
        assertEquals(LoginThrottle.MAX_KEYS, throttle.size());
        assertEquals(0, throttle.retryAfterSeconds("ana", "10.0.0.2"), "the oldest key was dropped");
    }

    @Test
    void concurrentFailuresAreAllCounted() throws Exception {
        LoginThrottle many = new LoginThrottle(800, 10_000, 300, 900, now::get);
        Thread[] threads = new Thread[8];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 100; i++) {
                    many.failed("ana", "10.0.0.1");
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(1, many.retryAfterSeconds("ana", "10.0.0.1"), "exactly 800 failures: locked for 1 s");
    }
}
