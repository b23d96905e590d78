package org.smsconsole.csv;

/** The file as a whole cannot be read as CSV (encoding, quoting); {@code line} is where it broke. */
public class CsvFormatException extends Exception {

    private final long line;

    public CsvFormatException(long line, String message) {
        super(message);
        this.line = line;
    }

    public long line() {
        return line;
    }
}
