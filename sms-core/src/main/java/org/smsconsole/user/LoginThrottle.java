package org.smsconsole.user;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Failed sign-ins, counted in memory per (typed user name, source address) and per source address, never per account:
 * <ul>
 *   <li>a name is slowed down and then locked <em>from one source</em> ({@link LoginPolicy}), so guessing someone's
 *   password from one place cannot lock them out everywhere (the last administrator signs in from elsewhere);</li>
 *   <li>the name need not exist: an unknown name is counted, slowed and locked exactly like a known one, so no message
 *   and no refusal tells which names exist;</li>
 *   <li>a source has a budget of failures for all names together (a leaky bucket: {@code sourceBudget} failures, one
 *   forgiven every {@code leak}); past it, every attempt from there is refused at once, before the database or the
 *   password hash is touched, which is what makes a flood from one place cheap.</li>
 * </ul>
 * An attempt admitted but not yet judged counts against the lock: no more than {@code lockAfter} guesses of one name from
 * one source are ever in flight or judged before the lock, however many are sent at once. The source's budget is charged
 * on admission and refunded when the password proves right. Each instance keeps its own counts
 * (several instances each allow as much); a restart forgets them. Both maps are bounded: idle entries go first, and
 * when an attacker fills them with fresh entries faster than they age, the map starts over rather than grow.
 */
public class LoginThrottle {

    static final int MAX_ENTRIES = 100_000;
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final LoginPolicy policy;
    private final int sourceBudget;
    private final Duration leak;
    private final Map<Pair, Attempts> pairs = new HashMap<>();
    private final Map<String, Bucket> sources = new HashMap<>();
    private final Map<String, Instant> signedInFrom = new HashMap<>();

    public LoginThrottle(LoginPolicy policy, int sourceBudget, Duration leak) {
        this.policy = policy;
        this.sourceBudget = sourceBudget;
        this.leak = leak;
    }

    /** Empty when an attempt may go on, without charging it (for credentials already known to be right). */
    public synchronized Optional<String> check(String username, String source, Instant now) {
        return refusal(new Pair(normal(username), source), source, now);
    }

    /** Empty when the attempt may go on (and is charged); otherwise the sentence refusing it, the same for every name. */
    public synchronized Optional<String> admit(String username, String source, Instant now) {
        Pair pair = new Pair(normal(username), source);
        Optional<String> refusal = refusal(pair, source, now);
        if (refusal.isPresent()) {
            return refusal;
        }
        bound(pairs, now);
        bound(sources, now);
        pairs.computeIfAbsent(pair, p -> new Attempts()).pending++;
        Bucket b = sources.computeIfAbsent(source, s -> new Bucket(now));
        b.drain(now, leak);
        b.level++;
        return Optional.empty();
    }

    private Optional<String> refusal(Pair pair, String source, Instant now) {
        Bucket bucket = sources.get(source);
        if (bucket != null) {
            bucket.drain(now, leak);
            if (bucket.level >= sourceBudget) {
                Duration wait = leak.multipliedBy(bucket.level - sourceBudget + 1).minus(Duration.between(bucket.since, now));
                return Optional.of("Too many failed logins from your address: wait " + seconds(wait) + " s before trying again.");
            }
        }
        Attempts attempts = pairs.get(pair);
        if (attempts != null) {
            if (attempts.lockedUntil != null && now.isBefore(attempts.lockedUntil)) {
                return Optional.of("Signing in with this user name from your address is locked until "
                        + HOUR.format(attempts.lockedUntil) + " after repeated failed logins.");
            }
            if (attempts.lockedUntil != null) {
                attempts.lockedUntil = null;
                attempts.failures = 0;
            }
            Optional<Duration> wait = policy.waitBeforeNextAttempt(attempts.failures, attempts.lastFailedAt, now);
            if (wait.isEmpty() && attempts.failures + attempts.pending >= policy.lockAfter()) {
                wait = Optional.of(Duration.ofSeconds(1)); // as many guesses in flight as the lock allows: the next waits
            }
            if (wait.isPresent()) {
                return Optional.of("Too many failed logins: wait " + seconds(wait.get()) + " s before trying again.");
            }
        }
        return Optional.empty();
    }

    /** The admitted attempt failed: true when that name is now locked from that source. */
    public synchronized boolean failed(String username, String source, Instant now) {
        Attempts attempts = pairs.computeIfAbsent(new Pair(normal(username), source), p -> new Attempts());
        attempts.pending = Math.max(0, attempts.pending - 1);
        attempts.failures++;
        attempts.lastFailedAt = now;
        if (policy.locks(attempts.failures)) {
            attempts.lockedUntil = now.plus(policy.lockDuration());
            return true;
        }
        return false;
    }

    /** The admitted attempt was never judged (the console was too busy): nothing is held against it. */
    public synchronized void withdrawn(String username, String source) {
        Attempts attempts = pairs.get(new Pair(normal(username), source));
        if (attempts != null) {
            attempts.pending = Math.max(0, attempts.pending - 1);
        }
        refund(source);
    }

    /** The password was right: that name's count from that source starts over and the source gets its charge back. */
    public synchronized void succeeded(String username, String source, Instant now) {
        pairs.remove(new Pair(normal(username), source));
        refund(source);
        if (signedInFrom.size() >= MAX_ENTRIES) {
            signedInFrom.clear();
        }
        signedInFrom.put(source, now);
    }

    /** Whether someone signed in with a right password from this source in the last day (their checks go first). */
    public synchronized boolean familiar(String source, Instant now) {
        Instant at = signedInFrom.get(source);
        return at != null && now.isBefore(at.plus(Duration.ofDays(1)));
    }

    /** An administrator set a new password: this name is no longer slowed or locked from anywhere (on this instance). */
    public synchronized void forget(String username) {
        String name = normal(username);
        pairs.keySet().removeIf(p -> p.name().equals(name));
    }

    private void refund(String source) {
        Bucket bucket = sources.get(source);
        if (bucket != null && bucket.level > 0) {
            bucket.level--;
        }
    }

    private <K, V extends Aging> void bound(Map<K, V> map, Instant now) {
        if (map.size() < MAX_ENTRIES) {
            return;
        }
        map.values().removeIf(v -> v.idleSince(now, policy.lockDuration(), leak.multipliedBy(sourceBudget)));
        if (map.size() >= MAX_ENTRIES) {
            map.clear();
        }
    }

    static String normal(String username) {
        return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    }

    private static long seconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }

    private record Pair(String name, String source) {
    }

    private interface Aging {
        boolean idleSince(Instant now, Duration lock, Duration drain);
    }

    private static final class Attempts implements Aging {
        int failures;
        int pending;
        Instant lastFailedAt;
        Instant lockedUntil;

        @Override
        public boolean idleSince(Instant now, Duration lock, Duration drain) {
            if (pending > 0 || lastFailedAt == null) {
                return false;
            }
            Instant last = lockedUntil != null ? lockedUntil : lastFailedAt.plus(lock);
            return now.isAfter(last);
        }
    }

    private static final class Bucket implements Aging {
        int level;
        Instant since;

        Bucket(Instant now) {
            since = now;
        }

        /** Forgives one failure per {@code leak} elapsed. */
        void drain(Instant now, Duration leak) {
            long leaked = Duration.between(since, now).toMillis() / Math.max(1, leak.toMillis());
            if (leaked > 0) {
                level = (int) Math.max(0, level - leaked);
                since = level == 0 ? now : since.plus(leak.multipliedBy(leaked));
            }
        }

        @Override
        public boolean idleSince(Instant now, Duration lock, Duration drain) {
            return now.isAfter(since.plus(drain));
        }
    }
}
