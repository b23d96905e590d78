package org.smsconsole.log;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogTextTest {

    @Test
    void aTypedNewlineCannotStartAForgedLogLine() {
        String forged = "bob\n[2026-01-01T00:00:00] INFO Successful login for user admin";
        String safe = LogText.of(forged);
        assertFalse(safe.contains("\n"));
        assertEquals("bob\\n[2026-01-01T00:00:00] INFO Successful login for user admin", safe);
    }

    @Test
    void otherControlCharactersAndBackslashesAreEscapedToo() {
        assertEquals("a\\rb\\tc\\u001b[31md\\\\n\\u2028", LogText.of("a\rb\tc\u001b[31md\\n\u2028"));
        assertEquals("null", LogText.of(null));
        assertEquals("Zoë 😀", LogText.of("Zoë 😀"));
    }

    @Test
    void overLongTextIsCut() {
        String cut = LogText.of("x".repeat(10_000));
        assertTrue(cut.startsWith("x".repeat(LogText.MAX) + "… (10000 characters)"), cut);
    }
}
