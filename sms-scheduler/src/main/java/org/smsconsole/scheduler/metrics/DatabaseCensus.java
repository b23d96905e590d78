package org.smsconsole.scheduler.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads every database-wide gauge in one round trip: one grouped count per table, glued with {@code union all}.
 * {@code message} is counted whole (all eight states, and in the same pass the queued rows that are due now outside
 * paused campaigns); the other tables only in the states worth a gauge. Due means by the console's clock, the one
 * the release engine goes by.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class DatabaseCensus {

    /** Each part answers (table, state, rows, rows due now); only {@code message} has rows that fall due. */
    static final String CENSUS = "select 'message', m.state, count(*),"
            + " count(case when m.state = 'QUEUED' and m.due_at <= ?1 and paused.id is null then 1 end)"
            + " from message m left join campaign paused on paused.id = m.campaign_id and paused.state = 'PAUSED' group by m.state"
            + " union all select 'webhook_delivery', state, count(*), 0 from webhook_delivery"
            + " where state in ('PENDING', 'SENDING', 'FAILED') group by state"
            + " union all select 'import_job', state, count(*), 0 from import_job where state in ('QUEUED', 'RUNNING') group by state"
            + " union all select 'sending_state', case when halted then 'HALTED' else 'SENDING' end, count(*), 0 from sending_state"
            + " where id = 1 group by halted";

    @PersistenceContext(unitName = "sms")
    EntityManager em;

    @Inject
    Clock clock;

    DatabaseReading read() {
        Map<String, Long> messages = new HashMap<>();
        Map<String, Long> webhooks = new HashMap<>();
        Map<String, Long> imports = new HashMap<>();
        Boolean halted = null;
        long due = 0;
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(CENSUS).setParameter(1, clock.instant()).getResultList();
        for (Object[] row : rows) {
            String state = String.valueOf(row[1]).trim();
            long count = ((Number) row[2]).longValue();
            switch (String.valueOf(row[0]).trim()) {
                case "message" -> {
                    messages.put(state, count);
                    due += ((Number) row[3]).longValue();
                }
                case "webhook_delivery" -> webhooks.put(state, count);
                case "import_job" -> imports.put(state, count);
                default -> halted = "HALTED".equals(state);
            }
        }
        return new DatabaseReading(messages, due, webhooks, imports, halted);
    }
}
