package org.smsconsole.contact;

import org.smsconsole.phone.PhoneNumbers;

import java.time.Instant;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** A contact as screens and the API show it; detached from the persistence context. */
public record ContactView(long id, String phone, String name, String language, String timeZone,
                          Consent consent, Instant consentChangedAt, String consentSource, String consentReason,
                          SortedMap<String, String> attributes, Instant createdAt, Instant updatedAt, long version)
        implements java.io.Serializable {

    static ContactView of(Contact c) {
        return new ContactView(c.getId(), c.getPhone(), c.getName(), c.getLanguage(), c.getTimeZone(),
                c.getConsent(), c.getConsentChangedAt(), c.getConsentSource(), c.getConsentReason(),
                Collections.unmodifiableSortedMap(new TreeMap<>(c.getAttributes())),
                c.getCreatedAt(), c.getUpdatedAt(), c.getVersion());
    }

    /** The number in international format with spaces, for people to read. */
    public String phoneDisplay() {
        return PhoneNumbers.display(phone);
    }

    /** Attributes as {@code key=value} lines, the way the contact form edits them. */
    public String attributesText() {
        return attributes.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n"));
    }

    public boolean optedOut() {
        return consent == Consent.OPTED_OUT;
    }
}
