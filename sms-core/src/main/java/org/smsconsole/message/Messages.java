package org.smsconsole.message;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.smsconsole.audit.AuditLog;
import org.smsconsole.campaign.Campaigns;
import org.smsconsole.config.ConsoleSettings;
import org.smsconsole.config.SinchSettings;
import org.smsconsole.contact.ContactView;
import org.smsconsole.contact.Contacts;
import org.smsconsole.inbox.Conversations;
import org.smsconsole.phone.InvalidPhoneNumberException;
import org.smsconsole.phone.PhoneNumbers;
import org.smsconsole.template.MessageTemplate;
import org.smsconsole.template.Placeholders;
import org.smsconsole.template.Templates;
import org.smsconsole.validation.InvalidInputException;
import org.smsconsole.validation.NotFoundException;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Single messages (not campaigns): checked, personalised for the contact when it has one, and queued;
 * the release engine sends them at {@code send_at}.
 */
@ApplicationScoped
@Transactional
public class Messages {

    @PersistenceContext(unitName = "sms")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    AuditLog audit;

    @Inject
    Contacts contacts;

    @Inject
    ConsoleSettings settings;

    @Inject
    SinchSettings sinch;

    @Inject
    Conversations conversations;

    public Message send(MessageDraft draft) {
        return queue(draft, MessageKind.DIRECT);
    }

    /** A reply the law requires (STOP confirmation, HELP answer): sent even to an opted-out number. */
    public Message sendCompliance(MessageDraft draft) {
        return queue(draft, MessageKind.COMPLIANCE);
    }

    public Message get(long id) {
        return Optional.ofNullable(em.find(Message.class, id)).orElseThrow(() -> new NotFoundException("Message", id));
    }

    /** Single messages, newest first; {@code campaignId} lists a campaign's instead. */
    public List<Message> page(Long campaignId, MessageState state, int first, int size) {
        var query = em.createQuery("select m from Message m where " + (campaignId == null ? "m.campaignId is null" : "m.campaignId = :c")
                + (state == null ? "" : " and m.state = :s") + " order by m.id desc", Message.class);
        bind(query, campaignId, state);
        return query.setFirstResult(first).setMaxResults(size).getResultList();
    }

    public long count(Long campaignId, MessageState state) {
        var query = em.createQuery("select count(m) from Message m where " + (campaignId == null ? "m.campaignId is null" : "m.campaignId = :c")
                + (state == null ? "" : " and m.state = :s"), Long.class);
        bind(query, campaignId, state);
        return query.getSingleResult();
    }

    private static void bind(jakarta.persistence.TypedQuery<?> query, Long campaignId, MessageState state) {
        if (campaignId != null) {
            query.setParameter("c", campaignId);
        }
        if (state != null) {
            query.setParameter("s", state);
        }
    }

    private Message queue(MessageDraft d, MessageKind kind) {
        Instant now = clock.instant();
        ContactView contact = recipient(d);
        String phone = contact != null ? contact.phone() : toE164(d.to());
        String body = body(d, contact, phone);
        String mediaUrl = media(d.mediaUrl());
        DeliveryReportMode mode;
        try {
            mode = d.reportMode() == null || d.reportMode().isBlank() ? DeliveryReportMode.PER_RECIPIENT_FINAL
                    : DeliveryReportMode.parse(d.reportMode());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("delivery_report", "One of none, summary, full, per_recipient, per_recipient_final");
        }
        Instant sendAt = d.sendAt() == null || d.sendAt().isBefore(now) ? now : d.sendAt();
        Instant expireAt = d.expireAt() == null ? sendAt.plus(Campaigns.MAX_VALIDITY) : d.expireAt();
        if (!expireAt.isAfter(sendAt)) {
            throw new InvalidInputException("expire_at", "expire_at must be after send_at (" + sendAt + ")");
        }
        if (expireAt.isAfter(sendAt.plus(Campaigns.MAX_VALIDITY))) {
            throw new InvalidInputException("expire_at", "expire_at can be at most 3 days after send_at");
        }
        Message message = new Message(kind, contact == null ? null : contact.id(), phone, body, Senders.check("from", d.sender()),
                mediaUrl, mode, d.sendAt(), sendAt, expireAt, kind == MessageKind.COMPLIANCE ? "system" : null, now);
        em.persist(message);
        em.flush();
        audit.record(kind == MessageKind.COMPLIANCE ? "COMPLIANCE_REPLY_QUEUED" : "MESSAGE_QUEUED", "message " + message.getId(),
                "to " + phone + (d.sendAt() == null ? "" : " at " + sendAt));
        conversations.sent(phone, now, body != null ? body : "MMS " + mediaUrl); // a number that wrote to us sees it in the inbox
        return message;
    }

    private ContactView recipient(MessageDraft d) {
        boolean hasTo = d.to() != null && !d.to().isBlank();
        if (d.contactId() != null && hasTo) {
            throw new InvalidInputException("to", "Give a contact or a number, not both");
        }
        if (d.contactId() != null) {
            try {
                return contacts.get(d.contactId());
            } catch (NotFoundException e) {
                throw new InvalidInputException("contact_id", "No contact " + d.contactId());
            }
        }
        if (!hasTo) {
            throw new InvalidInputException("to", "Give a phone number or a contact");
        }
        return contacts.findByPhone(toE164(d.to())).orElse(null);
    }

    /** National in the default country, else international as Sinch reads it (digits without + or 00). */
    private String toE164(String to) {
        try {
            return PhoneNumbers.toE164(to, settings.defaultCountry());
        } catch (InvalidPhoneNumberException e) {
            String digits = to == null ? "" : to.replaceAll("[\\s\\-()\\[\\]]", "");
            if (digits.matches("[1-9][0-9]{6,14}")) {
                try {
                    return PhoneNumbers.toE164("+" + digits, settings.defaultCountry());
                } catch (InvalidPhoneNumberException ignored) {
                    // not international either: report the national reading
                }
            }
            throw new InvalidInputException("to", e.getMessage());
        }
    }

    private String body(MessageDraft d, ContactView contact, String phone) {
        String body = d.body() == null || d.body().isBlank() ? null : d.body();
        if (d.templateId() != null) {
            if (body != null) {
                throw new InvalidInputException("body", "Give a template or a body, not both");
            }
            MessageTemplate template = em.find(MessageTemplate.class, d.templateId());
            if (template == null) {
                throw new InvalidInputException("template_id", "No template " + d.templateId());
            }
            body = template.getBody();
        }
        if (body == null) {
            if (d.mediaUrl() != null && !d.mediaUrl().isBlank()) {
                return null; // an MMS may be an image alone
            }
            throw new InvalidInputException("body", "Write a message or choose a template");
        }
        if (body.length() > Templates.MAX_BODY) {
            throw new InvalidInputException("body", "At most " + Templates.MAX_BODY + " characters");
        }
        Map<String, String> values = contact != null ? Placeholders.valuesOf(contact) : Map.of("phone", phone, "name", "");
        for (String name : org.smsconsole.text.PlaceholderRenderer.placeholders(body)) {
            if (!values.containsKey(name)) {
                throw new InvalidInputException("body", "Unknown placeholder ${" + name + "}: "
                        + (contact == null ? "a number without a contact has only ${phone}" : "this contact has no '" + name + "'"));
            }
        }
        String text = Personalisation.render(body, values);
        if (text.length() > Templates.MAX_BODY) {
            throw new InvalidInputException("body", "At most " + Templates.MAX_BODY + " characters once personalised (" + text.length() + ")");
        }
        return text;
    }

    private String media(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        if (!sinch.mmsAvailable()) {
            throw new InvalidInputException("media_url", "MMS is available only in Sinch's US region");
        }
        try {
            URI uri = new URI(url.trim());
            if (!uri.isAbsolute() || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new InvalidInputException("media_url", "An absolute http(s) address of the image or file");
            }
        } catch (java.net.URISyntaxException e) {
            throw new InvalidInputException("media_url", "Not a valid address: " + e.getReason());
        }
        if (url.length() > 2000) {
            throw new InvalidInputException("media_url", "At most 2000 characters");
        }
        return url.trim();
    }
}
