package org.smsconsole.consent;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A number on the suppression list: never messaged, kept even when no contact has it. */
@Entity
@Table(name = "suppressed_number")
public class SuppressedNumber {

    @Id
    @Column(length = 16)
    private String phone;

    @Column(length = 200)
    private String reason;

    @Column(name = "added_by", nullable = false, length = 64)
    private String addedBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected SuppressedNumber() {
    }

    SuppressedNumber(String phone, String reason, String addedBy, Instant createdAt) {
        this.phone = phone;
        this.reason = reason;
        this.addedBy = addedBy;
        this.createdAt = createdAt;
    }

    public String getPhone() {
        return phone;
    }

    public String getReason() {
        return reason;
    }

    public String getAddedBy() {
        return addedBy;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
