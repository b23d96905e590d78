package org.smsconsole.inbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.smsconsole.config.ConsoleSettings;
import org.smsconsole.consent.SuppressedNumber;
import org.smsconsole.contact.Consent;
import org.smsconsole.contact.Contact;
import org.smsconsole.message.Message;
import org.smsconsole.message.MessageDraft;
import org.smsconsole.message.Messages;
import org.smsconsole.validation.InvalidInputException;
import org.smsconsole.validation.NotFoundException;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * Answering a conversation: a one-off DIRECT message through {@link Messages#send} (so the release engine,
 * the consent check at release and the audit log all apply), from the number the customer wrote to when it
 * is one of the configured senders. A reply that consent would stop anyway is refused at once, with why.
 */
@ApplicationScoped
@Transactional
public class Replies {

    /** The field refusals name: the reply box. */
    public static final String FIELD = "reply";

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    @PersistenceContext(unitName = "sms")
    EntityManager em;

    @Inject
    Messages messages;

    @Inject
    Conversations conversations;

    @Inject
    ConsoleSettings settings;

    /** Queues the reply and marks the conversation read (whoever answers has read it). */
    public Message reply(String phone, String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException(FIELD, "Write a reply first");
        }
        ConversationView conversation = conversations.find(phone).orElseThrow(() -> new NotFoundException("Conversation", phone));
        refuseWithoutConsent(conversation);
        Message message;
        try {
            message = messages.send(new MessageDraft(null, phone, text, null, sender(phone), null, null, null, null));
        } catch (InvalidInputException e) {
            throw new InvalidInputException(FIELD, e.getMessage());
        }
        conversations.markRead(phone);
        return message;
    }

    /** The configured sender the customer wrote to (compared digit by digit), else null: the service plan's default. */
    public String sender(String phone) {
        Optional<String> called = conversations.lastCalledNumber(phone).map(n -> n.replaceAll("[^0-9]", "")).filter(n -> !n.isEmpty());
        if (called.isEmpty()) {
            return null;
        }
        return settings.senders().stream().filter(s -> s.replaceAll("[^0-9]", "").equals(called.get()) && s.matches("\\+?[0-9]+"))
                .findFirst().orElse(null);
    }

    private void refuseWithoutConsent(ConversationView conversation) {
        Contact contact = em.createQuery("select c from Contact c where c.phone = :p", Contact.class)
                .setParameter("p", conversation.phone()).getResultStream().findFirst().orElse(null);
        if (contact != null && contact.getConsent() == Consent.OPTED_OUT) {
            StringBuilder why = new StringBuilder(conversation.title()).append(" opted out");
            if (contact.getConsentChangedAt() != null) {
                why.append(" on ").append(DAY.format(contact.getConsentChangedAt()));
            }
            if (contact.getConsentSource() != null) {
                why.append(" (via ").append(contact.getConsentSource())
                        .append(contact.getConsentReason() == null ? "" : ": " + contact.getConsentReason()).append(')');
            }
            throw new InvalidInputException(FIELD, why.append(", so nothing is sent to them until they opt back in"
                    + " (START) or an operator changes their consent on the Contacts screen.").toString());
        }
        SuppressedNumber suppressed = em.find(SuppressedNumber.class, conversation.phone());
        if (suppressed != null) {
            throw new InvalidInputException(FIELD, conversation.phoneDisplay() + " is on the suppression list"
                    + (suppressed.getReason() == null ? "" : " (" + suppressed.getReason() + ")")
                    + ", so nothing is sent to it; remove it there first if it may be messaged again.");
        }
    }
}
