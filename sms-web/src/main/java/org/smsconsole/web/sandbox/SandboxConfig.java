package org.smsconsole.web.sandbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.smsconsole.config.SandboxCredentials;
import org.smsconsole.config.SinchSettings;
import org.smsconsole.web.sandbox.engine.SandboxException;
import org.smsconsole.web.sandbox.engine.SandboxSettings;

/**
 * The sandbox's MicroProfile Config: whether it serves at all, its credentials (random per installation), and
 * the defaults of the simulated network (which the control API can change at run time).
 */
@ApplicationScoped
public class SandboxConfig {

    @Inject
    @ConfigProperty(name = "SMS_SANDBOX_ENABLED")
    Optional<Boolean> enabled;

    @Inject
    @ConfigProperty(name = "SMS_SANDBOX_ONLY", defaultValue = "false")
    boolean sandboxOnly;

    /** Whether real Sinch is configured, by the environment or on the Settings screen, and the callback path. */
    @Inject
    SinchSettings sinch;

    /** Random per installation unless SMS_SANDBOX_SERVICE_PLAN_ID / SMS_SANDBOX_API_TOKEN say otherwise. */
    @Inject
    SandboxCredentials credentials;

    /** The service plan's own number: where simulated MOs are sent to by default. */
    @Inject
    @ConfigProperty(name = "SMS_SANDBOX_NUMBER", defaultValue = "12025550100")
    String sandboxNumber;

    /** The webhook secret may be stored on the Settings screen; the sandbox signs with the one in force. */
    @Inject
    org.smsconsole.config.StoredSettings storedSettings;

    @Inject
    @ConfigProperty(name = "SMS_PORT", defaultValue = "8080")
    String port;

    @Inject
    @ConfigProperty(name = "SMS_SANDBOX_CALLBACK_URL")
    Optional<String> callbackUrl;

    @Inject
    @ConfigProperty(name = "SMS_SANDBOX_CALLBACK_HOSTS")
    Optional<String> callbackHosts;

    @Inject
    @ConfigProperty(name = "SMS_SANDBOX_CALLBACK_TIME_SCALE", defaultValue = "1.0")
    double callbackTimeScale;

    @Inject
    @ConfigProperty(name = "SMS_SANDBOX_DISPATCH_DELAY_MS", defaultValue = "200")
    long dispatchDelayMs;

    @Inject
    @ConfigProperty(name = "SMS_SANDBOX_DELIVERY_DELAY_MS", defaultValue = "1000")
    long deliveryDelayMs;

    @Inject
    @ConfigProperty(name = "SMS_SANDBOX_MESSAGES_PER_SECOND", defaultValue = "30")
    int messagesPerSecond;

    /** {@code suffix:Status:code}, comma-separated, e.g. {@code 666:Failed:402,777:Rejected:408}. */
    @Inject
    @ConfigProperty(name = "SMS_SANDBOX_OUTCOMES", defaultValue = "666:Failed:402")
    String outcomes;

    @Inject
    @ConfigProperty(name = "SMS_SANDBOX_FAULT_STATUS", defaultValue = "503")
    int faultStatus;

    @Inject
    @ConfigProperty(name = "SMS_SANDBOX_FAULT_RATE", defaultValue = "0")
    double faultRate;

    @Inject
    @ConfigProperty(name = "SMS_SANDBOX_SEND_ANSWER_DELAY_MS", defaultValue = "0")
    long sendAnswerDelayMs;

    @Inject
    @ConfigProperty(name = "SMS_SANDBOX_MAX_BATCHES", defaultValue = "10000")
    int maxBatches;

    @Inject
    @ConfigProperty(name = "SMS_SANDBOX_MAX_INBOUNDS", defaultValue = "10000")
    int maxInbounds;

    @Inject
    @ConfigProperty(name = "SMS_SANDBOX_DEFAULT_ORIGINATOR", defaultValue = "SandboxSMS")
    String defaultOriginator;

    /**
     * Off whenever real Sinch is configured, by the environment or on the Settings screen (unless explicitly enabled):
     * a sandbox next to a real account would sign made-up replies with the real webhook secret. Always on alone.
     */
    public boolean enabled() {
        if (enabled.isPresent()) {
            return enabled.get();
        }
        return sandboxOnly || !realSinchConfigured();
    }

    public boolean sandboxOnly() {
        return sandboxOnly;
    }

    public boolean realSinchConfigured() {
        return !sinch.sandboxMode();
    }

    public String servicePlanId() {
        return credentials.servicePlanId();
    }

    public String apiToken() {
        return credentials.apiToken();
    }

    public String sandboxNumber() {
        return sandboxNumber;
    }

    public String webhookSecret() {
        return storedSettings.value(org.smsconsole.config.Setting.SINCH_WEBHOOK_SECRET).orElse(null);
    }

    public String port() {
        return port;
    }

    /**
     * The settings a reset returns to. The default callback URL is the console's own webhook at this
     * installation's secret path, except when the sandbox runs alone (then there is no console here to receive it).
     */
    public SandboxSettings settings() {
        String url = callbackUrl.filter(s -> !s.isBlank())
                .orElseGet(() -> sandboxOnly ? null : "http://127.0.0.1:" + port + sinch.callbackPath());
        return new SandboxSettings(dispatchDelayMs, deliveryDelayMs, messagesPerSecond, parseOutcomes(outcomes),
                faultStatus, faultRate, 0, sendAnswerDelayMs, url, list(callbackHosts.orElse("")), callbackTimeScale,
                maxBatches, maxInbounds, defaultOriginator).validated();
    }

    static List<SandboxSettings.Outcome> parseOutcomes(String text) {
        List<SandboxSettings.Outcome> out = new ArrayList<>();
        for (String rule : list(text)) {
            String[] parts = rule.split(":");
            if (parts.length != 3) {
                throw SandboxException.constraint("SMS_SANDBOX_OUTCOMES: '" + rule + "' is not suffix:Status:code");
            }
            out.add(new SandboxSettings.Outcome(parts[0].trim(), parts[1].trim(), Integer.parseInt(parts[2].trim())));
        }
        return out;
    }

    private static List<String> list(String text) {
        return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
