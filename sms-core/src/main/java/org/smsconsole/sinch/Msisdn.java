package org.smsconsole.sinch;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.regex.Pattern;

/**
 * MSISDNs as Sinch reads them: international format only, with a leading {@code +},
 * {@code 00} or neither; spaces, dashes and brackets ignored. Sinch returns digits only,
 * and so does {@link #normalize}.
 */
public final class Msisdn {
    private static final Pattern IGNORED = Pattern.compile("[\\s\\-()\\[\\]]");
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    /** Sinch ids (batches, groups): 26 ULID-like characters. */
    private static final Pattern SINCH_ID = Pattern.compile("[0-9A-Za-z]{26}");

    private Msisdn() {
    }

    /**
     * Digits only, as Sinch returns the number.
     *
     * @throws SinchValidationException (field {@code msisdn}) if anything but digits remain
     */
    public static String normalize(String raw) {
        String result = normalizeLenient(raw);
        if (result == null || !DIGITS.matcher(result).matches()) {
            throw new SinchValidationException("msisdn", "not an international number: '" + raw + "'");
        }
        return result;
    }

    /** Like {@link #normalize} but returns non-numbers (group ids, sender names) unchanged. */
    public static String normalizeLenient(String raw) {
        if (raw == null || isGroupId(raw)) {
            return raw;
        }
        String stripped = IGNORED.matcher(raw).replaceAll("");
        if (stripped.startsWith("+")) {
            stripped = stripped.substring(1);
        } else if (stripped.startsWith("00")) {
            stripped = stripped.substring(2);
        }
        return DIGITS.matcher(stripped).matches() ? stripped : raw;
    }

    /** E.164 with {@code +}, how the console stores numbers. */
    public static String toE164(String raw) {
        return "+" + normalize(raw);
    }

    /** A Sinch id (a group in {@code to}) rather than a number. */
    public static boolean isGroupId(String value) {
        return SINCH_ID.matcher(value).matches() && !DIGITS.matcher(value).matches();
    }

    /** libphonenumber's "possible number" check (length per country) on the normalised number. */
    public static boolean isPossible(String raw) {
        String normalized = normalizeLenient(raw);
        if (normalized == null || !DIGITS.matcher(normalized).matches()) {
            return false;
        }
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        try {
            return util.isPossibleNumber(util.parse("+" + normalized, "ZZ"));
        } catch (NumberParseException e) {
            return false;
        }
    }
}
