package org.smsconsole.web.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Forgets idempotency keys past their 24 hours, at most once a minute per instance and in a short transaction of its
 * own: deleting them inside a request's transaction would hold their locks for as long as that request runs.
 */
@ApplicationScoped
public class ExpiredIdempotencyKeys {

    private static final Duration EVERY = Duration.ofMinutes(1);

    @PersistenceContext(unitName = "sms")
    EntityManager em;

    @Inject
    Clock clock;

    private final AtomicLong last = new AtomicLong();

    /** True when it is this caller's turn to clean up (then call {@link #forget()}). */
    public boolean due() {
        long now = System.nanoTime();
        long before = last.get();
        return (before == 0 || now - before > EVERY.toNanos()) && last.compareAndSet(before, now);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void forget() {
        em.createNativeQuery("delete from idempotency_key where expires_at <= ?1").setParameter(1, clock.instant()).executeUpdate();
    }
}
