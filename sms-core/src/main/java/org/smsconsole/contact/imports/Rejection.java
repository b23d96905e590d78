package org.smsconsole.contact.imports;

/** A row not imported: its line in the file (1 is the header) and why. */
public record Rejection(long line, String reason) implements java.io.Serializable {
}
