package org.smsconsole.user;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.smsconsole.audit.AuditLog;
import org.smsconsole.validation.InvalidInputException;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** The staff who use the console: creating them and keeping their passwords. */
@ApplicationScoped
@Transactional
public class StaffUsers {

    public static final int MIN_PASSWORD = 12;

    @PersistenceContext(unitName = "sms")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    AuditLog audit;

    @Inject
    FailedLogins failedLogins;

    public StaffUser create(String username, String displayName, char[] password, Role role, boolean mustChangePassword) {
        String name = username == null ? "" : username.strip();
        if (!name.matches("[A-Za-z0-9._@-]{1,64}")) {
            throw new InvalidInputException("username", "A user name has 1 to 64 letters, digits or . _ @ -");
        }
        if (find(name).isPresent()) {
            throw new InvalidInputException("username", "The user name " + name + " is taken");
        }
        if (role == null) {
            throw new InvalidInputException("role", "Choose a role");
        }
        requireStrong("password", password);
        StaffUser user = new StaffUser(name, displayName, PasswordHasher.hash(password), role, mustChangePassword, clock.instant());
        em.persist(user);
        audit.record("USER_CREATED", "user " + name, "role " + role);
        return user;
    }

    /** Replaces the password of a signed-in person, who must prove they know the current one. */
    public void changeOwnPassword(String username, char[] current, char[] replacement) {
        StaffUser user = find(username).orElseThrow(() -> new InvalidInputException("current", "Unknown user"));
        if (!PasswordHasher.verify(current, user.getPasswordHash())) {
            throw new InvalidInputException("current", "The current password is not right");
        }
        if (PasswordHasher.verify(replacement, user.getPasswordHash())) {
            throw new InvalidInputException("replacement", "The new password must differ from the current one");
        }
        requireStrong("replacement", replacement);
        boolean wasOneTime = user.isMustChangePassword();
        user.changePassword(PasswordHasher.hash(replacement), clock.instant());
        audit.record("PASSWORD_CHANGED", "user " + username, null);
        if (wasOneTime && InitialAdmin.USERNAME.equals(user.getUsername())) {
            InitialAdmin.forgetGeneratedPassword();
        }
    }

    /** Everyone, by user name; staff lists are short. */
    public List<StaffUser> all() {
        return em.createQuery("select u from StaffUser u order by u.username", StaffUser.class).getResultList();
    }

    public void assignRole(String username, Role role, String actingAdmin) {
        StaffUser user = require(username);
        if (user.getUsername().equals(actingAdmin) && role != Role.ADMIN) {
            throw new InvalidInputException("role", "You cannot take the ADMIN role from yourself");
        }
        user.assignRole(role, clock.instant());
        audit.record("USER_ROLE_CHANGED", "user " + username, "role " + role);
    }

    public void enable(String username, boolean enabled, String actingAdmin) {
        StaffUser user = require(username);
        if (!enabled && user.getUsername().equals(actingAdmin)) {
            throw new InvalidInputException("enabled", "You cannot disable yourself");
        }
        user.enable(enabled, clock.instant());
        audit.record(enabled ? "USER_ENABLED" : "USER_DISABLED", "user " + username, null);
    }

    /** Sets a one-time password and lifts this name's sign-in locks; the person must change it at the next login. */
    public void resetPassword(String username, char[] temporary) {
        StaffUser user = require(username);
        requireStrong("password", temporary);
        user.resetPassword(PasswordHasher.hash(temporary), clock.instant());
        failedLogins.forget(user.getUsername());
        audit.record("USER_PASSWORD_RESET", "user " + username, null);
    }

    private StaffUser require(String username) {
        return find(username).orElseThrow(() -> new org.smsconsole.validation.NotFoundException("User", username));
    }

    public Optional<StaffUser> find(String username) {
        return em.createQuery("select u from StaffUser u where u.username = :name", StaffUser.class)
                .setParameter("name", username).getResultStream().findFirst();
    }

    public long count() {
        return em.createQuery("select count(u) from StaffUser u", Long.class).getSingleResult();
    }

    private static void requireStrong(String field, char[] password) {
        if (password == null || password.length < MIN_PASSWORD) {
            throw new InvalidInputException(field, "A password has at least " + MIN_PASSWORD + " characters");
        }
    }
}
