package org.smsconsole.sinch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.smsconsole.sinch.BatchesClientTest.ID;
import static org.smsconsole.sinch.BatchesClientTest.vector;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smsconsole.sinch.batch.TextRequest;

/** Errors as one exception type with retry and "may have been applied" flags; OAuth2 tokens; configuration. */
class FailuresAndAuthTest {
    FakeSinch sinch;

    @BeforeEach
    void start() throws IOException {
        sinch = new FakeSinch();
    }

    @AfterEach
    void stop() {
        sinch.close();
    }

    private SinchClient planClient() {
        return SinchClient.create(SinchConfig.builder().baseUrl(sinch.root()).servicePlan("plan-1", "api-token-1")
                .readTimeout(Duration.ofMillis(400)).build());
    }

    private static TextRequest hello() {
        return TextRequest.builder().to("15551231234").body("Hello").clientReference("rel-1").build();
    }

    @Test
    void clientErrorCarriesSinchCodeAndIsNotRetryable() {
        sinch.answer(400, vector("error.json"));
        try (SinchClient client = planClient()) {
            SinchException e = assertThrows(SinchException.class, () -> client.batches().send(hello()));
            assertEquals(400, e.status());
            assertEquals("syntax_invalid_parameter_format", e.code());
            assertEquals("Invalid MSISDN '4670' in field 'to'", e.text());
            assertFalse(e.retryable());
            assertFalse(e.mayHaveBeenApplied());
        }
    }

    @Test
    void forbiddenDispatchedBatchIsFinal() {
        sinch.answer(403, "{\"code\":\"batch_already_dispatched\",\"text\":\"too late\"}");
        try (SinchClient client = planClient()) {
            SinchException e = assertThrows(SinchException.class, () -> client.batches().cancel(ID));
            assertEquals("batch_already_dispatched", e.code());
            assertFalse(e.retryable());
        }
    }

    @Test
    void tooManyRequestsIsRetryableAndCertainlyNotApplied() {
        sinch.answer(429, "{\"code\":\"too_many_requests\",\"text\":\"slow down\"}");
        try (SinchClient client = planClient()) {
            SinchException e = assertThrows(SinchException.class, () -> client.batches().send(hello()));
            assertTrue(e.retryable());
            assertTrue(e.certainlyNotApplied());
        }
    }

    @Test
    void serverErrorOnSendMayHaveBeenApplied() {
        sinch.answer(503, "<html>Service Unavailable</html>");
        sinch.answer(500, "");
        try (SinchClient client = planClient()) {
            SinchException post = assertThrows(SinchException.class, () -> client.batches().send(hello()));
            assertEquals(503, post.status());
            assertEquals("<html>Service Unavailable</html>", post.text());
            assertTrue(post.retryable());
            assertTrue(post.mayHaveBeenApplied());

            SinchException get = assertThrows(SinchException.class, () -> client.batches().get(ID));
            assertTrue(get.retryable());
            assertFalse(get.mayHaveBeenApplied(), "a read changes nothing");
        }
    }

    @Test
    void readTimeoutOnSendMayHaveBeenApplied() {
        sinch.hang();
        try (SinchClient client = planClient()) {
            SinchException e = assertThrows(SinchException.class, () -> client.batches().send(hello()));
            assertEquals(0, e.status());
            assertEquals(SinchException.TIMEOUT, e.code());
            assertTrue(e.retryable());
            assertTrue(e.mayHaveBeenApplied());
        }
    }

    @Test
    void aConnectionDroppedAfterTheBatchArrivedIsNeverResentByTheClientAndMayHaveBeenApplied() {
        // What the JDK's HttpURLConnection answers by POSTing again (sun.net.http.retryPost): two batches at Sinch.
        sinch.drop();
        sinch.answer(201, vector("batches/text-batch.json"));
        try (SinchClient client = planClient()) {
            SinchException e = assertThrows(SinchException.class, () -> client.batches().send(hello()));
            assertEquals(0, e.status());
            assertEquals(SinchException.CONNECTION_BROKEN, e.code());
            assertTrue(e.mayHaveBeenApplied(), "Sinch may have stored it before the connection closed");
            // HttpURLConnection would have sent it again and got the 201 queued here instead of failing.
            assertEquals(1, sinch.received().size(), "the POST reached Sinch once: " + sinch.received());
        }
    }

    @Test
    void refusedConnectionIsRetryableAndCertainlyNotApplied() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        try (SinchClient client = SinchClient.create(SinchConfig.builder().baseUrl("http://127.0.0.1:" + port)
                .servicePlan("p", "t").build())) {
            SinchException e = assertThrows(SinchException.class, () -> client.batches().send(hello()));
            assertEquals(SinchException.CONNECTION_REFUSED, e.code());
            assertTrue(e.retryable());
            assertTrue(e.certainlyNotApplied());
        }
    }

    @Test
    void oauthTokenIsFetchedCachedRefreshedBeforeExpiryAndOnExpired401() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-10T10:00:00Z"));
        SinchConfig config = SinchConfig.builder().baseUrl(sinch.root()).oauth("project-1", "key-1", "secret-1")
                .authUrl(sinch.root() + "/oauth2/token").clock(clock).build();
        String batch = vector("batches/text-batch.json");
        sinch.answer(200, "{\"access_token\":\"tok-1\",\"expires_in\":3600,\"scope\":\"\",\"token_type\":\"bearer\"}")
                .answer(200, batch).answer(200, batch);
        try (SinchClient client = SinchClient.create(config)) {
            client.batches().get(ID);
            client.batches().get(ID);
            List<FakeSinch.Received> got = List.copyOf(sinch.received());
            assertEquals(3, got.size(), "one token request, then two calls with the cached token");
            FakeSinch.Received token = got.get(0);
            assertEquals("POST", token.method());
            assertEquals("/oauth2/token", token.path());
            assertEquals("Basic " + Base64.getEncoder().encodeToString("key-1:secret-1".getBytes(StandardCharsets.UTF_8)),
                    token.header("Authorization"));
            assertEquals("grant_type=client_credentials", token.body());
            assertTrue(token.header("Content-Type").startsWith("application/x-www-form-urlencoded"));
            assertEquals("/xms/v1/project-1/batches/" + ID, got.get(1).path());
            assertEquals("Bearer tok-1", got.get(1).header("Authorization"));
            assertEquals("Bearer tok-1", got.get(2).header("Authorization"));
            sinch.received().clear();

            clock.advance(Duration.ofMinutes(59).plusSeconds(1)); // within a minute of expiry
            sinch.answer(200, "{\"access_token\":\"tok-2\",\"expires_in\":3600}").answer(200, batch);
            client.batches().get(ID);
            assertEquals("/oauth2/token", sinch.received().get(0).path());
            assertEquals("Bearer tok-2", sinch.received().get(1).header("Authorization"));
            sinch.received().clear();

            sinch.answer(401, "{\"code\":\"unauthorized\",\"text\":\"token expired\"}",
                            Map.of("WWW-Authenticate", "Bearer error=\"invalid_token\", error_description=\"expired\""))
                    .answer(200, "{\"access_token\":\"tok-3\",\"expires_in\":3600}").answer(200, batch);
            client.batches().get(ID);
            assertEquals(java.util.Arrays.asList("Bearer tok-2", null, "Bearer tok-3"),
                    sinch.received().stream().map(r -> r.path().equals("/oauth2/token") ? null : r.header("Authorization")).toList());
            sinch.received().clear();

            sinch.answer(401, "{\"code\":\"unauthorized\",\"text\":\"bad credentials\"}");
            SinchException e = assertThrows(SinchException.class, () -> client.batches().get(ID));
            assertEquals(401, e.status());
            assertFalse(e.retryable());
            assertEquals(1, sinch.received().size(), "a 401 that does not say expired is not retried");
        }
    }

    @Test
    void apiTokenClientDoesNotRetryAnExpired401() {
        sinch.answer(401, "{\"code\":\"unauthorized\",\"text\":\"expired\"}", Map.of("WWW-Authenticate", "Bearer expired"));
        try (SinchClient client = planClient()) {
            assertEquals(401, assertThrows(SinchException.class, () -> client.batches().get(ID)).status());
            assertEquals(1, sinch.received().size());
        }
    }

    @Test
    void regionsAndBaseUrls() {
        assertEquals("https://us.sms.api.sinch.com/xms/v1/p",
                SinchConfig.builder().servicePlan("p", "t").build().apiBase().toString());
        assertEquals("https://ca.sms.api.sinch.com/xms/v1/p",
                SinchConfig.builder().region("ca").servicePlan("p", "t").build().apiBase().toString());
        assertEquals("https://zt.eu.sms.api.sinch.com/xms/v1/proj",
                SinchConfig.builder().region(SinchConfig.Region.EU).oauth("proj", "k", "s").build().apiBase().toString());
        assertEquals("http://127.0.0.1:9/sandbox/xms/v1/p",
                SinchConfig.builder().baseUrl("http://127.0.0.1:9/sandbox/").servicePlan("p", "t").build().apiBase().toString());
        assertEquals("region", assertThrows(SinchValidationException.class,
                () -> SinchConfig.builder().region("au").oauth("proj", "k", "s").build()).field());
        assertEquals("region", assertThrows(SinchValidationException.class,
                () -> SinchConfig.builder().region("mars")).field());
        assertEquals("credentials", assertThrows(SinchValidationException.class,
                () -> SinchConfig.builder().servicePlan("p", "t").oauth("proj", "k", "s").build()).field());
        assertEquals("api_token", assertThrows(SinchValidationException.class,
                () -> SinchConfig.builder().servicePlan("p", " ").build()).field());
    }

    @Test
    void toStringNeverShowsSecrets() {
        String plan = SinchConfig.builder().servicePlan("plan-1", "very-secret-token").build().toString();
        String oauth = SinchConfig.builder().oauth("proj", "key-1", "very-secret-key").build().toString();
        assertFalse(plan.contains("very-secret"), plan);
        assertFalse(oauth.contains("very-secret"), oauth);
        assertTrue(plan.contains("plan-1") && oauth.contains("key-1"));
    }
}
