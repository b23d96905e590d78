package org.smsconsole.contact;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;

import java.util.List;

/** A contact's likely time zone from its number's prefix (libphonenumber's own data). */
public final class ContactTimeZones {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private ContactTimeZones() {
    }

    /** The first zone the prefix maps to (countries spanning zones map per area code), or null when unknown. */
    public static String of(String e164) {
        try {
            List<String> zones = PhoneNumberToTimeZonesMapper.getInstance().getTimeZonesForNumber(UTIL.parse(e164, null));
            String zone = zones.isEmpty() ? null : zones.get(0);
            return zone == null || zone.equals(PhoneNumberToTimeZonesMapper.getUnknownTimeZone()) ? null : zone;
        } catch (NumberParseException e) {
            return null;
        }
    }
}
