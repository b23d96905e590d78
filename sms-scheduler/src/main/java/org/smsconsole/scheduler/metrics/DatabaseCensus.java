package org.smsconsole.scheduler.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads every database-wide gauge in one round trip: one grouped count per table, glued with {@code union all}.
 * {@code message} is counted whole (all eight states); the other tables only in the states worth a gauge, which
 * their state indexes answer.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class DatabaseCensus {

    static final String CENSUS = "select 'message', state, count(*) from message group by state"
            + " union all select 'webhook_delivery', state, count(*) from webhook_delivery"
            + " where state in ('PENDING', 'SENDING', 'FAILED') group by state"
            + " union all select 'import_job', state, count(*) from import_job where state in ('QUEUED', 'RUNNING') group by state"
            + " union all select 'sending_state', case when halted then 'HALTED' else 'SENDING' end, count(*) from sending_state"
            + " where id = 1 group by halted";

    @PersistenceContext(unitName = "sms")
    EntityManager em;

    DatabaseReading read() {
        Map<String, Long> messages = new HashMap<>();
        Map<String, Long> webhooks = new HashMap<>();
        Map<String, Long> imports = new HashMap<>();
        Boolean halted = null;
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(CENSUS).getResultList();
        for (Object[] row : rows) {
            String state = String.valueOf(row[1]).trim();
            long count = ((Number) row[2]).longValue();
            switch (String.valueOf(row[0]).trim()) {
                case "message" -> messages.put(state, count);
                case "webhook_delivery" -> webhooks.put(state, count);
                case "import_job" -> imports.put(state, count);
                default -> halted = "HALTED".equals(state);
            }
        }
        return new DatabaseReading(messages, webhooks, imports, halted);
    }
}
