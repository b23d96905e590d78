package org.smsconsole.contact;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import org.smsconsole.audit.AuditLog;
import org.smsconsole.config.ConsoleSettings;
import org.smsconsole.phone.InvalidPhoneNumberException;
import org.smsconsole.phone.PhoneNumbers;
import org.smsconsole.validation.InvalidInputException;
import org.smsconsole.validation.NotFoundException;

import java.time.Clock;
import java.util.List;
import java.util.Locale;

/** The use cases of the contact list: add, change, remove, find. */
@ApplicationScoped
@Transactional
public class Contacts {

    static final int MAX_NAME = 200;

    @PersistenceContext(unitName = "sms")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    AuditLog audit;

    @Inject
    ConsoleSettings settings;

    public ContactView add(String name, String phone) {
        String e164 = normalise(phone);
        String cleanName = cleanName(name);
        requireUnused(e164, null);
        Contact contact = new Contact(e164, cleanName, clock.instant());
        em.persist(contact);
        em.flush();
        audit.record("CONTACT_CREATED", subject(contact), null);
        return ContactView.of(contact);
    }

    public ContactView change(long id, String name, String phone) {
        Contact contact = find(id);
        String e164 = normalise(phone);
        String cleanName = cleanName(name);
        requireUnused(e164, id);
        contact.change(e164, cleanName, clock.instant());
        em.flush();
        audit.record("CONTACT_CHANGED", subject(contact), null);
        return ContactView.of(contact);
    }

    public void remove(long id) {
        Contact contact = find(id);
        em.remove(contact);
        audit.record("CONTACT_DELETED", subject(contact), null);
    }

    private static String subject(Contact contact) {
        return "contact " + contact.getId() + " " + contact.getPhone();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public ContactView get(long id) {
        return ContactView.of(find(id));
    }

    /** One page of contacts whose name or number contains {@code search} (blank: all). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ContactView> page(String search, ContactSort sort, boolean ascending, int first, int size) {
        String order = " order by " + sort.path + (ascending ? " asc" : " desc") + ", c.id asc";
        TypedQuery<Contact> query = em.createQuery("select c from Contact c" + where(search) + order, Contact.class);
        bind(query, search);
        return query.setFirstResult(first).setMaxResults(size).getResultList().stream().map(ContactView::of).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public long count(String search) {
        TypedQuery<Long> query = em.createQuery("select count(c) from Contact c" + where(search), Long.class);
        bind(query, search);
        return query.getSingleResult();
    }

    private static String where(String search) {
        return isBlank(search) ? "" : " where lower(c.name) like :text or c.phone like :digits";
    }

    private static void bind(TypedQuery<?> query, String search) {
        if (isBlank(search)) {
            return;
        }
        String text = search.strip().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        query.setParameter("text", "%" + text + "%");
        String digits = search.replaceAll("[^0-9]", "");
        // A search without digits must not match every number through "%%".
        query.setParameter("digits", digits.isEmpty() ? "-" : "%" + digits + "%");
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private Contact find(long id) {
        Contact contact = em.find(Contact.class, id);
        if (contact == null) {
            throw new NotFoundException("Contact", id);
        }
        return contact;
    }

    private String normalise(String phone) {
        try {
            return PhoneNumbers.toE164(phone, settings.defaultCountry());
        } catch (InvalidPhoneNumberException e) {
            throw new InvalidInputException("phone", e.getMessage());
        }
    }

    private static String cleanName(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String clean = name.strip();
        if (clean.length() > MAX_NAME) {
            throw new InvalidInputException("name", "A name has at most " + MAX_NAME + " characters");
        }
        return clean;
    }

    private void requireUnused(String e164, Long exceptId) {
        List<Long> owners = em.createQuery("select c.id from Contact c where c.phone = :phone", Long.class)
                .setParameter("phone", e164).getResultList();
        if (owners.stream().anyMatch(owner -> !owner.equals(exceptId))) {
            throw new InvalidInputException("phone", "Another contact already has the number " + PhoneNumbers.display(e164));
        }
    }
}
