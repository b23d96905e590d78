package org.smsconsole.contact;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.smsconsole.audit.AuditLog;
import org.smsconsole.config.ConsoleSettings;
import org.smsconsole.phone.PhoneNumbers;
import org.smsconsole.validation.InvalidInputException;
import org.smsconsole.validation.NotFoundException;
import org.smsconsole.webhook.WebhookEventType;
import org.smsconsole.webhook.WebhookOutbox;
import org.hibernate.Session;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The use cases of the contact list: add, change, consent, remove (one or many), find, count. */
@ApplicationScoped
@Transactional
public class Contacts {

    /** Searches count exactly up to here and say "more than" past it. */
    public static final int COUNT_CAP = 10_000;
    static final int MAX_NAME = ContactDetails.MAX_NAME;
    static final int MAX_REASON = 500;

    @PersistenceContext(unitName = "sms")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    AuditLog audit;

    @Inject
    ConsoleSettings settings;

    public ContactView add(String name, String phone) {
        return add(new ContactDetails(phone, name));
    }

    public ContactView add(ContactDetails details) {
        ContactDetails clean = details.clean(settings.defaultCountry());
        requireUnused(clean.phone(), null);
        Contact contact = new Contact(clean, clock.instant());
        em.persist(contact);
        em.flush();
        audit.record("CONTACT_CREATED", subject(contact), null);
        return ContactView.of(contact);
    }

    /** Changes name and number only, keeping everything else (the simple form). */
    public ContactView change(long id, String name, String phone) {
        Contact contact = find(id);
        return change(id, new ContactDetails(phone, name, contact.getLanguage(), null, contact.getAttributes()));
    }

    /** Replaces the contact's details; a blank time zone is derived from the number again. */
    public ContactView change(long id, ContactDetails details) {
        Contact contact = find(id);
        ContactDetails clean = details.clean(settings.defaultCountry());
        requireUnused(clean.phone(), id);
        contact.change(clean, clock.instant());
        em.flush();
        audit.record("CONTACT_CHANGED", subject(contact), null);
        return ContactView.of(contact);
    }

    /** Sets consent by hand (an operator, the API); {@code how} says through what, {@code reason} why. */
    public ContactView consent(long id, Consent consent, String how, String reason) {
        Contact contact = find(id);
        String cleanReason = ContactDetails.blankToNull(reason);
        if (cleanReason != null && cleanReason.length() > MAX_REASON) {
            throw new InvalidInputException("consent_reason", "A reason has at most " + MAX_REASON + " characters");
        }
        if (contact.getConsent() != consent || !java.util.Objects.equals(contact.getConsentReason(), cleanReason)) {
            consentChanged(contact, consent, how, cleanReason);
        }
        return ContactView.of(contact);
    }

    /**
     * Consent the contact asked for themselves (a STOP or START message): changes only when the consent differs,
     * so a repeated STOP changes (and confirms) nothing. {@code reason} is cut to fit.
     *
     * @return true when the consent changed
     */
    public boolean consentByMessage(long id, Consent consent, String how, String reason) {
        Contact contact = find(id);
        if (contact.getConsent() == consent) {
            return false;
        }
        String cleanReason = ContactDetails.blankToNull(reason);
        if (cleanReason != null && cleanReason.length() > MAX_REASON) {
            cleanReason = cleanReason.substring(0, MAX_REASON - 1) + "\u2026";
        }
        consentChanged(contact, consent, how, cleanReason);
        return true;
    }

    /** The one path every consent change takes: stored, stamped with the time, audited. */
    private void consentChanged(Contact contact, Consent consent, String how, String reason) {
        boolean changed = contact.getConsent() != consent;
        contact.consent(consent, how, reason, clock.instant());
        em.flush();
        audit.record("CONTACT_CONSENT_CHANGED", subject(contact), consent.apiName() + " via " + how
                + (reason == null ? "" : ": " + reason));
        if (changed) {
            publishConsent(contact);
        }
    }

    /**
     * The contact who sent a message from {@code e164} (a "+digits" number as Sinch gave it); an unknown number
     * becomes a contact with no name, subscribed, its time zone derived from the number. Sinch only promises a
     * possible number, so one libphonenumber does not call valid is kept as given, without a time zone.
     *
     * @return empty when the sender is not a number (an alphanumeric id)
     */
    public Optional<ContactView> senderOf(String e164) {
        if (e164 == null || !e164.matches("\\+[1-9][0-9]{1,14}")) {
            return Optional.empty();
        }
        ContactDetails details;
        try {
            details = new ContactDetails(e164, null).clean(settings.defaultCountry());
        } catch (InvalidInputException e) {
            details = new ContactDetails(e164, null, null, null, Map.of());
        }
        String phone = details.phone();
        Optional<Contact> known = em.createQuery("select c from Contact c where c.phone = :phone", Contact.class)
                .setParameter("phone", phone).getResultStream().findFirst();
        if (known.isPresent()) {
            return known.map(ContactView::of);
        }
        Contact contact = new Contact(details, clock.instant());
        em.persist(contact);
        em.flush();
        audit.record("CONTACT_CREATED", subject(contact), "from an inbound message");
        return Optional.of(ContactView.of(contact));
    }

    /** {@code contact.opted_out} or {@code contact.opted_in}, in this transaction (outgoing webhooks). */
    private void publishConsent(Contact contact) {
        WebhookEventType type = contact.getConsent() == Consent.OPTED_OUT ? WebhookEventType.CONTACT_OPTED_OUT : WebhookEventType.CONTACT_OPTED_IN;
        Instant at = contact.getConsentChangedAt();
        em.unwrap(Session.class).doWork(c -> WebhookOutbox.publish(c, clock.instant(), type, () -> List.of(new WebhookOutbox.Event(type, at,
                WebhookOutbox.data().put("contact_id", contact.getId()).put("phone", contact.getPhone()).put("name", contact.getName())
                        .put("consent", contact.getConsent().apiName()).put("source", contact.getConsentSource())
                        .put("reason", contact.getConsentReason()).put("changed_at", at).build()))));
    }

    public void remove(long id) {
        Contact contact = find(id);
        em.createNativeQuery("update message set contact_id = null where contact_id = ?1").setParameter(1, id).executeUpdate();
        em.remove(contact);
        audit.record("CONTACT_DELETED", subject(contact), null);
    }

    /** Deletes the given contacts (a selection); unknown ids are ignored. Returns how many went. */
    public int removeAll(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        int removed = 0;
        for (List<Long> slice : slices(List.copyOf(ids), 1000)) {
            em.createNativeQuery("update message set contact_id = null where contact_id in (:ids)").setParameter("ids", slice).executeUpdate();
            removed += em.createNativeQuery("delete from contact where id in (:ids)").setParameter("ids", slice).executeUpdate();
        }
        audit.record("CONTACTS_DELETED", removed + " selected contacts", null);
        return removed;
    }

    /** Deletes every contact the search finds (their attributes and memberships go with them). */
    public int removeMatching(ContactQuery query) {
        ContactSearch search = new ContactSearch(query);
        // message.contact_id has no foreign key (V17): the messages keep their number and lose the contact.
        search.bind(em.createNativeQuery("update message set contact_id = null where contact_id in (select c.id from contact c"
                + search.where() + ")")).executeUpdate();
        int removed = search.bind(em.createNativeQuery("delete from contact c" + search.where())).executeUpdate();
        audit.record("CONTACTS_DELETED", removed + " contacts", "matching " + query.describe());
        return removed;
    }

    private static String subject(Contact contact) {
        return "contact " + contact.getId() + " " + contact.getPhone();
    }

    public ContactView get(long id) {
        return ContactView.of(find(id));
    }

    public Optional<ContactView> findByPhone(String phone) {
        String e164 = new ContactDetails(phone, null).clean(settings.defaultCountry()).phone();
        return em.createQuery("select c from Contact c where c.phone = :phone", Contact.class)
                .setParameter("phone", e164).getResultStream().findFirst().map(ContactView::of);
    }

    /** One page of contacts whose name or number contains {@code search} (blank: all). */
    public List<ContactView> page(String search, ContactSort sort, boolean ascending, int first, int size) {
        return page(ContactQuery.text(search), null, sort, ascending, first, size);
    }

    /** One page of a search, for callers that have not counted it. */
    public List<ContactView> page(ContactQuery query, ContactSort sort, boolean ascending, int first, int size) {
        return page(query, null, sort, ascending, first, size);
    }

    /**
     * One page of a search. The whole list, or a search with many hits, walks an index in the order shown (so the
     * first page is quick at any size). A search with at most {@link #COUNT_CAP} hits is answered the other way: its
     * hits found by the search's own indexes, then sorted. The planner cannot tell the two apart: it assumes hits
     * spread evenly through the order, and for "grace wood" (2,500 hits, all together in name order) walked half a
     * million names to find the first 25. Without {@code hits} (null) the few-hits way is tried first, capped.
     */
    public List<ContactView> page(ContactQuery query, ContactCount hits, ContactSort sort, boolean ascending, int first, int size) {
        ContactSearch search = new ContactSearch(query);
        String direction = ascending ? " asc" : " desc";
        boolean few = hits == null || hits.kind() == ContactCount.Kind.EXACT;
        if (!query.isAll() && few) {
            // A LIMIT in a subquery is a fence: the planner finds the hits first, whatever it thinks of the order.
            @SuppressWarnings("unchecked")
            List<Object[]> found = search.bind(em.createNativeQuery("select id, count(*) over () from (select c.id, "
                            + sort.column + " as sort_key from contact c" + search.where() + " fetch first " + (COUNT_CAP + 1)
                            + " rows only) hits order by sort_key" + direction + ", id" + direction))
                    .setFirstResult(first).setMaxResults(size).getResultList();
            boolean capped = found.isEmpty() ? first >= COUNT_CAP : ((Number) found.get(0)[1]).longValue() > COUNT_CAP;
            if (!capped) {
                return load(found.stream().map(r -> ((Number) r[0]).longValue()).toList());
            }
        }
        @SuppressWarnings("unchecked")
        List<Number> ids = search.bind(em.createNativeQuery("select c.id from contact c" + search.where()
                        + " order by " + sort.column + direction + ", c.id" + direction))
                .setFirstResult(first).setMaxResults(size).getResultList();
        return load(ids.stream().map(Number::longValue).toList());
    }

    /** The contacts with these ids, in the order given. */
    public List<ContactView> load(List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Long, Contact> byId = em.createQuery("select distinct c from Contact c left join fetch c.attributes where c.id in :ids", Contact.class)
                .setParameter("ids", ids).getResultStream().collect(Collectors.toMap(Contact::getId, Function.identity()));
        return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).map(ContactView::of).toList();
    }

    /** Exact count of a text search (small lists, tests). */
    public long count(String search) {
        ContactSearch s = new ContactSearch(ContactQuery.text(search));
        return ((Number) s.bind(em.createNativeQuery("select count(*) from contact c" + s.where())).getSingleResult()).longValue();
    }

    /**
     * How many contacts a search finds, cheaply: the whole table on PostgreSQL is its planner
     * estimate once it is large; a search counts at most {@link #COUNT_CAP} + 1 rows.
     */
    public ContactCount countMatching(ContactQuery query) {
        if (query.isAll() && DatabaseKind.isPostgres(em)) {
            long estimate = ((Number) em.createNativeQuery("select cast(reltuples as bigint) from pg_class where oid = to_regclass('contact')")
                    .getSingleResult()).longValue();
            if (estimate > COUNT_CAP) {
                return new ContactCount(estimate, ContactCount.Kind.ESTIMATE);
            }
        }
        ContactSearch s = new ContactSearch(query);
        long n = ((Number) s.bind(em.createNativeQuery("select count(*) from (select 1 from contact c" + s.where()
                + " fetch first " + (COUNT_CAP + 1) + " rows only) capped")).getSingleResult()).longValue();
        return n > COUNT_CAP ? new ContactCount(COUNT_CAP, ContactCount.Kind.AT_LEAST) : new ContactCount(n, ContactCount.Kind.EXACT);
    }

    /** Ids of contacts with these numbers (any form); refuses naming {@code field} if one is unknown or invalid. */
    public List<Long> idsOfPhones(Collection<String> phones, String field) {
        List<String> e164s = phones.stream().map(p -> {
            try {
                return new ContactDetails(p, null).clean(settings.defaultCountry()).phone();
            } catch (InvalidInputException e) {
                throw new InvalidInputException(field, e.getMessage());
            }
        }).distinct().toList();
        if (e164s.isEmpty()) {
            return List.of();
        }
        Map<String, Long> found = em.createQuery("select c.phone, c.id from Contact c where c.phone in :phones", Object[].class)
                .setParameter("phones", e164s).getResultStream()
                .collect(Collectors.toMap(r -> (String) r[0], r -> (Long) r[1]));
        List<String> unknown = e164s.stream().filter(p -> !found.containsKey(p)).toList();
        if (!unknown.isEmpty()) {
            throw new InvalidInputException(field, "No contact has the number " + String.join(", ",
                    unknown.stream().map(PhoneNumbers::display).toList()));
        }
        return e164s.stream().map(found::get).toList();
    }

    /** Refuses naming {@code field} unless every id is a contact. */
    public void requireExisting(Collection<Long> ids, String field) {
        List<Long> distinct = ids.stream().distinct().toList();
        for (List<Long> slice : slices(distinct, 1000)) {
            List<Long> found = em.createQuery("select c.id from Contact c where c.id in :ids", Long.class)
                    .setParameter("ids", slice).getResultList();
            List<Long> unknown = slice.stream().filter(id -> !found.contains(id)).sorted(Comparator.naturalOrder()).toList();
            if (!unknown.isEmpty()) {
                throw new InvalidInputException(field, "No contact has the id " + unknown.stream().map(String::valueOf)
                        .collect(Collectors.joining(", ")));
            }
        }
    }

    static <T> List<List<T>> slices(List<T> all, int size) {
        List<List<T>> slices = new java.util.ArrayList<>();
        for (int i = 0; i < all.size(); i += size) {
            slices.add(all.subList(i, Math.min(all.size(), i + size)));
        }
        return slices;
    }

    private Contact find(long id) {
        Contact contact = em.find(Contact.class, id);
        if (contact == null) {
            throw new NotFoundException("Contact", id);
        }
        return contact;
    }

    private void requireUnused(String e164, Long exceptId) {
        List<Long> owners = em.createQuery("select c.id from Contact c where c.phone = :phone", Long.class)
                .setParameter("phone", e164).getResultList();
        if (owners.stream().anyMatch(owner -> !owner.equals(exceptId))) {
            throw new InvalidInputException("phone", "Another contact already has the number " + PhoneNumbers.display(e164));
        }
    }
}
