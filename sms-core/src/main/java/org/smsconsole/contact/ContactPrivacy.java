package org.smsconsole.contact;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.smsconsole.audit.AuditEntry;
import org.smsconsole.audit.AuditLog;
import org.smsconsole.validation.NotFoundException;

import java.time.Instant;
import java.util.List;

/**
 * A person's rights over what the console holds about them: a copy of all of it (access), and
 * erasure for good. The suppression list is kept on erasure on purpose: it is how an opt-out is
 * honoured after the contact is gone.
 */
@ApplicationScoped
@Transactional
public class ContactPrivacy {

    @PersistenceContext(unitName = "sms")
    EntityManager em;

    @Inject
    Contacts contacts;

    @Inject
    AuditLog audit;

    /** Everything held about one contact, as one JSON document. */
    public JsonObject export(long id) {
        ContactView c = contacts.get(id);
        JsonObjectBuilder contact = Json.createObjectBuilder()
                .add("id", c.id()).add("phone", c.phone())
                .add("name", nullable(c.name())).add("language", nullable(c.language())).add("time_zone", nullable(c.timeZone()))
                .add("consent", c.consent() == null ? "" : c.consent().name().toLowerCase(java.util.Locale.ROOT))
                .add("consent_changed_at", text(c.consentChangedAt())).add("consent_source", nullable(c.consentSource()))
                .add("consent_reason", nullable(c.consentReason()))
                .add("created_at", text(c.createdAt())).add("updated_at", text(c.updatedAt()));
        JsonObjectBuilder attributes = Json.createObjectBuilder();
        if (c.attributes() != null) {
            c.attributes().forEach(attributes::add);
        }
        JsonArrayBuilder groups = Json.createArrayBuilder();
        groupsOf(id).forEach(groups::add);
        JsonArrayBuilder history = Json.createArrayBuilder();
        for (AuditEntry e : auditOf(id)) {
            history.add(Json.createObjectBuilder().add("at", text(e.getAt())).add("by", e.getActor())
                    .add("action", e.getAction()).add("details", nullable(e.getDetails())));
        }
        boolean suppressed = !em.createNativeQuery("select 1 from suppressed_number where phone = ?1", Integer.class)
                .setParameter(1, c.phone()).setMaxResults(1).getResultList().isEmpty();
        audit.record("CONTACT_DATA_EXPORTED", "contact " + id, null);
        return Json.createObjectBuilder()
                .add("contact", contact).add("attributes", attributes).add("groups", groups)
                .add("on_suppression_list", suppressed).add("history", history)
                .build();
    }

    /**
     * Erases a contact for good: the row, its attributes and group memberships, and its number in
     * the audit log (the lines stay, naming only the contact id). Its messages stay as anonymised
     * counts (state and times, no number, no text); those still queued are cancelled.
     */
    public void erase(long id) {
        ContactView c = contacts.get(id);
        Contact contact = em.find(Contact.class, id);
        if (contact == null) {
            throw new NotFoundException("Contact", id);
        }
        // Messages stay only as anonymised counts: what was still to be sent is cancelled, then number and text go.
        em.createNativeQuery("update message set state = 'CANCELLED', reason = 'Contact erased' where (contact_id = ?1 or phone = ?2)"
                + " and state = 'QUEUED'").setParameter(1, id).setParameter(2, c.phone()).executeUpdate();
        em.createNativeQuery("update message set phone = 'erased', body = null, media_url = null, contact_id = null,"
                + " reason = case when reason is null then null else '(erased)' end where contact_id = ?1 or phone = ?2")
                .setParameter(1, id).setParameter(2, c.phone()).executeUpdate();
        String digits = c.phone().substring(1);
        em.createNativeQuery("update delivery_event set recipient = null where recipient = ?1 or recipient = ?2")
                .setParameter(1, digits).setParameter(2, c.phone()).executeUpdate();
        em.createNativeQuery("update inbound_message set from_number = 'erased', body = null, udh = null where from_number = ?1 or from_number = ?2")
                .setParameter(1, digits).setParameter(2, c.phone()).executeUpdate();
        // Copies of the number and text elsewhere: the inbox's conversation and undelivered or logged webhook events.
        em.createNativeQuery("delete from conversation where phone = ?1").setParameter(1, c.phone()).executeUpdate();
        em.createNativeQuery("delete from webhook_event where payload like ?1").setParameter(1, "%\"" + c.phone() + "\"%").executeUpdate();
        em.remove(contact);
        em.flush();
        em.createQuery("update AuditEntry a set a.subject = :erased, a.details = null where a.subject like :subject")
                .setParameter("erased", "contact " + id + " (erased)")
                .setParameter("subject", "contact " + id + " %").executeUpdate();
        em.createNativeQuery("update import_rejection set reason = '(erased)' where reason like ?1")
                .setParameter(1, "%" + c.phone() + "%").executeUpdate();
        audit.record("CONTACT_ERASED", "contact " + id, null);
    }

    @SuppressWarnings("unchecked")
    private List<String> groupsOf(long id) {
        return em.createNativeQuery("select g.name from group_member m join contact_group g on g.id = m.group_id"
                + " where m.contact_id = ?1 order by g.name", String.class).setParameter(1, id).getResultList();
    }

    private List<AuditEntry> auditOf(long id) {
        return em.createQuery("select a from AuditEntry a where a.subject like :s order by a.at, a.id", AuditEntry.class)
                .setParameter("s", "contact " + id + " %").getResultList();
    }

    private static String nullable(String s) {
        return s == null ? "" : s;
    }

    private static String text(Instant instant) {
        return instant == null ? "" : instant.toString();
    }
}
