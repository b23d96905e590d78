package org.smsconsole.contact;

import java.io.Serializable;

/**
 * A search of the contact list: text in the name or number, an attribute (name, and optionally
 * its value, case-insensitive), membership of a group. Every part is optional.
 */
public record ContactQuery(String text, String attributeName, String attributeValue, Long groupId) implements Serializable {

    public static final ContactQuery ALL = new ContactQuery(null, null, null, null);

    public static ContactQuery text(String text) {
        return new ContactQuery(text, null, null, null);
    }

    public boolean isAll() {
        return blank(text) && blank(attributeName) && groupId == null;
    }

    /** Words for the audit log. */
    public String describe() {
        if (isAll()) {
            return "all contacts";
        }
        StringBuilder s = new StringBuilder();
        if (!blank(text)) {
            s.append("text '").append(text.strip()).append("' ");
        }
        if (!blank(attributeName)) {
            s.append("attribute ").append(attributeName.strip()).append(blank(attributeValue) ? "" : "=" + attributeValue.strip()).append(' ');
        }
        if (groupId != null) {
            s.append("group ").append(groupId);
        }
        return s.toString().strip();
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
