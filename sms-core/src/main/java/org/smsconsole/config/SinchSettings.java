package org.smsconsole.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.smsconsole.sinch.SinchConfig;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * How this console reaches Sinch: the real service when credentials are set (a service plan's
 * API token, or OAuth2 keys), otherwise the built-in sandbox on this very server. Each value comes
 * from its environment variable ({@code SMS_SINCH_*}) or, when that is absent, from the Settings screen,
 * so moving from the sandbox to Sinch needs nothing but those settings.
 */
@ApplicationScoped
public class SinchSettings {

    public static final String WEBHOOK_PATH = "/api/webhooks/sinch";

    /** The connection itself: the environment's values, else those stored on the Settings screen. */
    @Inject
    StoredSettings stored;

    @Inject
    @ConfigProperty(name = "SMS_PUBLIC_URL")
    Optional<String> publicUrl;

    @Inject
    @ConfigProperty(name = "SMS_PORT")
    Optional<Integer> port;

    @Inject
    SandboxCredentials sandbox;

    /** The secret part of the callback URL. */
    @Inject
    InstallationSecrets generated;

    /** Connecting to Sinch, and waiting for its answer: after either the request may or may not have been applied. */
    @Inject
    @ConfigProperty(name = "SMS_SINCH_CONNECT_TIMEOUT_MS", defaultValue = "10000")
    long connectTimeoutMs;

    @Inject
    @ConfigProperty(name = "SMS_SINCH_READ_TIMEOUT_MS", defaultValue = "30000")
    long readTimeoutMs;

    @Inject
    Clock clock;

    /** The longest one request to Sinch is waited for (connecting and answering): the release engine's lease must exceed it. */
    public Duration requestTimeout() {
        return connectTimeout().plus(readTimeout());
    }

    private Duration connectTimeout() {
        return Duration.ofMillis(Math.max(1, connectTimeoutMs));
    }

    private Duration readTimeout() {
        return Duration.ofMillis(Math.max(1, readTimeoutMs));
    }

    private SinchConfig.Builder builder() {
        return SinchConfig.builder().clock(clock).connectTimeout(connectTimeout()).readTimeout(readTimeout());
    }

    /**
     * No real credentials, neither in the environment nor stored: messages go to the sandbox on this server. A stored
     * token this installation's key cannot open still counts as real credentials: losing the key must not quietly
     * turn the built-in sandbox on in front of a real Sinch account.
     */
    public boolean sandboxMode() {
        return !stored.configured(Setting.SINCH_API_TOKEN) && !stored.configured(Setting.SINCH_KEY_SECRET);
    }

    /** The port of this server, or 0 while unknown (see {@link LocalPort}). */
    public int localPort() {
        return port.orElse(LocalPort.learned());
    }

    /** Empty while the sandbox's address is not known yet. */
    public Optional<SinchConfig> sinchConfig() {
        SinchConfig.Builder builder = builder();
        if (sandboxMode()) {
            if (localPort() == 0) {
                return Optional.empty();
            }
            return Optional.of(builder.baseUrl(sandboxBaseUrl().orElseThrow())
                    .servicePlan(sandbox.servicePlanId(), sandbox.apiToken()).build());
        }
        return Optional.of(connection(region(), get(Setting.SINCH_BASE_URL), get(Setting.SINCH_SERVICE_PLAN_ID), apiToken(),
                get(Setting.SINCH_PROJECT_ID), get(Setting.SINCH_KEY_ID), keySecret()));
    }

    /**
     * A connection to the real Sinch (or any address) from the given values, as the Settings screen's
     * "Test connection" builds it from the form. A token wins over OAuth keys, as in {@link #sinchConfig()}.
     *
     * @throws org.smsconsole.sinch.SinchValidationException when the values are incomplete
     */
    public SinchConfig connection(String region, Optional<String> baseUrl, Optional<String> servicePlanId, Optional<String> apiToken,
                                  Optional<String> projectId, Optional<String> keyId, Optional<String> keySecret) {
        SinchConfig.Builder builder = builder();
        present(baseUrl).ifPresentOrElse(builder::baseUrl, () -> builder.region(region));
        if (present(apiToken).isPresent()) {
            builder.servicePlan(present(servicePlanId).orElse(null), apiToken.get());
        } else {
            builder.oauth(present(projectId).orElse(null), present(keyId).orElse(null), present(keySecret).orElse(null));
        }
        return builder.build();
    }

    /** The sandbox on this server, as sandbox mode reaches it; empty while its port is unknown. */
    public Optional<String> sandboxBaseUrl() {
        return localPort() == 0 ? Optional.empty() : Optional.of("http://127.0.0.1:" + localPort() + "/sandbox");
    }

    private String region() {
        return get(Setting.SINCH_REGION).orElse("us");
    }

    private Optional<String> apiToken() {
        return get(Setting.SINCH_API_TOKEN);
    }

    private Optional<String> keySecret() {
        return get(Setting.SINCH_KEY_SECRET);
    }

    private Optional<String> get(Setting setting) {
        return present(stored.value(setting));
    }

    /**
     * Where Sinch posts delivery reports and inbound messages: {@code SMS_PUBLIC_URL}'s webhook, the console's own in
     * sandbox mode, none otherwise (then reports are polled). Always with this installation's secret path
     * ({@link #callbackPath()}), so that a callback is authenticated even when Sinch does not sign it.
     */
    public Optional<String> callbackUrl() {
        Optional<String> pub = present(publicUrl);
        if (pub.isPresent()) {
            String base = pub.get();
            return Optional.of((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + callbackPath());
        }
        if (sandboxMode() && localPort() != 0) {
            return Optional.of("http://127.0.0.1:" + localPort() + callbackPath());
        }
        return Optional.empty();
    }

    /** {@code /api/webhooks/sinch/} and this installation's random callback token: the path to give Sinch. */
    public String callbackPath() {
        return WEBHOOK_PATH + "/" + callbackToken();
    }

    /** The secret part of the callback path, made on the first start and kept in the database for every instance. */
    public String callbackToken() {
        return generated.get(InstallationSecrets.SINCH_CALLBACK_TOKEN, 32);
    }

    /** Sinch signs callbacks ({@code SMS_SINCH_WEBHOOK_SECRET} set, or stored even if unreadable). */
    public boolean callbacksSigned() {
        return stored.configured(Setting.SINCH_WEBHOOK_SECRET);
    }

    public Optional<String> webhookSecret() {
        return get(Setting.SINCH_WEBHOOK_SECRET);
    }

    /** MMS is a US-only Sinch feature; the sandbox behaves as the US region. */
    public boolean mmsAvailable() {
        return sandboxMode() || "us".equalsIgnoreCase(region()) && get(Setting.SINCH_BASE_URL).isEmpty();
    }

    private static Optional<String> present(Optional<String> value) {
        return value.filter(s -> !s.isBlank());
    }
}
