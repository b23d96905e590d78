package org.smsconsole.user;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;

/** A member of staff who signs in to the console. */
@Entity
@Table(name = "staff_user")
public class StaffUser {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "staff_user_seq")
    @SequenceGenerator(name = "staff_user_seq", sequenceName = "staff_user_seq", allocationSize = 50)
    private Long id;

    @Column(nullable = false, length = 64)
    private String username;

    @Column(name = "display_name", length = 200)
    private String displayName;

    @Column(name = "password_hash", nullable = false, length = 200)
    private String passwordHash;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Role role;

    @Column(nullable = false)
    private boolean enabled;

    @Column(name = "must_change_password", nullable = false)
    private boolean mustChangePassword;

    /**
     * Failed logins are no longer counted per account (see {@link LoginThrottle}: per name and source, in memory);
     * the column stays, always 0, like {@code last_failed_login_at} and {@code locked_until}, which are unmapped.
     */
    @Column(name = "failed_logins", nullable = false)
    private int failedLogins;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    protected StaffUser() {
    }

    StaffUser(String username, String displayName, String passwordHash, Role role, boolean mustChangePassword, Instant now) {
        this.username = username;
        this.displayName = displayName;
        this.passwordHash = passwordHash;
        this.role = role;
        this.enabled = true;
        this.mustChangePassword = mustChangePassword;
        this.createdAt = now;
        this.updatedAt = now;
    }

    void assignRole(Role role, Instant now) {
        this.role = role;
        this.updatedAt = now;
    }

    void enable(boolean enabled, Instant now) {
        this.enabled = enabled;
        this.updatedAt = now;
    }

    /** A password an administrator set: the person must choose their own at the next login. */
    void resetPassword(String newHash, Instant now) {
        passwordHash = newHash;
        mustChangePassword = true;
        updatedAt = now;
    }

    void changePassword(String newHash, Instant now) {
        passwordHash = newHash;
        mustChangePassword = false;
        updatedAt = now;
    }

    public Long getId() {
        return id;
    }

    public String getUsername() {
        return username;
    }

    public String getDisplayName() {
        return displayName;
    }

    String getPasswordHash() {
        return passwordHash;
    }

    public Role getRole() {
        return role;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public boolean isMustChangePassword() {
        return mustChangePassword;
    }

}
