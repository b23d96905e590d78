package org.smsconsole.config;

/**
 * A setting the Settings screen may store. Each is named after the environment variable (or system
 * property) that overrides it; secrets are never logged, audited with their value or shown.
 */
public enum Setting {
    SINCH_REGION("SMS_SINCH_REGION", false),
    SINCH_BASE_URL("SMS_SINCH_BASE_URL", false),
    SINCH_SERVICE_PLAN_ID("SMS_SINCH_SERVICE_PLAN_ID", false),
    SINCH_API_TOKEN("SMS_SINCH_API_TOKEN", true),
    SINCH_PROJECT_ID("SMS_SINCH_PROJECT_ID", false),
    SINCH_KEY_ID("SMS_SINCH_KEY_ID", false),
    SINCH_KEY_SECRET("SMS_SINCH_KEY_SECRET", true),
    SINCH_WEBHOOK_SECRET("SMS_SINCH_WEBHOOK_SECRET", true),
    /** Numbers and alphanumeric ids staff pick from when composing, comma-separated. */
    SENDERS("SMS_SENDERS", false),
    DEFAULT_COUNTRY("SMS_DEFAULT_COUNTRY", false),
    QUIET_HOURS_FROM("SMS_QUIET_HOURS_FROM", false),
    QUIET_HOURS_TO("SMS_QUIET_HOURS_TO", false),
    /** Days message bodies are kept (outgoing text, inbound text and MMS); empty keeps them forever. */
    MESSAGE_RETENTION_DAYS("SMS_MESSAGE_RETENTION_DAYS", false),
    /** Hosts outgoing webhooks may reach although they resolve inside (loopback, private networks), comma-separated. */
    WEBHOOK_ALLOWED_HOSTS("SMS_WEBHOOK_ALLOWED_HOSTS", false);

    private final String variable;
    private final boolean secret;

    Setting(String variable, boolean secret) {
        this.variable = variable;
        this.secret = secret;
    }

    /** The environment variable or system property that wins over the stored value. */
    public String variable() {
        return variable;
    }

    public boolean secret() {
        return secret;
    }
}
