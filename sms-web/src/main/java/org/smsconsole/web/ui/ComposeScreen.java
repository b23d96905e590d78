package org.smsconsole.web.ui;

import jakarta.annotation.PostConstruct;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import org.smsconsole.config.ConsoleSettings;
import org.smsconsole.config.SinchSettings;
import org.smsconsole.contact.ContactSort;
import org.smsconsole.contact.ContactView;
import org.smsconsole.contact.Contacts;
import org.smsconsole.message.Message;
import org.smsconsole.message.MessageDraft;
import org.smsconsole.message.Messages;
import org.smsconsole.message.Personalisation;
import org.smsconsole.phone.InvalidPhoneNumberException;
import org.smsconsole.phone.PhoneNumbers;
import org.smsconsole.template.TemplatePreview;
import org.smsconsole.template.TemplateView;
import org.smsconsole.template.Templates;
import org.smsconsole.text.SmsEncoding;
import org.smsconsole.user.Role;
import org.smsconsole.validation.InvalidInputException;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * Compose a one-off message (OPERATOR): to a contact or a typed number, a text or a template with the
 * live part counter and preview, a configured sender, an optional schedule and expiry in a chosen time
 * zone, a media URL where MMS is available. {@link Messages#send} checks everything; its refusals show
 * next to the field they name.
 */
@Named
@ViewScoped
public class ComposeScreen implements Serializable {

    static final String FORM = "composeForm";
    /** Between a contact's number and name in the recipient suggestions. */
    private static final String SEPARATOR = " — ";

    @Inject
    transient Messages messages;

    @Inject
    transient Templates templates;

    @Inject
    transient Contacts contacts;

    @Inject
    transient ConsoleSettings settings;

    @Inject
    transient SinchSettings sinch;

    @Inject
    transient SecurityContext securityContext;

    private String to;
    private Long templateId;
    private String body = "";
    private String sender;
    private LocalDateTime sendAt;
    private LocalDateTime expireAt;
    private String zone = ZoneId.systemDefault().getId();
    private String mediaUrl;
    private List<TemplateView> templateList;
    private List<String> senders;
    private transient ContactView recipient;
    /** The typed number in E.164 when it is one and no contact has it: the preview fills ${phone} with it. */
    private String recipientPhone;
    private transient TemplatePreview preview;

    @PostConstruct
    void init() {
        templateList = templates.page(0, 500);
        senders = settings.senders();
        textChanged();
    }

    public boolean isMayCompose() {
        return securityContext.isCallerInRole(Role.OPERATOR.name());
    }

    public List<String> completeRecipient(String query) {
        return contacts.page(query, ContactSort.NAME, true, 0, 10).stream()
                .map(c -> c.phoneDisplay() + (c.name() == null ? "" : SEPARATOR + c.name())).toList();
    }

    /** The recipient changed: the preview personalises for the contact with that number, if any. */
    public void recipientChanged() {
        recipient = null;
        recipientPhone = null;
        String number = number();
        if (number != null) {
            recipient = contacts.page(number, ContactSort.NAME, true, 0, 1).stream().findFirst().orElse(null);
            if (recipient == null) {
                try {
                    recipientPhone = PhoneNumbers.toE164(number, settings.defaultCountry());
                } catch (InvalidPhoneNumberException e) {
                    // not a number yet: the preview keeps ${phone}, sending says what is wrong
                }
            }
        }
        textChanged();
    }

    public void templateChosen() {
        body = templateId == null ? "" : templateList.stream().filter(t -> t.id() == templateId).map(TemplateView::body)
                .findFirst().orElse("");
        textChanged();
    }

    /** Called on every keystroke: counts with the same rules the sender uses. */
    public void textChanged() {
        // A number without a contact has only ${phone}, as Messages fills it when queueing.
        String text = recipient == null && recipientPhone != null
                ? Personalisation.render(body, Map.of("phone", recipientPhone, "name", "")) : body;
        preview = templates.preview(text, recipient);
    }

    public String send() {
        if (!isMayCompose()) {
            throw new SecurityException("Only operators may send messages");
        }
        try {
            ZoneId z = ZoneId.of(zone);
            Message sent = messages.send(new MessageDraft(null, number(), templateId == null ? body : null, templateId,
                    sender, mediaUrl, null, instant(sendAt, z), instant(expireAt, z)));
            FacesContext.getCurrentInstance().getExternalContext().getFlash().setKeepMessages(true);
            org.smsconsole.web.ui.Messages.info("Message " + sent.getId() + " to " + sent.getPhone() + " is " + sent.getState()
                    + (sendAt == null ? "." : ", to be sent at " + MessageLogScreen.format(sent.getSendAt(), z) + "."));
            return "/messages?faces-redirect=true";
        } catch (InvalidInputException e) {
            org.smsconsole.web.ui.Messages.fieldError(FORM, "contact_id".equals(e.field()) ? new InvalidInputException("to", e.getMessage()) : e);
            return null;
        } catch (java.time.DateTimeException e) {
            org.smsconsole.web.ui.Messages.fieldError(FORM, new InvalidInputException("zone", "Not a time zone: " + zone));
            return null;
        }
    }

    /** The number typed, or the one of the contact picked from the suggestions. */
    private String number() {
        if (to == null || to.isBlank()) {
            return null;
        }
        int cut = to.indexOf(SEPARATOR);
        return (cut < 0 ? to : to.substring(0, cut)).strip();
    }

    private static Instant instant(LocalDateTime time, ZoneId zone) {
        return time == null ? null : time.atZone(zone).toInstant();
    }

    /** "142 characters · GSM-7 · 1 part · 18 left in this part", as the Templates screen shows it. */
    public String getCounter() {
        return PartCounter.describe(preview.characters(), preview.count());
    }

    public boolean isUcs2() {
        return preview.count().encoding() != SmsEncoding.GSM7;
    }

    public TemplatePreview getPreview() {
        return preview;
    }

    public String getPreviewFor() {
        return recipient == null ? "a number without a contact (only ${phone} is filled)"
                : (recipient.name() == null ? recipient.phoneDisplay() : recipient.name());
    }

    public boolean isMmsAvailable() {
        return sinch.mmsAvailable();
    }

    public List<String> getZones() {
        return ZoneId.getAvailableZoneIds().stream().filter(id -> id.contains("/") || "UTC".equals(id)).sorted().toList();
    }

    public List<TemplateView> getTemplateList() {
        return templateList;
    }

    public List<String> getSenders() {
        return senders;
    }

    public String getTo() {
        return to;
    }

    public void setTo(String to) {
        this.to = to;
    }

    public Long getTemplateId() {
        return templateId;
    }

    public void setTemplateId(Long templateId) {
        this.templateId = templateId;
    }

    public String getBody() {
        return body;
    }

    public void setBody(String body) {
        this.body = body == null ? "" : body;
    }

    public String getSender() {
        return sender;
    }

    public void setSender(String sender) {
        this.sender = sender;
    }

    public LocalDateTime getSendAt() {
        return sendAt;
    }

    public void setSendAt(LocalDateTime sendAt) {
        this.sendAt = sendAt;
    }

    public LocalDateTime getExpireAt() {
        return expireAt;
    }

    public void setExpireAt(LocalDateTime expireAt) {
        this.expireAt = expireAt;
    }

    public String getZone() {
        return zone;
    }

    public void setZone(String zone) {
        this.zone = zone;
    }

    public String getMediaUrl() {
        return mediaUrl;
    }

    public void setMediaUrl(String mediaUrl) {
        this.mediaUrl = mediaUrl;
    }
}
