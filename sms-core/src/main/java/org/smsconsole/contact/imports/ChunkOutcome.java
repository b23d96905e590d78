package org.smsconsole.contact.imports;

/** A chunk's good rows: {@code created} new contacts, {@code known} numbers that were already there (updated or skipped). */
record ChunkOutcome(long created, long known) {
}
