package org.smsconsole.web.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.smsconsole.config.SinchSettings;
import org.smsconsole.web.sandbox.engine.SandboxException;
import org.smsconsole.web.sandbox.engine.SandboxSettings;

/** When the sandbox serves, and the settings its configuration gives. */
class SandboxConfigTest {

    /** Real Sinch configured or not, by whatever means (the environment or the Settings screen: SinchSettings decides). */
    private static SandboxConfig config(Optional<Boolean> enabled, boolean alone, boolean realSinch) {
        SandboxConfig c = new SandboxConfig();
        c.enabled = enabled;
        c.sandboxOnly = alone;
        c.sinch = new SinchSettings() {
            @Override
            public boolean sandboxMode() {
                return !realSinch;
            }

            @Override
            public String callbackPath() {
                return WEBHOOK_PATH + "/installation-token";
            }
        };
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
    void onInSandboxModeOffWheneverRealSinchIsConfiguredUnlessExplicitlyEnabled() {
        assertTrue(config(Optional.empty(), false, false).enabled());
        assertFalse(config(Optional.empty(), false, true).enabled(), "real Sinch stored on the Settings screen counts too");
        assertTrue(config(Optional.of(true), false, true).enabled());
        assertFalse(config(Optional.of(false), false, false).enabled());
        assertTrue(config(Optional.empty(), true, true).enabled(), "alone it is all there is");
    }

    @Test
    void defaultsPointCallbacksAtTheConsolesWebhookExceptWhenAlone() {
        SandboxSettings inConsole = config(Optional.empty(), false, false).settings();
        assertEquals("http://127.0.0.1:8080/api/webhooks/sinch/installation-token", inConsole.callbackUrl(),
                "the console's webhook at this installation's secret path");
        assertEquals(List.of("hooks.example.com", "other.example.com"), inConsole.callbackHosts());
        assertEquals(List.of(new SandboxSettings.Outcome("666", "Failed", 402), new SandboxSettings.Outcome("777", "Rejected", 408)),
                inConsole.outcomes());
        assertNull(config(Optional.empty(), true, false).settings().callbackUrl());
        SandboxConfig bad = config(Optional.empty(), false, false);
        bad.outcomes = "666:Exploded:1";
        assertThrows(SandboxException.class, bad::settings);
    }
}
