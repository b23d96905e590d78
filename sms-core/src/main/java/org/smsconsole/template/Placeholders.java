package org.smsconsole.template;

import org.smsconsole.contact.ContactView;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The values a contact offers to {@code ${placeholders}}: its name, its phone number and its
 * custom attributes. One place, so that previews and sends agree.
 */
public final class Placeholders {

    /** Placeholders every contact can fill. */
    public static final Set<String> BUILT_IN = Set.of("name", "phone");

    private Placeholders() {
    }

    public static Map<String, String> valuesOf(ContactView contact) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("name", contact.name() == null ? "" : contact.name());
        values.put("phone", contact.phone());
        if (contact.attributes() != null) {
            contact.attributes().forEach(values::putIfAbsent); // built-ins win over an attribute of the same name
        }
        return values;
    }
}
