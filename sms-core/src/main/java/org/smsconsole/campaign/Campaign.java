package org.smsconsole.campaign;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.smsconsole.message.DeliveryReportMode;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A send to the members of one or more groups. Its body is copied from the template when it is
 * created so that editing the template later does not change a campaign already planned.
 */
@Entity
@Table(name = "campaign")
public class Campaign {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "campaign_seq")
    @SequenceGenerator(name = "campaign_seq", sequenceName = "campaign_seq", allocationSize = 50)
    private Long id;

    @Column(nullable = false, length = 200)
    private String name;

    @Column(name = "template_id")
    private Long templateId;

    @Column(nullable = false, length = 2000)
    private String body;

    @Column(length = 16)
    private String sender;

    @Enumerated(EnumType.STRING)
    @Column(name = "report_mode", nullable = false, length = 24)
    private DeliveryReportMode reportMode;

    @Column(name = "send_at")
    private Instant sendAt;

    @Column(name = "expire_at")
    private Instant expireAt;

    @Column(name = "rate_per_second")
    private Integer ratePerSecond;

    @Column(name = "quiet_from_minute")
    private Integer quietFromMinute;

    @Column(name = "quiet_to_minute")
    private Integer quietToMinute;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private CampaignState state;

    @Column(name = "recipient_count", nullable = false)
    private long recipientCount;

    @Column(name = "created_by", nullable = false, length = 64)
    private String createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "scheduled_at")
    private Instant scheduledAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "campaign_group", joinColumns = @JoinColumn(name = "campaign_id"))
    @Column(name = "group_id")
    private Set<Long> groupIds = new LinkedHashSet<>();

    @Version
    private long version;

    protected Campaign() {
    }

    Campaign(CampaignPlan plan, String createdBy, Instant now) {
        this.state = CampaignState.DRAFT;
        this.createdBy = createdBy;
        this.createdAt = now;
        apply(plan, now);
    }

    void apply(CampaignPlan plan, Instant now) {
        this.name = plan.name();
        this.templateId = plan.templateId();
        this.body = plan.body();
        this.sender = plan.sender();
        this.reportMode = plan.reportMode();
        this.sendAt = plan.sendAt();
        this.expireAt = plan.expireAt();
        this.ratePerSecond = plan.ratePerSecond();
        this.quietFromMinute = plan.quietHours() == null ? null : plan.quietHours().fromMinute();
        this.quietToMinute = plan.quietHours() == null ? null : plan.quietHours().toMinute();
        this.groupIds = new LinkedHashSet<>(plan.groupIds());
        this.updatedAt = now;
    }

    void scheduled(Instant sendAt, Instant expireAt, long recipients, Instant now) {
        this.sendAt = sendAt;
        this.expireAt = expireAt;
        this.recipientCount = recipients;
        this.state = CampaignState.SCHEDULED;
        this.scheduledAt = now;
        this.updatedAt = now;
    }

    void moveTo(CampaignState next, Instant now) {
        this.state = next;
        this.updatedAt = now;
        if (next.isFinished()) {
            this.finishedAt = now;
        }
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public Long getTemplateId() {
        return templateId;
    }

    public String getBody() {
        return body;
    }

    public String getSender() {
        return sender;
    }

    public DeliveryReportMode getReportMode() {
        return reportMode;
    }

    public Instant getSendAt() {
        return sendAt;
    }

    public Instant getExpireAt() {
        return expireAt;
    }

    public Integer getRatePerSecond() {
        return ratePerSecond;
    }

    public QuietHours getQuietHours() {
        return QuietHours.ofMinutes(quietFromMinute, quietToMinute);
    }

    public CampaignState getState() {
        return state;
    }

    public long getRecipientCount() {
        return recipientCount;
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

    public Instant getScheduledAt() {
        return scheduledAt;
    }

    public Instant getFinishedAt() {
        return finishedAt;
    }

    public Set<Long> getGroupIds() {
        return Set.copyOf(groupIds);
    }
}
