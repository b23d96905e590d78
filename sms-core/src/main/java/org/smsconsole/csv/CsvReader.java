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
 */
public final class CsvReader implements AutoCloseable {

    private final Reader in;
    private final char[] buffer = new char[64 * 1024];
    private int length;
    private int position;
    private long line = 1;
    private char delimiter = 0;

    public CsvReader(InputStream bytes) {
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
        if (delimiter == 0) {
            delimiter = guessDelimiter();
        }
        while (true) {
            int c = read();
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
