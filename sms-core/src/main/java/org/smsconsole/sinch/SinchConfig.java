package org.smsconsole.sinch;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;

/**
 * How to reach Sinch: a region or any base URL (the sandbox), and either a service plan id
 * with its API token or an OAuth2 project access key (US and EU only). Immutable; secrets
 * never appear in {@link #toString()}.
 */
public final class SinchConfig {
    public static final String DEFAULT_AUTH_URL = "https://auth.sinch.com/oauth2/token";
    public static final String DEFAULT_USER_AGENT = "sms-console/" + version();

    /** Sinch's SMS regions: {@code us} (default), {@code eu}, {@code au}, {@code br}, {@code ca}. */
    public enum Region {
        US, EU, AU, BR, CA;

        public static Region of(String name) {
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new SinchValidationException("region", "must be us, eu, au, br or ca, was '" + name + "'");
            }
        }

        String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        URI servicePlanRoot() {
            return URI.create("https://" + id() + ".sms.api.sinch.com");
        }

        URI projectRoot() {
            if (this != US && this != EU) {
                throw new SinchValidationException("region", "OAuth2 access keys work in us and eu only, not " + id());
            }
            return URI.create("https://zt." + id() + ".sms.api.sinch.com");
        }
    }

    private final Region region;
    private final URI baseUrl;
    private final String servicePlanId;
    private final String apiToken;
    private final String projectId;
    private final String keyId;
    private final String keySecret;
    private final URI authUrl;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final String userAgent;
    private final Clock clock;

    private SinchConfig(Builder b) {
        this.region = b.region;
        this.baseUrl = b.baseUrl;
        this.servicePlanId = b.servicePlanId;
        this.apiToken = b.apiToken;
        this.projectId = b.projectId;
        this.keyId = b.keyId;
        this.keySecret = b.keySecret;
        this.authUrl = b.authUrl;
        this.connectTimeout = b.connectTimeout;
        this.readTimeout = b.readTimeout;
        this.userAgent = b.userAgent;
        this.clock = b.clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code .../xms/v1/{service_plan_id}}, or {@code .../xms/v1/{project_id}} with OAuth2. */
    public URI apiBase() {
        URI root = baseUrl != null ? baseUrl : usesOAuth() ? region.projectRoot() : region.servicePlanRoot();
        String text = root.toString().replaceAll("/+$", "");
        return URI.create(text + "/xms/v1/" + (usesOAuth() ? projectId : servicePlanId));
    }

    public boolean usesOAuth() {
        return keyId != null;
    }

    public Region region() {
        return region;
    }

    public URI baseUrl() {
        return baseUrl;
    }

    public String servicePlanId() {
        return servicePlanId;
    }

    public String apiToken() {
        return apiToken;
    }

    public String projectId() {
        return projectId;
    }

    public String keyId() {
        return keyId;
    }

    public String keySecret() {
        return keySecret;
    }

    public URI authUrl() {
        return authUrl;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration readTimeout() {
        return readTimeout;
    }

    public String userAgent() {
        return userAgent;
    }

    public Clock clock() {
        return clock;
    }

    @Override
    public String toString() {
        return "SinchConfig[region=" + region + ", baseUrl=" + baseUrl
                + (usesOAuth() ? ", projectId=" + projectId + ", keyId=" + keyId + ", keySecret=****"
                : ", servicePlanId=" + servicePlanId + ", apiToken=****")
                + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout
                + ", userAgent=" + userAgent + "]";
    }

    private static String version() {
        try (InputStream in = SinchConfig.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "dev");
        } catch (IOException e) {
            return "dev";
        }
    }

    public static final class Builder {
        private Region region = Region.US;
        private URI baseUrl;
        private String servicePlanId;
        private String apiToken;
        private String projectId;
        private String keyId;
        private String keySecret;
        private URI authUrl = URI.create(DEFAULT_AUTH_URL);
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(30);
        private String userAgent = DEFAULT_USER_AGENT;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        public Builder region(Region region) {
            this.region = Objects.requireNonNull(region);
            return this;
        }

        public Builder region(String region) {
            return region(Region.of(region));
        }

        /** Server root without {@code /xms/v1}, e.g. the sandbox's {@code http://127.0.0.1:8080/sandbox}. */
        public Builder baseUrl(String baseUrl) {
            this.baseUrl = baseUrl == null || baseUrl.isBlank() ? null : URI.create(baseUrl.trim());
            return this;
        }

        public Builder servicePlan(String servicePlanId, String apiToken) {
            this.servicePlanId = servicePlanId;
            this.apiToken = apiToken;
            return this;
        }

        public Builder oauth(String projectId, String keyId, String keySecret) {
            this.projectId = projectId;
            this.keyId = keyId;
            this.keySecret = keySecret;
            return this;
        }

        public Builder authUrl(String authUrl) {
            this.authUrl = URI.create(authUrl);
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        public Builder readTimeout(Duration timeout) {
            this.readTimeout = timeout;
            return this;
        }

        public Builder userAgent(String userAgent) {
            this.userAgent = userAgent;
            return this;
        }

        /** Time for OAuth token expiry and request validation; tests and the sandbox move it. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        public SinchConfig build() {
            boolean plan = servicePlanId != null || apiToken != null;
            boolean oauth = projectId != null || keyId != null || keySecret != null;
            if (plan == oauth) {
                throw new SinchValidationException("credentials", "give a service plan id + API token or an OAuth2 project id + key id/secret, not both");
            }
            if (plan) {
                requireText("service_plan_id", servicePlanId);
                requireText("api_token", apiToken);
            } else {
                requireText("project_id", projectId);
                requireText("key_id", keyId);
                requireText("key_secret", keySecret);
            }
            if (connectTimeout.isNegative() || connectTimeout.isZero() || readTimeout.isNegative() || readTimeout.isZero()) {
                throw new SinchValidationException("timeout", "timeouts must be positive");
            }
            requireText("user_agent", userAgent);
            SinchConfig config = new SinchConfig(this);
            config.apiBase(); // fails early on OAuth outside us/eu
            return config;
        }

        private static void requireText(String field, String value) {
            if (value == null || value.isBlank()) {
                throw new SinchValidationException(field, "is required");
            }
        }
    }
}
