package org.smsconsole.web.security;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class OwnOriginTest {

    @Test
    void originsAreComparedWithoutDefaultPortsOrCase() {
        assertEquals("https://console.example.com", OwnOrigin.originOf("HTTPS://Console.Example.com:443/some/path"));
        assertEquals("http://127.0.0.1:8080", OwnOrigin.originOf("http://127.0.0.1:8080"));
        assertEquals("http://localhost", OwnOrigin.originOf("http://localhost:80/"));
    }

    @Test
    void nullAndNonsenseAreNoOrigin() {
        assertNull(OwnOrigin.originOf("null"));
        assertNull(OwnOrigin.originOf("not a url"));
        assertNull(OwnOrigin.originOf("file:///etc/passwd"));
    }
}
