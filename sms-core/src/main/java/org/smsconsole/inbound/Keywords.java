package org.smsconsole.inbound;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.security.enterprise.SecurityContext;
import jakarta.transaction.Transactional;
import org.smsconsole.audit.AuditLog;
import org.smsconsole.validation.InvalidInputException;

import java.security.Principal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The keyword sets staff keep per language (Admin › Keywords), and which one a message from a contact is read
 * with: the contact's language (exactly, then its base language), and always the default English set too, so that
 * STOP works for everyone whatever else their language defines.
 */
@ApplicationScoped
@Transactional
public class Keywords {

    @PersistenceContext(unitName = "sms")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    AuditLog audit;

    @Inject
    SecurityContext securityContext;

    /** A keyword found in a message, with the set whose reply answers it. */
    public record Match(KeywordAction action, KeywordSet set) {

        public String reply() {
            return set.reply(action);
        }
    }

    /** Every set, the default ({@code en}) first. */
    public List<KeywordSet> all() {
        List<KeywordSet> sets = new ArrayList<>();
        for (Object row : em.createNativeQuery("select language, opt_out_words, opt_in_words, help_words, opt_out_reply, opt_in_reply,"
                + " help_reply from keyword_set order by case when language = 'en' then 0 else 1 end, language").getResultList()) {
            Object[] r = (Object[]) row;
            sets.add(new KeywordSet((String) r[0], KeywordSet.words((String) r[1]), KeywordSet.words((String) r[2]),
                    KeywordSet.words((String) r[3]), (String) r[4], (String) r[5], (String) r[6]));
        }
        return sets;
    }

    /** The keyword a whole message names for a contact of this language (null: the default), if any. */
    public Optional<Match> match(String language, String message) {
        List<KeywordSet> sets = all();
        List<KeywordSet> order = new ArrayList<>();
        if (language != null && !language.isBlank()) {
            Locale locale = Locale.forLanguageTag(language);
            find(sets, locale.toLanguageTag()).ifPresent(order::add);
            find(sets, locale.getLanguage()).filter(s -> !order.contains(s)).ifPresent(order::add);
        }
        find(sets, KeywordSet.DEFAULT_LANGUAGE).filter(s -> !order.contains(s)).ifPresent(order::add);
        for (KeywordSet set : order) {
            Optional<KeywordAction> action = set.match(message);
            if (action.isPresent()) {
                return Optional.of(new Match(action.get(), set));
            }
        }
        return Optional.empty();
    }

    /** Adds or replaces the set of {@code set.language()}; audited. */
    public KeywordSet save(KeywordSet set) {
        KeywordSet clean = set.clean();
        boolean known = find(all(), clean.language()).isPresent();
        em.createNativeQuery("delete from keyword_set where language = ?1").setParameter(1, clean.language()).executeUpdate();
        em.createNativeQuery("insert into keyword_set (language, opt_out_words, opt_in_words, help_words, opt_out_reply, opt_in_reply,"
                        + " help_reply, updated_by, updated_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")
                .setParameter(1, clean.language()).setParameter(2, clean.optOutText()).setParameter(3, clean.optInText())
                .setParameter(4, clean.helpText()).setParameter(5, clean.optOutReply()).setParameter(6, clean.optInReply())
                .setParameter(7, clean.helpReply()).setParameter(8, caller()).setParameter(9, clock.instant()).executeUpdate();
        audit.record(known ? "KEYWORDS_CHANGED" : "KEYWORDS_ADDED", "keywords " + clean.language(),
                "opt out: " + clean.optOutText() + "; opt in: " + clean.optInText() + "; help: " + clean.helpText());
        return clean;
    }

    /** Removes a language's set; the default one stays. */
    public void remove(String language) {
        if (KeywordSet.DEFAULT_LANGUAGE.equalsIgnoreCase(language == null ? "" : language.strip())) {
            throw new InvalidInputException("language", "The default (en) keywords can be changed but not removed");
        }
        int removed = em.createNativeQuery("delete from keyword_set where language = ?1").setParameter(1, language).executeUpdate();
        if (removed > 0) {
            audit.record("KEYWORDS_REMOVED", "keywords " + language, null);
        }
    }

    private static Optional<KeywordSet> find(List<KeywordSet> sets, String language) {
        return sets.stream().filter(s -> s.language().equalsIgnoreCase(language)).findFirst();
    }

    private String caller() {
        try {
            Principal principal = securityContext.getCallerPrincipal();
            return principal == null ? "system" : principal.getName();
        } catch (RuntimeException e) {
            return "system";
        }
    }
}
