package org.smsconsole.group;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;

/** A named set of contacts, kept by the console (never a Sinch group). Members live in group_member. */
@Entity
@Table(name = "contact_group")
public class ContactGroup {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "contact_group_seq")
    @SequenceGenerator(name = "contact_group_seq", sequenceName = "contact_group_seq", allocationSize = 50)
    private Long id;

    @Column(nullable = false, length = 100)
    private String name;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    protected ContactGroup() {
    }

    ContactGroup(String name, Instant now) {
        this.name = name;
        this.createdAt = now;
        this.updatedAt = now;
    }

    void rename(String name, Instant now) {
        this.name = name;
        this.updatedAt = now;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
