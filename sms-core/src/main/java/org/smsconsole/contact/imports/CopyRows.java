package org.smsconsole.contact.imports;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Rows streamed into PostgreSQL's {@code COPY ... FROM STDIN (FORMAT csv)}: every text quoted (so
 * nothing in it can end the data), null as an empty unquoted field, sent in blocks of about 64 kB.
 */
final class CopyRows implements AutoCloseable {

    private static final int BLOCK = 1 << 16;

    private final CopyIn copy;
    private final StringBuilder buffer = new StringBuilder(BLOCK + 4096);
    private boolean rowStarted;

    /** Starts {@code copySql}, e.g. {@code copy t (a, b) from stdin with (format csv)}. */
    CopyRows(Connection c, String copySql) throws SQLException {
        this.copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql);
    }

    CopyRows text(String value) {
        separate();
        if (value != null) {
            buffer.append('"');
            for (int i = 0; i < value.length(); i++) {
                char ch = value.charAt(i);
                if (ch == '"') {
                    buffer.append('"');
                }
                buffer.append(ch);
            }
            buffer.append('"');
        }
        return this;
    }

    CopyRows number(long value) {
        separate();
        buffer.append(value);
        return this;
    }

    CopyRows bool(boolean value) {
        separate();
        buffer.append(value ? 't' : 'f');
        return this;
    }

    void endRow() throws SQLException {
        buffer.append('\n');
        rowStarted = false;
        if (buffer.length() >= BLOCK) {
            send();
        }
    }

    /** Ends the COPY; returns the rows it took. */
    long finish() throws SQLException {
        send();
        return copy.endCopy();
    }

    /** Abandons an unfinished COPY (after a failure), so the connection can roll back. */
    @Override
    public void close() throws SQLException {
        if (copy.isActive()) {
            copy.cancelCopy();
        }
    }

    private void separate() {
        if (rowStarted) {
            buffer.append(',');
        }
        rowStarted = true;
    }

    private void send() throws SQLException {
        if (!buffer.isEmpty()) {
            byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(bytes, 0, bytes.length);
            buffer.setLength(0);
        }
    }
}
