package org.smsconsole.user;

import java.security.SecureRandom;
import java.util.Random;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Where sign-ins spend their CPU: PBKDF2 (about 180 ms of one core here) runs under a bounded number of permits, so
 * that a flood of password checks takes at most half the cores and pages, the API and the release loop keep the rest.
 * One further permit is kept for sources someone signed in from lately (see {@link LoginThrottle#familiar}), so
 * their sign-in waits for at most one check instead of queueing behind a flood from strangers. A check that cannot
 * get a permit within {@code patience} is not made (the caller says "busy").
 * <p>
 * An unknown user name has no hash to check: {@link #imitate} sleeps as long as recent real checks took, permit wait
 * included, instead of burning a core on a hash nobody needs. Sleeping costs a thread, not a core. The durations
 * differ only as much as one real check differs from the average of the last ones; a source can take only a few
 * samples before {@link LoginThrottle} stops it, which is what keeps that difference from telling names apart.
 */
public class PasswordChecks {

    private final Semaphore general;
    private final Semaphore familiar = new Semaphore(1, true);
    private final long patienceNanos;
    private final Random jitter = new SecureRandom();
    /** Exponentially weighted mean of recent real checks (permit wait + hash), in nanoseconds; 0 until the first. */
    private volatile long typicalNanos;

    public PasswordChecks(int permits, long patience, TimeUnit unit) {
        this.general = new Semaphore(Math.max(1, permits), true);
        this.patienceNanos = unit.toNanos(patience);
    }

    /** Permits for a machine: half its cores, at least one. */
    public static int defaultPermits() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }

    /** Thrown when no permit came within the patience: the check was not made and counts for nothing. */
    public static final class Busy extends Exception {
        Busy() {
            super("password checks are all busy", null, false, false);
        }
    }

    /** Checks {@code password} against {@code storedHash} under a permit. */
    public boolean verify(char[] password, String storedHash, boolean fromFamiliarSource) throws Busy {
        long started = System.nanoTime();
        Semaphore held = acquire(fromFamiliarSource);
        try {
            return PasswordHasher.verify(password, storedHash);
        } finally {
            held.release();
            learn(System.nanoTime() - started);
        }
    }

    /** Takes as long as a real check would, without hashing. */
    public void imitate() {
        long typical = typicalNanos;
        if (typical == 0) {
            long started = System.nanoTime(); // nothing to imitate yet: one real hash teaches the duration
            PasswordHasher.verifyNothing(new char[0]);
            learn(System.nanoTime() - started);
            return;
        }
        long nanos = (long) (typical * (0.95 + 0.1 * jitter.nextDouble()));
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    long typicalNanos() {
        return typicalNanos;
    }

    private Semaphore acquire(boolean fromFamiliarSource) throws Busy {
        try {
            if (fromFamiliarSource && familiar.tryAcquire()) {
                return familiar;
            }
            if (fromFamiliarSource) {
                // Whichever frees first: the general permits are polled while the familiar one is busy.
                long deadline = System.nanoTime() + patienceNanos;
                while (System.nanoTime() < deadline) {
                    if (familiar.tryAcquire(10, TimeUnit.MILLISECONDS)) {
                        return familiar;
                    }
                    if (general.tryAcquire()) {
                        return general;
                    }
                }
                throw new Busy();
            }
            if (general.tryAcquire(patienceNanos, TimeUnit.NANOSECONDS)) {
                return general;
            }
            throw new Busy();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Busy();
        }
    }

    private void learn(long nanos) {
        long typical = typicalNanos;
        typicalNanos = typical == 0 ? nanos : typical + (nanos - typical) / 8;
    }
}
