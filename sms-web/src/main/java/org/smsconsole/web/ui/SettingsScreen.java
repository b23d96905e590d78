package org.smsconsole.web.ui;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.smsconsole.config.Setting;
import org.smsconsole.config.SinchSettings;
import org.smsconsole.config.StoredSettings;
import org.smsconsole.sinch.SinchClient;
import org.smsconsole.sinch.SinchConfig;
import org.smsconsole.sinch.SinchException;
import org.smsconsole.sinch.batch.BatchQuery;
import org.smsconsole.validation.InvalidInputException;

import java.io.Serializable;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Settings (ADMIN): the Sinch connection, senders, default country and quiet hours, stored in the
 * database. A value set by an environment variable wins and is shown read-only. Secrets are never
 * sent to the browser: their fields start empty, a typed value replaces the stored one, an empty one keeps it.
 * "Test connection" sends a stored secret only to the address it was saved for: with another base URL or region
 * on the form, the secret must be typed again (else the form could send the real token anywhere).
 */
@Named
@ViewScoped
public class SettingsScreen implements Serializable {

    static final String FORM = "settingsForm";
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(SettingsScreen.class.getName());

    @Inject
    transient StoredSettings stored;

    @Inject
    transient SinchSettings sinch;

    @Inject
    transient org.smsconsole.config.SandboxCredentials sandbox;

    /** What the form shows and edits, by {@link Setting} name; secrets hold only what was typed in this request. */
    private final Map<String, String> values = new HashMap<>();
    private String testResult;
    private boolean testSucceeded;

    @PostConstruct
    void init() {
        load();
    }

    private void load() {
        values.clear();
        for (Setting s : Setting.values()) {
            if (!s.secret()) {
                values.put(s.name(), stored.value(s).orElse(""));
            }
        }
        values.put(Setting.SENDERS.name(), String.join("\n", stored.senders()));
        values.put(Setting.WEBHOOK_ALLOWED_HOSTS.name(), stored.value(Setting.WEBHOOK_ALLOWED_HOSTS)
                .map(v -> String.join("\n", org.smsconsole.webhook.WebhookAddresses.hostList(v))).orElse(""));
        if (values.get(Setting.SINCH_REGION.name()).isEmpty()) {
            values.put(Setting.SINCH_REGION.name(), "us");
        }
    }

    public Map<String, String> getValues() {
        return values;
    }

    /** Set by an environment variable or system property: read-only here. */
    public boolean env(String name) {
        return stored.setByEnvironment(Setting.valueOf(name));
    }

    public String variable(String name) {
        return Setting.valueOf(name).variable();
    }

    /** What a secret's empty field stands for; its value itself is never rendered. */
    public String secretState(String name) {
        Setting s = Setting.valueOf(name);
        if (stored.setByEnvironment(s)) {
            return "Set by " + s.variable() + " (not shown)";
        }
        if (stored.unreadable(s)) {
            return "Stored, but this installation's secrets key cannot read it (SMS_SECRETS_KEY or the key file changed): type it again";
        }
        return stored.stored(s).isPresent() ? "Stored (not shown): type a new one to replace it" : "Not set";
    }

    public boolean storedSecret(String name) {
        Setting s = Setting.valueOf(name);
        return !stored.setByEnvironment(s) && (stored.stored(s).isPresent() || stored.unreadable(s));
    }

    public boolean isSandboxMode() {
        return sinch.sandboxMode();
    }

    public String getSandboxBaseUrl() {
        return sinch.sandboxBaseUrl().orElse("");
    }

    /** The sandbox's credentials, random per installation, for the sandbox-mode sentence. */
    public String getSandboxServicePlanId() {
        return sandbox.servicePlanId();
    }

    /**
     * The URL to give Sinch for delivery reports and inbound messages: this installation's secret path on
     * {@code SMS_PUBLIC_URL} (shown with a placeholder while that is not set).
     */
    public String getCallbackUrl() {
        return sinch.callbackUrl().filter(u -> !sinch.sandboxMode()).orElse("<SMS_PUBLIC_URL>" + sinch.callbackPath());
    }

    public boolean isCallbacksSigned() {
        return sinch.callbacksSigned();
    }

    public void save() {
        Map<Setting, String> changes = new LinkedHashMap<>();
        for (Setting s : Setting.values()) {
            if (stored.setByEnvironment(s)) {
                continue;
            }
            String value = values.get(s.name());
            if (s.secret()) {
                if (value != null && !value.isEmpty()) {
                    changes.put(s, value); // empty keeps the stored secret
                }
            } else {
                changes.put(s, value == null ? "" : value);
            }
        }
        try {
            stored.save(changes);
            load();
            boolean unsigned = !sinch.sandboxMode() && !sinch.callbacksSigned();
            if (unsigned) {
                LOG.warning("Sinch callbacks are NOT SIGNED: real Sinch is configured without a webhook secret; only callbacks to"
                        + " the secret callback URL shown on Admin › Settings are accepted");
            }
            Messages.info("Settings saved." + (sinch.sandboxMode() ? " No API token or key secret: sandbox mode."
                    : unsigned ? " Sinch's callbacks are not signed: see the callback URL below." : ""));
        } catch (InvalidInputException e) {
            clearSecrets();
            Messages.fieldError(FORM, field(e));
        }
    }

    /** Removes a stored secret (without a token and a key secret the console goes back to the sandbox). */
    public void forget(String name) {
        Setting s = Setting.valueOf(name);
        stored.save(Map.of(s, ""));
        load();
        Messages.info("Removed the stored " + s.variable() + ".");
    }

    /** Lists one batch with the values on the form (not saved) and says plainly what went wrong. */
    public void testConnection() {
        testSucceeded = false;
        SinchConfig config;
        try {
            boolean sameAddress = addressOnForm().equals(addressInForce());
            Optional<String> token = secretForTest(Setting.SINCH_API_TOKEN, sameAddress);
            Optional<String> keySecret = secretForTest(Setting.SINCH_KEY_SECRET, sameAddress);
            if (token.isEmpty() && keySecret.isEmpty() && !sameAddress && (inForce(Setting.SINCH_API_TOKEN) || inForce(Setting.SINCH_KEY_SECRET))) {
                Setting secret = inForce(Setting.SINCH_API_TOKEN) ? Setting.SINCH_API_TOKEN : Setting.SINCH_KEY_SECRET;
                Messages.fieldError(FORM, new InvalidInputException(secret.name(), "The address changed: type the "
                        + (secret == Setting.SINCH_API_TOKEN ? "API token" : "key secret") + " again to test it there. The stored one"
                        + " is only sent to " + describe(addressInForce()) + "."));
                testResult = "Not tested: a stored secret is only sent to the address it was saved for.";
                return;
            }
            if (token.isEmpty() && keySecret.isEmpty()) {
                testResult = "No API token and no key secret: the console would use its built-in sandbox. Type a token"
                        + " (or OAuth keys) to test a connection to Sinch.";
                return;
            }
            config = sinch.connection(formOrInForce(Setting.SINCH_REGION).orElse("us"), formOrInForce(Setting.SINCH_BASE_URL),
                    formOrInForce(Setting.SINCH_SERVICE_PLAN_ID), token, formOrInForce(Setting.SINCH_PROJECT_ID),
                    formOrInForce(Setting.SINCH_KEY_ID), keySecret);
        } catch (IllegalArgumentException e) { // SinchValidationException: a value missing or malformed
            testResult = "The settings are incomplete: " + e.getMessage();
            return;
        }
        try (SinchClient client = SinchClient.create(config)) {
            var page = client.batches().list(BatchQuery.all(), 0, 1);
            testSucceeded = true;
            testResult = "Connected to " + config.apiBase() + ": Sinch accepted the credentials"
                    + (page.count() == null ? "." : " (" + page.count() + " batches in this service plan).");
        } catch (SinchException e) {
            testResult = describe(config, e);
        } catch (RuntimeException e) {
            testResult = "Could not reach " + config.apiBase() + ": " + e.getMessage();
        }
    }

    /** A secret for the test: the one typed now; the one in force (stored or from the environment) only for its own address. */
    private Optional<String> secretForTest(Setting secret, boolean sameAddress) {
        String typed = stored.setByEnvironment(secret) ? null : values.get(secret.name());
        if (typed != null && !typed.isBlank()) {
            return Optional.of(typed.strip());
        }
        return sameAddress ? stored.value(secret) : Optional.empty();
    }

    private boolean inForce(Setting secret) {
        return stored.value(secret).isPresent();
    }

    /** Where the form would connect: its base URL, else its region. */
    private String addressOnForm() {
        return address(formOrInForce(Setting.SINCH_BASE_URL), formOrInForce(Setting.SINCH_REGION));
    }

    /** Where the saved settings connect, which is where their secrets may go. */
    private String addressInForce() {
        return address(stored.value(Setting.SINCH_BASE_URL), stored.value(Setting.SINCH_REGION));
    }

    private static String address(Optional<String> baseUrl, Optional<String> region) {
        Optional<String> url = baseUrl.map(String::strip).filter(u -> !u.isEmpty()).map(u -> u.replaceAll("/+$", ""));
        return url.orElse("region " + region.map(r -> r.strip().toLowerCase(java.util.Locale.ROOT)).filter(r -> !r.isEmpty()).orElse("us"));
    }

    private static String describe(String address) {
        return address.startsWith("region ") ? "Sinch's " + address.substring(7) + " region" : address;
    }

    static String describe(SinchConfig config, SinchException e) {
        String text = e.text() == null || e.text().isBlank() ? "" : ": " + e.text();
        if (e.status() == 401 || e.status() == 403) {
            return "Sinch refused the credentials (" + e.status() + " " + (e.code() == null ? e.status() == 401 ? "unauthorized" : "forbidden" : e.code())
                    + ")" + text;
        }
        if (e.status() > 0) {
            return "Sinch answered " + e.status() + (e.code() == null ? "" : " " + e.code()) + text;
        }
        String why = switch (String.valueOf(e.code())) {
            case SinchException.CONNECTION_REFUSED -> "connection refused";
            case SinchException.TIMEOUT -> "no answer in time";
            default -> "the connection broke" + text;
        };
        return "No answer from " + config.apiBase() + ": " + why;
    }

    /** The environment's value when it wins, else what the form holds (for a secret: typed now, else the stored one). */
    private Optional<String> formOrInForce(Setting s) {
        if (stored.setByEnvironment(s)) {
            return stored.fromEnvironment(s);
        }
        String typed = values.get(s.name());
        if (typed != null && !typed.isBlank()) {
            return Optional.of(typed.strip());
        }
        return s.secret() ? stored.stored(s) : Optional.empty();
    }

    private void clearSecrets() {
        for (Setting s : Setting.values()) {
            if (s.secret()) {
                values.remove(s.name());
            }
        }
    }

    /** The service names the variable; the form's fields are named after the setting. */
    private static InvalidInputException field(InvalidInputException e) {
        for (Setting s : Setting.values()) {
            if (s.variable().equals(e.field())) {
                return new InvalidInputException(s.name(), e.getMessage());
            }
        }
        return e;
    }

    public String getTestResult() {
        return testResult;
    }

    public boolean isTestSucceeded() {
        return testSucceeded;
    }
}
