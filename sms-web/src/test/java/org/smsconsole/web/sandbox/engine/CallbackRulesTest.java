package org.smsconsole.web.sandbox.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sinch's retry schedule and the callback allow-list. */
class CallbackRulesTest {

    @Test
    void retriesFollowSinchsScheduleEndingAbout22Hours45MinutesLater() {
        assertEquals(Duration.ofSeconds(5), CallbackPoster.retryDelay(1, 1.0));
        assertEquals(Duration.ofSeconds(10), CallbackPoster.retryDelay(2, 1.0));
        Duration total = Duration.ZERO;
        for (int retry = 1; retry <= CallbackPoster.MAX_RETRIES; retry++) {
            total = total.plus(CallbackPoster.retryDelay(retry, 1.0));
        }
        assertEquals(Duration.ofHours(22).plusMinutes(45).plusSeconds(15), total);
        assertEquals(Duration.ofMillis(5), CallbackPoster.retryDelay(1, 0.001), "the time scale makes tests fast");
    }

    @Test
    void onlyLoopbackAndAllowListedHostsGetCallbacks() {
        assertTrue(CallbackHosts.allowed("http://127.0.0.1:8080/api/webhooks/sinch", List.of()));
        assertTrue(CallbackHosts.allowed("http://localhost/x", List.of()));
        assertTrue(CallbackHosts.allowed("http://[::1]:9000/x", List.of()));
        assertFalse(CallbackHosts.allowed("http://example.com/x", List.of()));
        assertFalse(CallbackHosts.allowed("http://10.0.0.1/x", List.of()));
        assertFalse(CallbackHosts.allowed("ftp://127.0.0.1/x", List.of()));
        assertTrue(CallbackHosts.allowed("https://hooks.example.com/x", List.of("hooks.example.com")));
        assertTrue(CallbackHosts.allowedResolved("http://localhost:1/x", List.of()));
        assertFalse(CallbackHosts.allowedResolved("http://10.0.0.1/x", List.of()));
    }
}
