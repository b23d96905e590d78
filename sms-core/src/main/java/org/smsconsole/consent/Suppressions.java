package org.smsconsole.consent;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.security.enterprise.SecurityContext;
import jakarta.transaction.Transactional;
import org.smsconsole.audit.AuditLog;
import org.smsconsole.config.ConsoleSettings;
import org.smsconsole.phone.InvalidPhoneNumberException;
import org.smsconsole.phone.PhoneNumbers;
import org.smsconsole.validation.InvalidInputException;
import org.smsconsole.validation.NotFoundException;

import java.security.Principal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The suppression list: numbers the console must never message (a legal opt-out received
 * elsewhere, a complaint, a do-not-contact register). Checked at release time with consent.
 */
@ApplicationScoped
@Transactional
public class Suppressions {

    /** A pasted or uploaded list is read whole into memory: keep it to a sane size. */
    public static final int MAX_IMPORT_LINES = 100_000;

    @PersistenceContext(unitName = "sms")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    AuditLog audit;

    @Inject
    ConsoleSettings settings;

    @Inject
    SecurityContext securityContext;

    public SuppressedNumber add(String phone, String reason) {
        String e164 = normalise(phone);
        SuppressedNumber existing = em.find(SuppressedNumber.class, e164);
        if (existing != null) {
            return existing;
        }
        SuppressedNumber number = new SuppressedNumber(e164, clean(reason), caller(), clock.instant());
        em.persist(number);
        audit.record("SUPPRESSION_ADDED", "number " + e164, number.getReason());
        return number;
    }

    public void remove(String e164) {
        SuppressedNumber number = em.find(SuppressedNumber.class, e164);
        if (number == null) {
            throw new NotFoundException("Suppressed number", e164);
        }
        em.remove(number);
        audit.record("SUPPRESSION_REMOVED", "number " + e164, null);
    }

    /**
     * Adds every number in {@code text}, one per line (the first column of a CSV line; a header
     * line without digits is skipped). Lines that are not valid numbers are reported, not added.
     */
    public SuppressionImport importList(String text, String reason) {
        String[] lines = text == null ? new String[0] : text.split("\\R");
        if (lines.length > MAX_IMPORT_LINES) {
            throw new InvalidInputException("list", "At most " + MAX_IMPORT_LINES + " lines at a time");
        }
        List<SuppressionImport.Rejected> rejected = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int added = 0;
        int already = 0;
        String cleanReason = clean(reason);
        for (int i = 0; i < lines.length; i++) {
            String value = lines[i].split("[,;\\t]", 2)[0].replace("\"", "").strip();
            if (value.isEmpty() || (i == 0 && !value.matches(".*\\d.*"))) {
                continue; // blank line or a header
            }
            String e164;
            try {
                e164 = PhoneNumbers.toE164(value, settings.defaultCountry());
            } catch (InvalidPhoneNumberException e) {
                rejected.add(new SuppressionImport.Rejected(i + 1, value, e.getMessage()));
                continue;
            }
            if (!seen.add(e164) || em.find(SuppressedNumber.class, e164) != null) {
                already++;
                continue;
            }
            em.persist(new SuppressedNumber(e164, cleanReason, caller(), clock.instant()));
            added++;
        }
        audit.record("SUPPRESSION_IMPORTED", "suppression list", added + " added, " + already + " already listed, "
                + rejected.size() + " refused");
        return new SuppressionImport(added, already, rejected);
    }

    public boolean isSuppressed(String e164) {
        return em.find(SuppressedNumber.class, e164) != null;
    }

    public List<SuppressedNumber> page(String search, int first, int size) {
        String digits = search == null ? "" : search.replaceAll("[^0-9]", "");
        return em.createQuery("select s from SuppressedNumber s where s.phone like :p order by s.createdAt desc, s.phone",
                        SuppressedNumber.class)
                .setParameter("p", "%" + digits + "%").setFirstResult(first).setMaxResults(size).getResultList();
    }

    public long count(String search) {
        String digits = search == null ? "" : search.replaceAll("[^0-9]", "");
        return em.createQuery("select count(s) from SuppressedNumber s where s.phone like :p", Long.class)
                .setParameter("p", "%" + digits + "%").getSingleResult();
    }

    private String normalise(String phone) {
        try {
            return PhoneNumbers.toE164(phone, settings.defaultCountry());
        } catch (InvalidPhoneNumberException e) {
            throw new InvalidInputException("phone", e.getMessage());
        }
    }

    private static String clean(String reason) {
        if (reason == null || reason.isBlank()) {
            return null;
        }
        String r = reason.strip();
        return r.length() > 200 ? r.substring(0, 200) : r;
    }

    private String caller() {
        Principal principal = securityContext.getCallerPrincipal();
        return principal == null ? "system" : principal.getName();
    }
}
