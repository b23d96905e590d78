package org.smsconsole.message;

import org.smsconsole.validation.InvalidInputException;

import java.util.regex.Pattern;

/** What Sinch accepts as {@code from}: a number (up to 15 digits, short codes too) or an alphanumeric id of up to 11 characters. */
public final class Senders {

    private static final Pattern NUMBER = Pattern.compile("\\+?[0-9]{3,15}");
    private static final Pattern ALPHANUMERIC = Pattern.compile("[A-Za-z0-9 .\\-]{1,11}");

    private Senders() {
    }

    /** The sender cleaned, or null (the service plan's default). */
    public static String check(String field, String sender) {
        if (sender == null || sender.isBlank()) {
            return null;
        }
        String s = sender.trim();
        if (NUMBER.matcher(s).matches()) {
            return s;
        }
        if (ALPHANUMERIC.matcher(s).matches() && s.chars().anyMatch(Character::isLetter)) {
            return s;
        }
        throw new InvalidInputException(field, "A sender is a phone number (up to 15 digits) or up to 11 letters and digits");
    }
}
