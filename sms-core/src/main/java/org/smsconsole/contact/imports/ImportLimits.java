package org.smsconsole.contact.imports;

import org.smsconsole.contact.ContactDetails;
import org.smsconsole.csv.CsvReader;

/**
 * How big an import may be. A 9.9 MB file of a million columns once made one contact with a million attributes
 * (the contact list then took 50 s for everyone, its export had a million columns); a 1 GiB upload was spooled to
 * disk before it was refused. So files are refused early and whole, with the limit named, and nothing is written:
 *
 * <ul>
 *   <li>{@value #MAX_FILE_BYTES} bytes (100 MiB) per file: a million contacts with a few columns are 40-80 MB;</li>
 *   <li>{@value #MAX_COLUMNS} columns per file, {@value #MAX_LINE_CHARS} characters per line (a quoted field's line
 *       breaks included);</li>
 *   <li>{@link ContactDetails#MAX_ATTRIBUTES} attributes per contact (so at most that many columns mapped to attributes),
 *       names of at most 64 characters, values of at most {@link ContactDetails#MAX_ATTRIBUTE_VALUE}.</li>
 * </ul>
 */
public final class ImportLimits {

    public static final long MAX_FILE_BYTES = 100L * 1024 * 1024;
    public static final int MAX_COLUMNS = 100;
    public static final int MAX_LINE_CHARS = 64 * 1024;
    public static final CsvReader.Limits CSV = new CsvReader.Limits(MAX_COLUMNS, MAX_LINE_CHARS);

    private ImportLimits() {
    }

    /** What a refused upload is told. */
    public static String tooLarge() {
        return "The file is larger than " + MAX_FILE_BYTES / (1024 * 1024) + " MB: split it into smaller files";
    }
}
