package org.smsconsole.contact;

import org.smsconsole.phone.InvalidPhoneNumberException;
import org.smsconsole.phone.PhoneNumbers;
import org.smsconsole.validation.InvalidInputException;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a person or an import says about a contact. {@link #clean} checks every field (naming the
 * one at fault, in the REST API's snake_case) and normalises: E.164 number, BCP 47 language tag,
 * and a time zone derived from the number when none is given.
 */
public record ContactDetails(String phone, String name, String language, String timeZone, Map<String, String> attributes) {

    public static final int MAX_NAME = 200;
    public static final int MAX_ATTRIBUTE_VALUE = 500;
    /** Attributes per contact: each is a row, a column of the export and a field on every screen that shows it. */
    public static final int MAX_ATTRIBUTES = 50;
    /** The keys Sinch accepts as batch parameters, so attributes can personalise messages later. */
    public static final Pattern ATTRIBUTE_KEY = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public ContactDetails {
        attributes = attributes == null ? Map.of() : attributes;
    }

    public ContactDetails(String phone, String name) {
        this(phone, name, null, null, Map.of());
    }

    public ContactDetails clean(String defaultCountry) {
        PhoneNumbers.ValidNumber number;
        try {
            number = PhoneNumbers.check(phone, defaultCountry);
        } catch (InvalidPhoneNumberException e) {
            throw new InvalidInputException("phone", e.getMessage());
        }
        String cleanName = blankToNull(name);
        if (cleanName != null && cleanName.length() > MAX_NAME) {
            throw new InvalidInputException("name", "A name has at most " + MAX_NAME + " characters");
        }
        return new ContactDetails(number.e164(), cleanName, cleanLanguage(language), cleanZone(timeZone, number), cleanAttributes(attributes));
    }

    static String cleanLanguage(String language) {
        String tag = blankToNull(language);
        if (tag == null) {
            return null;
        }
        Locale locale = Locale.forLanguageTag(tag.replace('_', '-'));
        if (tag.length() > 35 || locale.getLanguage().isEmpty()) {
            throw new InvalidInputException("language", "'" + tag + "' is not a language tag such as en or pt-BR");
        }
        return locale.toLanguageTag();
    }

    static String cleanZone(String timeZone, PhoneNumbers.ValidNumber number) {
        String zone = blankToNull(timeZone);
        if (zone == null) {
            return ContactTimeZones.of(number);
        }
        try {
            return ZoneId.of(zone).getId();
        } catch (DateTimeException e) {
            throw new InvalidInputException("time_zone", "'" + zone + "' is not a time zone such as Europe/London");
        }
    }

    static Map<String, String> cleanAttributes(Map<String, String> attributes) {
        if (attributes.size() > MAX_ATTRIBUTES) {
            throw new InvalidInputException("attributes", "A contact has at most " + MAX_ATTRIBUTES + " attributes, not " + attributes.size());
        }
        Map<String, String> clean = new LinkedHashMap<>();
        attributes.forEach((key, value) -> {
            String k = key == null ? "" : key.strip();
            if (!ATTRIBUTE_KEY.matcher(k).matches()) {
                throw new InvalidInputException("attributes", "Attribute name '" + k
                        + "' must be 1 to 64 letters, digits, '.', '_' or '-'");
            }
            String v = value == null ? null : value.strip();
            if (v == null || v.isEmpty()) {
                return; // an empty value removes the attribute
            }
            if (v.length() > MAX_ATTRIBUTE_VALUE) {
                throw new InvalidInputException("attributes", "Attribute '" + k + "' has more than "
                        + MAX_ATTRIBUTE_VALUE + " characters");
            }
            clean.put(k, v);
        });
        return clean;
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
