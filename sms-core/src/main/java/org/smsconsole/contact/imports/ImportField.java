package org.smsconsole.contact.imports;

/** What a CSV column holds. */
public enum ImportField {
    PHONE, NAME, LANGUAGE, TIME_ZONE, ATTRIBUTE, IGNORE
}
