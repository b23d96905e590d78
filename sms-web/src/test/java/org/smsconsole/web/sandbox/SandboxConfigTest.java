package org.smsconsole.web.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.smsconsole.web.sandbox.engine.SandboxException;
import org.smsconsole.web.sandbox.engine.SandboxSettings;

/** When the sandbox serves, and the settings its configuration gives. */
class SandboxConfigTest {

    private static SandboxConfig config(Optional<Boolean> enabled, boolean alone, String token, String keySecret) {
        SandboxConfig c = new SandboxConfig();
        c.enabled = enabled;
        c.sandboxOnly = alone;
        c.sinchApiToken = Optional.ofNullable(token);
        c.sinchKeySecret = Optional.ofNullable(keySecret);
        c.callbackUrl = Optional.empty();
        c.callbackHosts = Optional.of("hooks.example.com, other.example.com");
        c.port = "8080";
        c.outcomes = "666:Failed:402, 777:Rejected:408";
        c.faultStatus = 503;
        c.callbackTimeScale = 1;
        c.maxBatches = 10;
        c.maxInbounds = 10;
        c.messagesPerSecond = 30;
        return c;
    }

    @Test
    void onWithoutSinchCredentialsOffWithThemUnlessExplicitlyEnabled() {
        assertTrue(config(Optional.empty(), false, null, null).enabled());
        assertTrue(config(Optional.empty(), false, " ", null).enabled(), "a blank token is no token");
        assertFalse(config(Optional.empty(), false, "real-token", null).enabled());
        assertFalse(config(Optional.empty(), false, null, "real-secret").enabled());
        assertTrue(config(Optional.of(true), false, "real-token", null).enabled());
        assertFalse(config(Optional.of(false), false, null, null).enabled());
        assertTrue(config(Optional.empty(), true, "real-token", null).enabled(), "alone it is all there is");
    }

    @Test
    void defaultsPointCallbacksAtTheConsolesWebhookExceptWhenAlone() {
        SandboxSettings inConsole = config(Optional.empty(), false, null, null).settings();
        assertEquals("http://127.0.0.1:8080/api/webhooks/sinch", inConsole.callbackUrl());
        assertEquals(List.of("hooks.example.com", "other.example.com"), inConsole.callbackHosts());
        assertEquals(List.of(new SandboxSettings.Outcome("666", "Failed", 402), new SandboxSettings.Outcome("777", "Rejected", 408)),
                inConsole.outcomes());
        assertNull(config(Optional.empty(), true, null, null).settings().callbackUrl());
        SandboxConfig bad = config(Optional.empty(), false, null, null);
        bad.outcomes = "666:Exploded:1";
        assertThrows(SandboxException.class, bad::settings);
    }
}
