package org.smsconsole.contact.imports;

import org.smsconsole.contact.ContactDetails;

/** A row that passed every check, ready to write; {@code zoneGiven}: the file named a time zone. */
public record ImportRow(long line, ContactDetails details, boolean zoneGiven) {
}
