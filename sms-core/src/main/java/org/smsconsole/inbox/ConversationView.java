package org.smsconsole.inbox;

import org.smsconsole.phone.PhoneNumbers;

import java.io.Serializable;
import java.time.Instant;

/**
 * One conversation as the inbox lists it: the number, the name of the contact with that number (if any),
 * the newest message's snippet and time, and how many inbound messages nobody has read yet.
 */
public record ConversationView(String phone, String name, Instant lastAt, String lastText, boolean lastInbound,
                               int unread, Instant readAt, String readBy) implements Serializable {

    /** The contact's name, else the number for people to read. */
    public String title() {
        return name == null || name.isBlank() ? phoneDisplay() : name;
    }

    public String phoneDisplay() {
        return phone.startsWith("+") ? PhoneNumbers.display(phone) : phone;
    }
}
