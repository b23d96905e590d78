package org.smsconsole.contact.imports;

import org.smsconsole.contact.ContactDetails;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Column {@code column} (0-based) of the file goes to {@code field}; attributes carry their name. */
public record ColumnMapping(int column, ImportField field, String attribute) implements Serializable {

    /** A first guess from the header, which the person importing can change. */
    public static List<ColumnMapping> guess(List<String> header) {
        List<ColumnMapping> mappings = new ArrayList<>();
        boolean phoneSeen = false;
        for (int i = 0; i < header.size(); i++) {
            String h = header.get(i).strip().toLowerCase(Locale.ROOT).replaceAll("[\\s-]+", "_");
            ImportField field = switch (h) {
                case "phone", "phone_number", "mobile", "msisdn", "number", "telephone", "tel" -> phoneSeen ? ImportField.ATTRIBUTE : ImportField.PHONE;
                case "name", "full_name" -> ImportField.NAME;
                case "language", "lang", "locale" -> ImportField.LANGUAGE;
                case "time_zone", "timezone", "tz" -> ImportField.TIME_ZONE;
                // what our own export adds and an import must not read back as attributes
                case "consent", "consent_changed_at", "consent_reason", "created_at", "updated_at", "id" -> ImportField.IGNORE;
                default -> h.isEmpty() ? ImportField.IGNORE : ImportField.ATTRIBUTE;
            };
            phoneSeen |= field == ImportField.PHONE;
            mappings.add(new ColumnMapping(i, field, field == ImportField.ATTRIBUTE ? attributeName(header.get(i)) : null));
        }
        return mappings;
    }

    /** A header as an attribute name: letters, digits, '.', '_', '-' only. */
    public static String attributeName(String header) {
        String name = header.strip().replaceAll("[^A-Za-z0-9._-]+", "_");
        name = name.length() > 64 ? name.substring(0, 64) : name;
        return ContactDetails.ATTRIBUTE_KEY.matcher(name).matches() ? name : "column";
    }
}
