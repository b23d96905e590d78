package org.smsconsole.phone;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

import java.util.Locale;

/**
 * Phone numbers as staff type them in forms and imports: a number without {@code +} or
 * {@code 00} is national in the default country. What is stored is E.164 with {@code +},
 * and only numbers that libphonenumber considers valid are accepted here (the Sinch client
 * is more lenient: it only needs a possible number).
 */
public final class PhoneNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private PhoneNumbers() {
    }

    /**
     * Normalises {@code input} to E.164, or throws with a message fit to show next to the field.
     *
     * @param defaultCountry ISO 3166 alpha-2 region used for numbers without a country code
     */
    public static String toE164(String input, String defaultCountry) {
        return check(input, defaultCountry).e164();
    }

    /**
     * {@link #toE164}, keeping what was learnt on the way: an import checks a million numbers, and
     * parsing and finding the region are most of its Java time, so nothing should do them twice.
     */
    public static ValidNumber check(String input, String defaultCountry) {
        PhoneNumber number = parse(input, defaultCountry);
        String region = UTIL.getRegionCodeForNumber(number);
        if (!UTIL.isValidNumberForRegion(number, region)) { // isValidNumber, keeping the region
            throw new InvalidPhoneNumberException("'" + input.strip() + "' is not a valid phone number");
        }
        return new ValidNumber(UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164), number, region);
    }

    /** A valid number: its E.164 text, libphonenumber's parse of it and its region (ISO 3166 alpha-2). */
    public record ValidNumber(String e164, PhoneNumber parsed, String region) {
    }

    /** International format for display, e.g. {@code +44 7400 123456}; the input if it cannot be parsed. */
    public static String display(String e164) {
        try {
            return UTIL.format(UTIL.parse(e164, null), PhoneNumberUtil.PhoneNumberFormat.INTERNATIONAL);
        } catch (NumberParseException e) {
            return e164;
        }
    }

    /** The region (ISO 3166 alpha-2) a stored E.164 number belongs to, or {@code ZZ} when unknown. */
    public static String regionOf(String e164) {
        try {
            String region = UTIL.getRegionCodeForNumber(UTIL.parse(e164, null));
            return region == null ? "ZZ" : region;
        } catch (NumberParseException e) {
            return "ZZ";
        }
    }

    private static PhoneNumber parse(String input, String defaultCountry) {
        if (input == null || input.isBlank()) {
            throw new InvalidPhoneNumberException("A phone number is required");
        }
        String text = input.strip();
        // "00" is the international prefix Sinch accepts in place of "+"; libphonenumber only
        // knows it for countries whose exit code it is, so rewrite it ourselves.
        if (text.startsWith("00")) {
            text = "+" + text.substring(2);
        }
        String region = defaultCountry == null ? "ZZ" : defaultCountry.toUpperCase(Locale.ROOT);
        try {
            return UTIL.parse(text, region);
        } catch (NumberParseException e) {
            throw new InvalidPhoneNumberException("'" + input.strip() + "' is not a phone number: " + reason(e));
        }
    }

    private static String reason(NumberParseException e) {
        return switch (e.getErrorType()) {
            case INVALID_COUNTRY_CODE -> "unknown country code (start with + and the country code)";
            case TOO_SHORT_NSN, TOO_SHORT_AFTER_IDD -> "too short";
            case TOO_LONG -> "too long";
            case NOT_A_NUMBER -> "it contains characters that are not digits";
        };
    }
}
