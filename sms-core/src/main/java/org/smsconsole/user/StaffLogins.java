package org.smsconsole.user;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.smsconsole.audit.AuditLog;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.logging.Logger;

/** Checks a name and password, counting failures so that guessing slows down and then locks. */
@ApplicationScoped
public class StaffLogins {

    private static final Logger LOG = Logger.getLogger(StaffLogins.class.getName());
    static final String WRONG = "Wrong user name or password.";

    private final RecentApiCredentials recentApiCredentials = new RecentApiCredentials();

    @PersistenceContext(unitName = "sms")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    AuditLog audit;

    @Inject
    @ConfigProperty(name = "SMS_LOGIN_FREE_ATTEMPTS", defaultValue = "3")
    int freeAttempts;

    @Inject
    @ConfigProperty(name = "SMS_LOGIN_LOCK_AFTER", defaultValue = "6")
    int lockAfter;

    @Inject
    @ConfigProperty(name = "SMS_LOGIN_LOCK_MINUTES", defaultValue = "15")
    int lockMinutes;

    /** A person signing in to the console: success and failure both go to the audit log. */
    @Transactional
    public LoginOutcome attempt(String username, char[] password) {
        return check(username, password, true);
    }

    /**
     * Credentials sent with one API request (HTTP Basic): counted and throttled like a login, but
     * only failures are audited, or every API call would add a LOGIN line.
     */
    @Transactional
    public LoginOutcome attemptForRequest(String username, char[] password) {
        return check(username, password, false);
    }

    private LoginOutcome check(String username, char[] password, boolean auditSuccess) {
        // Stored timestamps keep microseconds at most (and H2 rounds): compare at a precision both sides share.
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        Optional<StaffUser> found = findForUpdate(username);
        if (found.isEmpty()) {
            PasswordHasher.verifyNothing(password);
            LOG.info(() -> "Failed login for unknown user name");
            audit.recordAs(truncateName(username), "LOGIN_FAILED", null, "unknown user name");
            return new LoginOutcome.Refused(WRONG);
        }
        StaffUser user = found.get();
        if (user.getLockedUntil() != null && now.isBefore(user.getLockedUntil())) {
            return new LoginOutcome.Refused("This account is locked after repeated failed logins until "
                    + DateTimeFormatter.ofPattern("HH:mm 'UTC'").format(user.getLockedUntil().atOffset(ZoneOffset.UTC))
                    + ". An administrator can unlock it sooner.");
        }
        Optional<Duration> wait = policy().waitBeforeNextAttempt(user, now);
        if (wait.isPresent()) {
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            return new LoginOutcome.Refused("Too many failed logins: wait " + seconds + " s before trying again.");
        }
        // An API client's repeated credentials skip PBKDF2 while they match the same stored hash (a person's login never).
        boolean recentlyVerified = !auditSuccess && recentApiCredentials.known(user.getUsername(), password, user.getPasswordHash(), now);
        if (!recentlyVerified && !PasswordHasher.verify(password, user.getPasswordHash())) {
            user.recordFailedLogin(now, policy());
            LOG.info(() -> "Failed login for user " + user.getUsername());
            audit.recordAs(user.getUsername(), "LOGIN_FAILED", "user " + user.getUsername(),
                    user.getLockedUntil() != null ? "wrong password; account locked" : "wrong password");
            if (user.getLockedUntil() != null) {
                return new LoginOutcome.Refused(WRONG + " The account is now locked for " + lockMinutes + " minutes.");
            }
            return new LoginOutcome.Refused(WRONG);
        }
        if (!user.isEnabled()) {
            return new LoginOutcome.Refused("This account is disabled.");
        }
        if (!auditSuccess && !recentlyVerified) {
            recentApiCredentials.remember(user.getUsername(), password, user.getPasswordHash(), now);
        }
        user.recordSuccessfulLogin();
        if (auditSuccess) {
            audit.recordAs(user.getUsername(), "LOGIN", "user " + user.getUsername(), null);
        }
        return new LoginOutcome.SignedIn(user.getUsername(), user.getDisplayName(), user.getRole(), user.isMustChangePassword());
    }

    private static String truncateName(String username) {
        String name = username == null || username.isBlank() ? "(blank)" : username.strip();
        return name.length() > 64 ? name.substring(0, 64) : name;
    }

    LoginPolicy policy() {
        return new LoginPolicy(freeAttempts, lockAfter, Duration.ofMinutes(lockMinutes));
    }

    private Optional<StaffUser> findForUpdate(String username) {
        if (username == null || username.isBlank()) {
            return Optional.empty();
        }
        // Locked so that parallel guesses are counted one after another, not lost.
        return em.createQuery("select u from StaffUser u where u.username = :name", StaffUser.class)
                .setParameter("name", username.strip())
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream().findFirst();
    }
}
