package org.smsconsole.csv;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV from strict UTF-8 (a byte sequence that is not UTF-8 is an error, never a silent
 * replacement character), with quoted fields spanning lines, {@code ""} escapes, CRLF or LF, a
 * leading BOM skipped, and ';' instead of ',' when the header says so (spreadsheets in many locales).
 * A record with more fields or characters than the reader's {@link Limits} is an error as soon as it is
 * seen: a file of a million columns, or one endless quoted line, never fills memory.
 */
public final class CsvReader implements AutoCloseable {

    /** At most {@code fields} fields and {@code chars} characters per record (a quoted field's line breaks count). */
    public record Limits(int fields, int chars) {
        public static final Limits NONE = new Limits(Integer.MAX_VALUE, Integer.MAX_VALUE);
    }

    private final Reader in;
    private final Limits limits;
    private final char[] buffer = new char[64 * 1024];
    private int length;
    private int position;
    private long line = 1;
    private char delimiter = 0;

    public CsvReader(InputStream bytes) {
        this(bytes, Limits.NONE);
    }

    public CsvReader(InputStream bytes, Limits limits) {
        this.limits = limits;
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        this.in = new InputStreamReader(bytes, utf8);
    }

    /** The next record, or null at the end of the file. */
    public CsvRecord next() throws CsvFormatException, IOException {
        if (delimiter == 0) {
            skipBom();
        }
        if (peek() < 0) {
            return null;
        }
        long start = line;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        long chars = 0;
        if (delimiter == 0) {
            delimiter = guessDelimiter();
        }
        while (true) {
            int c = read();
            if (c >= 0 && ++chars > limits.chars()) {
                throw new CsvFormatException(start, "Line " + start + " is longer than " + String.format(java.util.Locale.ROOT, "%,d", limits.chars())
                        + " characters" + (quoted ? " (a quote that is never closed?)" : ""));
            }
            if (c < 0) {
                if (quoted) {
                    throw new CsvFormatException(start, "A quoted field that starts on line " + start + " is never closed");
                }
                fields.add(field.toString());
                return new CsvRecord(start, fields);
            }
            if (quoted) {
                if (c == '"') {
                    if (peek() == '"') {
                        read();
                        field.append('"');
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append((char) c);
                }
            } else if (c == '"' && field.isEmpty() && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
            } else if (c == delimiter) {
                fields.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
                if (fields.size() >= limits.fields()) {
                    throw new CsvFormatException(start, "Line " + start + " has more than " + limits.fields() + " columns");
                }
            } else if (c == '\r' || c == '\n') {
                if (c == '\r' && peek() == '\n') {
                    read();
                }
                line++;
                fields.add(field.toString());
                return new CsvRecord(start, fields);
            } else {
                field.append((char) c);
            }
        }
    }

    /** Compares commas and semicolons in the first line (outside quotes). */
    private char guessDelimiter() throws IOException, CsvFormatException {
        fill();
        int commas = 0;
        int semicolons = 0;
        boolean quoted = false;
        for (int i = position; i < length && buffer[i] != '\n'; i++) {
            char c = buffer[i];
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == ',') {
                commas++;
            } else if (!quoted && c == ';') {
                semicolons++;
            }
        }
        return semicolons > commas ? ';' : ',';
    }

    private void skipBom() throws IOException, CsvFormatException {
        if (peek() == '\uFEFF') {
            read();
        }
    }

    private int peek() throws IOException, CsvFormatException {
        if (position >= length && !fill()) {
            return -1;
        }
        return buffer[position];
    }

    private int read() throws IOException, CsvFormatException {
        if (position >= length && !fill()) {
            return -1;
        }
        return buffer[position++];
    }

    private boolean fill() throws IOException, CsvFormatException {
        if (position < length) {
            return true;
        }
        try {
            length = in.read(buffer);
        } catch (CharacterCodingException e) {
            throw new CsvFormatException(line, "The file is not UTF-8 text (line " + line
                    + "): save it from your spreadsheet as \"CSV UTF-8\"");
        }
        position = 0;
        return length > 0;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
