package org.smsconsole.contact;

import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import org.smsconsole.phone.PhoneNumbers;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A contact's likely time zone from its number's prefix (libphonenumber's own data). */
public final class ContactTimeZones {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final Map<String, List<String>> MAIN_ZONES = new ConcurrentHashMap<>();

    private ContactTimeZones() {
    }

    /**
     * The zone of the number's prefix, or null when unknown. Mobile prefixes often map to several
     * zones (UK mobiles: Guernsey, Isle of Man, Jersey, London); then the zone of the country's
     * landline example number wins (London), else the first.
     */
    public static String of(PhoneNumbers.ValidNumber number) {
        List<String> zones = known(PhoneNumberToTimeZonesMapper.getInstance().getTimeZonesForNumber(number.parsed()));
        if (zones.size() <= 1) {
            return zones.isEmpty() ? null : zones.get(0);
        }
        String region = number.region();
        List<String> main = region == null ? List.of() : MAIN_ZONES.computeIfAbsent(region, ContactTimeZones::landlineZones);
        return zones.stream().filter(main::contains).findFirst().orElse(zones.get(0));
    }

    private static List<String> landlineZones(String region) {
        PhoneNumber example = UTIL.getExampleNumberForType(region, PhoneNumberUtil.PhoneNumberType.FIXED_LINE);
        return example == null ? List.of() : known(PhoneNumberToTimeZonesMapper.getInstance().getTimeZonesForNumber(example));
    }

    private static List<String> known(List<String> zones) {
        return zones.stream().filter(z -> !z.equals(PhoneNumberToTimeZonesMapper.getUnknownTimeZone())).toList();
    }
}
