package org.smsconsole.contact;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Someone the console can message, known by a unique E.164 phone number. */
@Entity
@Table(name = "contact")
public class Contact {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "contact_seq")
    @SequenceGenerator(name = "contact_seq", sequenceName = "contact_seq", allocationSize = 50)
    private Long id;

    @Column(nullable = false, length = 16)
    private String phone;

    @Column(length = 200)
    private String name;

    @Column(length = 35)
    private String language;

    @Column(name = "time_zone", length = 64)
    private String timeZone;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Consent consent = Consent.SUBSCRIBED;

    @Column(name = "consent_changed_at")
    private Instant consentChangedAt;

    @Column(name = "consent_source", length = 32)
    private String consentSource;

    @Column(name = "consent_reason", length = 500)
    private String consentReason;

    @ElementCollection(fetch = jakarta.persistence.FetchType.EAGER) // views are built after short, non-transactional reads
    @CollectionTable(name = "contact_attribute", joinColumns = @JoinColumn(name = "contact_id"))
    @MapKeyColumn(name = "name", length = 64)
    @Column(name = "value_text", length = 500, nullable = false)
    private Map<String, String> attributes = new HashMap<>();

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    protected Contact() {
    }

    Contact(ContactDetails details, Instant now) {
        this.createdAt = now;
        change(details, now);
    }

    void change(ContactDetails details, Instant now) {
        this.phone = details.phone();
        this.name = details.name();
        this.language = details.language();
        this.timeZone = details.timeZone();
        this.attributes.clear();
        this.attributes.putAll(details.attributes());
        this.updatedAt = now;
    }

    void consent(Consent consent, String source, String reason, Instant now) {
        this.consent = consent;
        this.consentSource = source;
        this.consentReason = reason;
        this.consentChangedAt = now;
        this.updatedAt = now;
    }

    public Long getId() {
        return id;
    }

    public String getPhone() {
        return phone;
    }

    public String getName() {
        return name;
    }

    public String getLanguage() {
        return language;
    }

    public String getTimeZone() {
        return timeZone;
    }

    public Consent getConsent() {
        return consent;
    }

    public Instant getConsentChangedAt() {
        return consentChangedAt;
    }

    public String getConsentSource() {
        return consentSource;
    }

    public String getConsentReason() {
        return consentReason;
    }

    public Map<String, String> getAttributes() {
        return attributes;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public long getVersion() {
        return version;
    }
}
