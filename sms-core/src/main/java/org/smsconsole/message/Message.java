package org.smsconsole.message;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * One recipient of one send: a row of the outbound queue. The release engine moves it with set-based
 * SQL (claims, leases, batch ids); JPA reads it and creates single messages.
 */
@Entity
@Table(name = "message")
public class Message {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "message_seq")
    @SequenceGenerator(name = "message_seq", sequenceName = "message_seq", allocationSize = 1)
    private Long id;

    @Column(name = "campaign_id")
    private Long campaignId;

    @Column(name = "contact_id")
    private Long contactId;

    @Column(nullable = false, length = 16)
    private String phone;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private MessageKind kind;

    @Column(length = 2000)
    private String body;

    @Column(length = 16)
    private String sender;

    @Column(name = "media_url", length = 2000)
    private String mediaUrl;

    @Enumerated(EnumType.STRING)
    @Column(name = "report_mode", length = 24)
    private DeliveryReportMode reportMode;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private MessageState state;

    @Column(name = "send_at")
    private Instant sendAt;

    @Column(name = "due_at", nullable = false)
    private Instant dueAt;

    @Column(name = "expire_at", nullable = false)
    private Instant expireAt;

    @Column(nullable = false)
    private int attempts;

    @Column(nullable = false)
    private boolean solo;

    @Column(name = "lease_until")
    private Instant leaseUntil;

    @Column(name = "claimed_at")
    private Instant claimedAt;

    @Column(name = "client_reference", length = 64)
    private String clientReference;

    @Column(name = "batch_id", length = 64)
    private String batchId;

    @Column(name = "sent_at")
    private Instant sentAt;

    @Column(name = "status_at")
    private Instant statusAt;

    @Column(name = "delivery_status", length = 16)
    private String deliveryStatus;

    @Column(name = "delivery_code")
    private Integer deliveryCode;

    private Integer parts;

    @Column(length = 500)
    private String reason;

    @Column(name = "created_by", length = 64)
    private String createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    /** When retention erased the text and media URL (see {@code MessageRetention}); null while they are kept. */
    @Column(name = "body_erased_at")
    private Instant bodyErasedAt;

    protected Message() {
    }

    /** A single message (not part of a campaign), queued. */
    Message(MessageKind kind, Long contactId, String phone, String body, String sender, String mediaUrl,
            DeliveryReportMode reportMode, Instant sendAt, Instant dueAt, Instant expireAt, String createdBy, Instant now) {
        this.kind = kind;
        this.contactId = contactId;
        this.phone = phone;
        this.body = body;
        this.sender = sender;
        this.mediaUrl = mediaUrl;
        this.reportMode = reportMode;
        this.state = MessageState.QUEUED;
        this.sendAt = sendAt;
        this.dueAt = dueAt;
        this.expireAt = expireAt;
        this.createdBy = createdBy;
        this.createdAt = now;
    }

    public Long getId() {
        return id;
    }

    public Long getCampaignId() {
        return campaignId;
    }

    public Long getContactId() {
        return contactId;
    }

    public String getPhone() {
        return phone;
    }

    public MessageKind getKind() {
        return kind;
    }

    public String getBody() {
        return body;
    }

    public String getSender() {
        return sender;
    }

    public String getMediaUrl() {
        return mediaUrl;
    }

    public DeliveryReportMode getReportMode() {
        return reportMode;
    }

    public MessageState getState() {
        return state;
    }

    public Instant getSendAt() {
        return sendAt;
    }

    public Instant getDueAt() {
        return dueAt;
    }

    public Instant getExpireAt() {
        return expireAt;
    }

    public int getAttempts() {
        return attempts;
    }

    public String getClientReference() {
        return clientReference;
    }

    public String getBatchId() {
        return batchId;
    }

    public Instant getSentAt() {
        return sentAt;
    }

    public Instant getStatusAt() {
        return statusAt;
    }

    public String getDeliveryStatus() {
        return deliveryStatus;
    }

    public Integer getDeliveryCode() {
        return deliveryCode;
    }

    public Integer getParts() {
        return parts;
    }

    public String getReason() {
        return reason;
    }

    public String getCreatedBy() {
        return createdBy;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getBodyErasedAt() {
        return bodyErasedAt;
    }

    /** Retention erased the text: screens say so instead of showing an empty body. */
    public boolean isBodyErased() {
        return bodyErasedAt != null;
    }
}
