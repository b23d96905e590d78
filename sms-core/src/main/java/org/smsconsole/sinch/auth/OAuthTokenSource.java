package org.smsconsole.sinch.auth;

import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Form;
import jakarta.ws.rs.core.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.smsconsole.sinch.SinchConfig;
import org.smsconsole.sinch.SinchJson;
import org.smsconsole.sinch.SinchTransport;

/**
 * OAuth2 client credentials with a project access key: {@code POST} the token endpoint with
 * HTTP Basic {@code keyId:keySecret}, cache the token, fetch a new one shortly before it
 * expires (a minute, or half the lifetime of a short-lived token) or when Sinch says it expired.
 */
public final class OAuthTokenSource implements TokenSource {
    private static final Duration MARGIN = Duration.ofMinutes(1);

    private final SinchTransport transport;
    private final SinchConfig config;
    private final Clock clock;
    private String token;
    private Instant refreshAt = Instant.MIN;

    public OAuthTokenSource(SinchTransport transport, SinchConfig config) {
        this.transport = transport;
        this.config = config;
        this.clock = config.clock();
    }

    @Override
    public synchronized String token() {
        Instant now = clock.instant();
        if (token == null || !now.isBefore(refreshAt)) {
            fetch(now);
        }
        return token;
    }

    @Override
    public synchronized boolean expired(String expiredToken) {
        if (expiredToken != null && expiredToken.equals(token)) {
            token = null;
        }
        return true;
    }

    private void fetch(Instant now) {
        String basic = Base64.getEncoder().encodeToString(
                (config.keyId() + ":" + config.keySecret()).getBytes(StandardCharsets.UTF_8));
        String body = transport.exchange("POST", transport.client().target(config.authUrl()),
                HttpHeaders.AUTHORIZATION, "Basic " + basic,
                Entity.form(new Form("grant_type", "client_credentials")));
        OAuthToken answer = SinchJson.read(body, OAuthToken.class);
        if (answer.accessToken() == null || answer.accessToken().isBlank()) {
            throw new IllegalStateException("The token endpoint answered without access_token");
        }
        Duration lifetime = Duration.ofSeconds(answer.expiresIn() == null ? 0 : answer.expiresIn());
        Duration margin = lifetime.dividedBy(2).compareTo(MARGIN) < 0 ? lifetime.dividedBy(2) : MARGIN;
        token = answer.accessToken();
        refreshAt = now.plus(lifetime).minus(margin);
    }
}
