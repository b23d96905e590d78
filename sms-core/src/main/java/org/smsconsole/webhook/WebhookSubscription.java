package org.smsconsole.webhook;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** An address that wants some of the console's events, and the secret its requests are signed with. */
@Entity
@Table(name = "webhook_subscription")
public class WebhookSubscription {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "webhook_subscription_seq")
    @SequenceGenerator(name = "webhook_subscription_seq", sequenceName = "webhook_subscription_seq", allocationSize = 50)
    private Long id;

    @Column(nullable = false, length = 2000)
    private String url;

    @Column(length = 500)
    private String description;

    /** Wire names, comma-separated. */
    @Column(nullable = false, length = 500)
    private String events;

    @Column(nullable = false)
    private boolean enabled;

    /** Sealed in the database (an AES-GCM value of about 95 characters for a 38-character secret). */
    @Column(nullable = false, length = 100)
    @Convert(converter = SealedWebhookSecret.class)
    private String secret;

    @Column(name = "created_by", nullable = false, length = 64)
    private String createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected WebhookSubscription() {
    }

    WebhookSubscription(String url, String description, List<WebhookEventType> events, boolean enabled, String secret,
                        String createdBy, Instant now) {
        change(url, description, events, enabled, now);
        this.secret = secret;
        this.createdBy = createdBy;
        this.createdAt = now;
    }

    void change(String url, String description, List<WebhookEventType> events, boolean enabled, Instant now) {
        this.url = url;
        this.description = description;
        this.events = String.join(",", events.stream().map(WebhookEventType::wire).toList());
        this.enabled = enabled;
        this.updatedAt = now;
    }

    void rotate(String secret, Instant now) {
        this.secret = secret;
        this.updatedAt = now;
    }

    static boolean wants(String events, WebhookEventType type) {
        return type != WebhookEventType.TEST && Arrays.asList(events.split(",")).contains(type.wire());
    }

    public Long getId() {
        return id;
    }

    public String getUrl() {
        return url;
    }

    public String getDescription() {
        return description;
    }

    public List<WebhookEventType> getEvents() {
        return Arrays.stream(WebhookEventType.values()).filter(t -> wants(events, t)).toList();
    }

    public boolean isEnabled() {
        return enabled;
    }

    /** For the dispatcher only; never shown, logged or answered. */
    String getSecret() {
        return secret;
    }

    /** What staff see of the secret: its kind and last four characters. */
    public String getSecretHint() {
        if (secret.isEmpty()) {
            return "unreadable with this installation's key: rotate it";
        }
        return "whsec_…" + secret.substring(Math.max(0, secret.length() - 4));
    }

    public String getCreatedBy() {
        return createdBy;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
