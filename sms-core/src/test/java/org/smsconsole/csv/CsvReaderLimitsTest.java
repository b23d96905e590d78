package org.smsconsole.csv;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A reader with limits stops at the first record past them, before it has read (or kept) the rest. */
class CsvReaderLimitsTest {

    private static CsvReader reader(String text, int fields, int chars) {
        return new CsvReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), new CsvReader.Limits(fields, chars));
    }

    @Test
    void recordsWithinTheLimitsAreReadAsBefore() throws Exception {
        try (CsvReader r = reader("a,b,c\n1,\"2\n2\",3\n", 3, 10)) {
            assertEquals(List.of("a", "b", "c"), r.next().fields());
            assertEquals(List.of("1", "2\n2", "3"), r.next().fields());
        }
    }

    @Test
    void oneFieldTooManyIsRefusedNamingTheLine() throws Exception {
        try (CsvReader r = reader("a,b\n1,2,3\n", 2, 100)) {
            r.next();
            CsvFormatException e = assertThrows(CsvFormatException.class, r::next);
            assertEquals("Line 2 has more than 2 columns", e.getMessage());
        }
    }

    @Test
    void aLongLineAndAQuoteNeverClosedAreRefusedAtTheLimitNotAtTheEnd() throws Exception {
        try (CsvReader r = reader("a\n" + "x".repeat(11) + "\n", 5, 10)) {
            r.next();
            assertTrue(assertThrows(CsvFormatException.class, r::next).getMessage().startsWith("Line 2 is longer than 10 characters"));
        }
        // An endless stream: the reader must give up after the limit, never reaching an end that does not come.
        InputStream endless = new InputStream() {
            private boolean first = true;

            @Override
            public int read() {
                if (first) {
                    first = false;
                    return '"';
                }
                return 'y';
            }
        };
        try (CsvReader r = new CsvReader(endless, new CsvReader.Limits(100, 65_536))) {
            CsvFormatException e = assertThrows(CsvFormatException.class, r::next);
            assertTrue(e.getMessage().contains("longer than 65,536 characters (a quote that is never closed?)"), e.getMessage());
        }
    }
}
