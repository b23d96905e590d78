package org.smsconsole.contact;

import org.smsconsole.phone.PhoneNumbers;

import java.time.Instant;

/** A contact as screens and the API show it; detached from the persistence context. */
public record ContactView(long id, String phone, String name, Instant createdAt, Instant updatedAt, long version) {

    static ContactView of(Contact c) {
        return new ContactView(c.getId(), c.getPhone(), c.getName(), c.getCreatedAt(), c.getUpdatedAt(), c.getVersion());
    }

    /** The number in international format with spaces, for people to read. */
    public String phoneDisplay() {
        return PhoneNumbers.display(phone);
    }
}
