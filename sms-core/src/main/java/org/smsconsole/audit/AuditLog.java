package org.smsconsole.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.security.enterprise.SecurityContext;
import jakarta.transaction.Transactional;

import java.security.Principal;
import java.time.Clock;
import java.util.List;

/**
 * Writes the audit log in the same transaction as the change it records, so a change that
 * rolls back leaves no line and a line never describes something that did not happen.
 */
@ApplicationScoped
@Transactional
public class AuditLog {

    static final int MAX_DETAILS = 2000;

    @PersistenceContext(unitName = "sms")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    SecurityContext securityContext;

    /** Records an action of the signed-in caller ({@code system} when there is none, e.g. the scheduler). */
    public void record(String action, String subject, String details) {
        recordAs(caller(), action, subject, details);
    }

    /** Records an action of a named actor, for events before anyone is signed in (logins). */
    public void recordAs(String actor, String action, String subject, String details) {
        em.persist(new AuditEntry(clock.instant(), truncate(actor, 64), truncate(action, 64),
                truncate(subject, 200), truncate(details, MAX_DETAILS)));
    }

    /** Newest first, one page; {@code text} (optional) matches actor, action, subject or details. */
    public List<AuditEntry> search(String text, int first, int size) {
        var query = em.createQuery("select a from AuditEntry a" + where(text) + " order by a.at desc, a.id desc", AuditEntry.class);
        bind(query, text);
        return query.setFirstResult(first).setMaxResults(size).getResultList();
    }

    public long count(String text) {
        var query = em.createQuery("select count(a) from AuditEntry a" + where(text), Long.class);
        bind(query, text);
        return query.getSingleResult();
    }

    private static String where(String text) {
        return text == null || text.isBlank() ? ""
                : " where lower(a.actor) like :t or lower(a.action) like :t or lower(a.subject) like :t or lower(a.details) like :t";
    }

    private static void bind(jakarta.persistence.TypedQuery<?> query, String text) {
        if (text != null && !text.isBlank()) {
            query.setParameter("t", "%" + text.strip().toLowerCase(java.util.Locale.ROOT)
                    .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
    }

    private String caller() {
        try {
            Principal principal = securityContext.getCallerPrincipal();
            return principal == null ? "system" : principal.getName();
        } catch (RuntimeException e) {
            return "system"; // no security context on timer and executor threads
        }
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max - 1) + "…";
    }
}
