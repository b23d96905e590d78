package org.smsconsole.contact;

/**
 * How many contacts a search finds, without counting a million rows on every click: exact for
 * small results, "more than" past a cap, and PostgreSQL's own estimate for the whole table.
 */
public record ContactCount(long value, Kind kind) implements java.io.Serializable {

    public enum Kind { EXACT, AT_LEAST, ESTIMATE }

    public boolean exact() {
        return kind == Kind.EXACT;
    }

    /** For people: {@code 61}, {@code more than 10,000}, {@code about 1,000,000}. */
    public String describe() {
        String n = String.format(java.util.Locale.ROOT, "%,d", value);
        return switch (kind) {
            case EXACT -> n;
            case AT_LEAST -> "more than " + n;
            case ESTIMATE -> "about " + n;
        };
    }
}
