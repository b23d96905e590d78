package org.smsconsole.web.ui;

import org.smsconsole.contact.Consent;
import org.smsconsole.contact.ContactDetails;
import org.smsconsole.contact.ContactView;
import org.smsconsole.validation.InvalidInputException;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the contact dialog edits, kept apart from the entity until it is saved. */
public class ContactForm implements Serializable {

    private Long id;
    private String name;
    private String phone;
    private String language;
    private String timeZone;
    private String attributes;
    private Consent consent = Consent.SUBSCRIBED;
    private String consentReason;
    /** How and when consent last changed (read-only: staff see why a contact is skipped). */
    private String consentSource;
    private java.time.Instant consentChangedAt;

    ContactForm() {
    }

    ContactForm(Long id, String name, String phone) {
        this.id = id;
        this.name = name;
        this.phone = phone;
    }

    static ContactForm of(ContactView c) {
        ContactForm form = new ContactForm(c.id(), c.name(), c.phoneDisplay());
        form.language = c.language();
        form.timeZone = c.timeZone();
        form.attributes = c.attributesText();
        form.consent = c.consent();
        form.consentReason = c.consentReason();
        form.consentSource = c.consentSource();
        form.consentChangedAt = c.consentChangedAt();
        return form;
    }

    /** The details as typed; attributes are {@code key=value} lines. */
    ContactDetails details() {
        Map<String, String> map = new LinkedHashMap<>();
        if (attributes != null) {
            String[] lines = attributes.split("\\R");
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i].strip();
                if (line.isEmpty()) {
                    continue;
                }
                int eq = line.indexOf('=');
                if (eq <= 0) {
                    throw new InvalidInputException("attributes", "Line " + (i + 1) + ": write each attribute as name=value");
                }
                map.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        }
        return new ContactDetails(phone, name, language, timeZone, map);
    }

    Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getPhone() {
        return phone;
    }

    public void setPhone(String phone) {
        this.phone = phone;
    }

    public String getLanguage() {
        return language;
    }

    public void setLanguage(String language) {
        this.language = language;
    }

    public String getTimeZone() {
        return timeZone;
    }

    public void setTimeZone(String timeZone) {
        this.timeZone = timeZone;
    }

    public String getAttributes() {
        return attributes;
    }

    public void setAttributes(String attributes) {
        this.attributes = attributes;
    }

    public Consent getConsent() {
        return consent;
    }

    public void setConsent(Consent consent) {
        this.consent = consent;
    }

    public String getConsentReason() {
        return consentReason;
    }

    public void setConsentReason(String consentReason) {
        this.consentReason = consentReason;
    }

    public String getConsentSource() {
        return consentSource;
    }

    public java.time.Instant getConsentChangedAt() {
        return consentChangedAt;
    }
}
