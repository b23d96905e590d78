package org.smsconsole.user;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PasswordChecksTest {

    private final String hash = PasswordHasher.hash("right password".toCharArray());

    @Test
    void checksTheHashAndLearnsHowLongAChecksTakes() throws Exception {
        PasswordChecks checks = new PasswordChecks(1, 10, TimeUnit.SECONDS);
        assertEquals(0, checks.typicalNanos());
        assertTrue(checks.verify("right password".toCharArray(), hash, false));
        assertFalse(checks.verify("wrong password".toCharArray(), hash, false));
        assertTrue(checks.typicalNanos() > TimeUnit.MILLISECONDS.toNanos(10), "PBKDF2 with 210,000 iterations is not instant");
    }

    @Test
    void noMoreChecksRunAtOnceThanThePermitsAndALateOneIsRefusedAsBusy() throws Exception {
        PasswordChecks checks = new PasswordChecks(1, 50, TimeUnit.MILLISECONDS);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch start = new CountDownLatch(1);
            AtomicInteger busy = new AtomicInteger();
            Future<?>[] runs = new Future<?>[4];
            for (int i = 0; i < runs.length; i++) {
                runs[i] = pool.submit(() -> {
                    start.await();
                    try {
                        checks.verify("right password".toCharArray(), hash, false);
                    } catch (PasswordChecks.Busy e) {
                        busy.incrementAndGet();
                    }
                    return null;
                });
            }
            start.countDown();
            for (Future<?> run : runs) {
                run.get(30, TimeUnit.SECONDS);
            }
            assertTrue(busy.get() >= 1, "with one permit and 50 ms of patience some of four parallel checks were not made");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFamiliarSourceHasAPermitOfItsOwn() throws Exception {
        PasswordChecks checks = new PasswordChecks(1, 50, TimeUnit.MILLISECONDS);
        // A stranger's check that holds the only general permit for seconds: a stored hash of 3,000,000 iterations.
        String slow = "pbkdf2-sha512$3000000$AAAAAAAAAAAAAAAAAAAAAA$AAAA";
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Boolean> stranger = pool.submit(() -> checks.verify("guess".toCharArray(), slow, false));
            await().atMost(Duration.ofSeconds(5)).until(() -> {
                try {
                    checks.verify("right password".toCharArray(), hash, false);
                    return false;
                } catch (PasswordChecks.Busy e) {
                    return true; // the stranger holds the general permit now
                }
            });
            assertTrue(checks.verify("right password".toCharArray(), hash, true), "the familiar source is checked meanwhile");
            assertFalse(stranger.isDone(), "the stranger's check was still running");
            assertFalse(stranger.get(30, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void imitatingAnUnknownNameTakesAboutAsLongAsARealCheck() throws Exception {
        PasswordChecks checks = new PasswordChecks(1, 10, TimeUnit.SECONDS);
        checks.verify("wrong password".toCharArray(), hash, false);
        long typical = checks.typicalNanos();
        long started = System.nanoTime();
        checks.imitate();
        long took = System.nanoTime() - started;
        assertTrue(took >= typical * 0.9, "an imitation took " + took + " ns, a check about " + typical);
    }
}
