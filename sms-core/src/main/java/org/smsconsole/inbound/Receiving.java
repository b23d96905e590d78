package org.smsconsole.inbound;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.smsconsole.config.ConsoleSettings;
import org.smsconsole.contact.Consent;
import org.smsconsole.contact.ContactView;
import org.smsconsole.contact.Contacts;
import org.smsconsole.message.MessageDraft;
import org.smsconsole.message.Messages;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * What a newly stored inbound message does, once, in the transaction that stored it (so a callback Sinch repeats, or
 * an MO both posted and polled, does nothing twice): it is linked to the contact who sent it (an unknown number
 * becomes one), and a keyword takes effect. STOP opts out and START opts back in through {@link Contacts} (audited),
 * each confirmed once, only when the consent actually changed; HELP is answered every time. Replies are COMPLIANCE
 * messages (sent even to an opted-out number), from the number the message was sent to when it is one of our senders.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class Receiving {

    /** How a keyword change is named on the contact ({@code consent_source}). */
    public static final String SOURCE = "keyword";

    @PersistenceContext(unitName = "sms")
    EntityManager em;

    @Inject
    Contacts contacts;

    @Inject
    Keywords keywords;

    @Inject
    Messages messages;

    @Inject
    ConsoleSettings settings;

    @Inject
    Clock clock;

    /** An inbound message as it was just stored. {@code text}: what a keyword is read from (null for binary). */
    record Arrived(String sinchId, String from, String to, String text, Instant receivedAt) {
    }

    void handle(Arrived mo) {
        Optional<ContactView> sender = contacts.senderOf(mo.from());
        if (sender.isEmpty()) {
            return; // an alphanumeric sender: nobody to link, nobody to opt out
        }
        ContactView contact = sender.get();
        Optional<Keywords.Match> match = mo.text() == null ? Optional.empty() : keywords.match(contact.language(), mo.text());
        match.ifPresent(m -> apply(m, contact, mo));
        em.createNativeQuery("update inbound_message set contact_id = ?1, keyword_action = ?2 where sinch_id = ?3")
                .setParameter(1, contact.id()).setParameter(2, match.map(m -> m.action().apiName()).orElse(null))
                .setParameter(3, mo.sinchId()).executeUpdate();
    }

    private void apply(Keywords.Match match, ContactView contact, Arrived mo) {
        Instant at = (mo.receivedAt() == null ? clock.instant() : mo.receivedAt()).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String reason = "Sent \"" + mo.text().strip() + "\"" + (mo.to() == null ? "" : " to " + mo.to()) + " at " + at;
        boolean reply = switch (match.action()) {
            case OPT_OUT -> contacts.consentByMessage(contact.id(), Consent.OPTED_OUT, SOURCE, reason);
            case OPT_IN -> contacts.consentByMessage(contact.id(), Consent.SUBSCRIBED, SOURCE, reason);
            case HELP -> true;
        };
        if (reply) {
            messages.sendCompliance(new MessageDraft(contact.id(), null, match.reply(), null, replySender(mo.to()), null, null, null, null));
        }
    }

    /** The number the message was sent to, when it is one of our senders; else null (the service plan's default). */
    String replySender(String to) {
        if (to == null || to.isBlank()) {
            return null;
        }
        String digits = to.strip().replace("+", "");
        return settings.senders().stream().filter(s -> s.replace("+", "").equals(digits)).findFirst().orElse(null);
    }
}
