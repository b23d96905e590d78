package org.smsconsole.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.smsconsole.sinch.SinchConfig;

import java.time.Clock;
import java.util.Optional;

/**
 * How this console reaches Sinch: the real service when credentials are set (a service plan's
 * API token, or OAuth2 keys), otherwise the built-in sandbox on this very server.
 */
@ApplicationScoped
public class SinchSettings {

    static final String WEBHOOK_PATH = "/api/webhooks/sinch";

    @Inject
    @ConfigProperty(name = "SMS_SINCH_REGION", defaultValue = "us")
    String region;

    @Inject
    @ConfigProperty(name = "SMS_SINCH_BASE_URL")
    Optional<String> baseUrl;

    @Inject
    @ConfigProperty(name = "SMS_SINCH_SERVICE_PLAN_ID")
    Optional<String> servicePlanId;

    @Inject
    @ConfigProperty(name = "SMS_SINCH_API_TOKEN")
    Optional<String> apiToken;

    @Inject
    @ConfigProperty(name = "SMS_SINCH_PROJECT_ID")
    Optional<String> projectId;

    @Inject
    @ConfigProperty(name = "SMS_SINCH_KEY_ID")
    Optional<String> keyId;

    @Inject
    @ConfigProperty(name = "SMS_SINCH_KEY_SECRET")
    Optional<String> keySecret;

    @Inject
    @ConfigProperty(name = "SMS_SINCH_WEBHOOK_SECRET")
    Optional<String> webhookSecret;

    @Inject
    @ConfigProperty(name = "SMS_PUBLIC_URL")
    Optional<String> publicUrl;

    @Inject
    @ConfigProperty(name = "SMS_PORT")
    Optional<Integer> port;

    @Inject
    @ConfigProperty(name = "SMS_SANDBOX_SERVICE_PLAN_ID", defaultValue = "sandbox-service-plan")
    String sandboxServicePlanId;

    @Inject
    @ConfigProperty(name = "SMS_SANDBOX_API_TOKEN", defaultValue = "sandbox-api-token")
    String sandboxApiToken;

    @Inject
    Clock clock;

    /** No real credentials: messages go to the sandbox on this server. */
    public boolean sandboxMode() {
        return present(apiToken).isEmpty() && present(keySecret).isEmpty();
    }

    /** The port of this server, or 0 while unknown (see {@link LocalPort}). */
    public int localPort() {
        return port.orElse(LocalPort.learned());
    }

    /** Empty while the sandbox's address is not known yet. */
    public Optional<SinchConfig> sinchConfig() {
        SinchConfig.Builder builder = SinchConfig.builder().clock(clock);
        if (sandboxMode()) {
            if (localPort() == 0) {
                return Optional.empty();
            }
            return Optional.of(builder.baseUrl("http://127.0.0.1:" + localPort() + "/sandbox")
                    .servicePlan(sandboxServicePlanId, sandboxApiToken).build());
        }
        present(baseUrl).ifPresentOrElse(builder::baseUrl, () -> builder.region(region));
        if (present(apiToken).isPresent()) {
            builder.servicePlan(present(servicePlanId).orElse(null), apiToken.get());
        } else {
            builder.oauth(present(projectId).orElse(null), present(keyId).orElse(null), keySecret.get());
        }
        return Optional.of(builder.build());
    }

    /**
     * Where Sinch posts delivery reports and inbound messages: {@code SMS_PUBLIC_URL}'s webhook, the
     * console's own in sandbox mode, none otherwise (then reports are polled).
     */
    public Optional<String> callbackUrl() {
        Optional<String> pub = present(publicUrl);
        if (pub.isPresent()) {
            String base = pub.get();
            return Optional.of((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + WEBHOOK_PATH);
        }
        if (sandboxMode() && localPort() != 0) {
            return Optional.of("http://127.0.0.1:" + localPort() + WEBHOOK_PATH);
        }
        return Optional.empty();
    }

    public Optional<String> webhookSecret() {
        return present(webhookSecret);
    }

    /** MMS is a US-only Sinch feature; the sandbox behaves as the US region. */
    public boolean mmsAvailable() {
        return sandboxMode() || "us".equalsIgnoreCase(region) && present(baseUrl).isEmpty();
    }

    private static Optional<String> present(Optional<String> value) {
        return value.filter(s -> !s.isBlank());
    }
}
