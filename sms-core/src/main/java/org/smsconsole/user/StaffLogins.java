package org.smsconsole.user;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.smsconsole.audit.AuditLog;
import org.smsconsole.log.LogText;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Checks a name and password. Failures are counted per typed name and source address ({@link LoginThrottle}), so
 * refusals never tell which names exist and nobody can lock another person out everywhere; the password hash runs
 * under {@link PasswordChecks}' permits and outside any transaction (a check holds no database connection while it
 * hashes), and an unknown name is refused after the time a check takes, without hashing.
 */
@ApplicationScoped
public class StaffLogins {

    private static final Logger LOG = Logger.getLogger(StaffLogins.class.getName());
    static final String WRONG = "Wrong user name or password.";
    static final String BUSY = "The console is busy checking other sign-ins; try again in a moment.";

    private final RecentApiCredentials recentApiCredentials = new RecentApiCredentials();

    @Inject
    StaffUsers staffUsers;

    @Inject
    Clock clock;

    @Inject
    AuditLog audit;

    @Inject
    FailedLogins failedLogins;

    @Inject
    @ConfigProperty(name = "SMS_LOGIN_CHECK_PATIENCE_SECONDS", defaultValue = "10")
    int patienceSeconds;

    private PasswordChecks checks;

    @PostConstruct
    void init() {
        checks = new PasswordChecks(PasswordChecks.defaultPermits(), patienceSeconds, TimeUnit.SECONDS);
    }

    /** A person signing in to the console from {@code source}: success and failure both go to the audit log. */
    public LoginOutcome attempt(String username, char[] password, String source) {
        return check(username, password, source, true);
    }

    /**
     * Credentials sent with one API request (HTTP Basic): counted and throttled like a login, but only failures are
     * audited, or every API call would add a LOGIN line.
     */
    public LoginOutcome attemptForRequest(String username, char[] password, String source) {
        return check(username, password, source, false);
    }

    private LoginOutcome check(String username, char[] password, String from, boolean person) {
        Instant now = clock.instant();
        String source = from == null || from.isBlank() ? "unknown" : from;
        LoginThrottle throttle = failedLogins.throttle();
        Optional<String> refusal = throttle.check(username, source, now);
        if (refusal.isPresent()) {
            return new LoginOutcome.Refused(refusal.get());
        }
        Optional<StaffUser> found = username == null || username.isBlank() ? Optional.empty() : staffUsers.find(username.strip());
        // An API client's repeated credentials skip PBKDF2 and the charge while they match the same stored hash (a person's login never).
        boolean recentlyVerified = !person && found.isPresent()
                && recentApiCredentials.known(found.get().getUsername(), password, found.get().getPasswordHash(), now);
        if (!recentlyVerified) {
            refusal = throttle.admit(username, source, now);
            if (refusal.isPresent()) {
                return new LoginOutcome.Refused(refusal.get());
            }
        }
        boolean familiar = throttle.familiar(source, now);
        if (found.isEmpty()) {
            checks.imitate();
            boolean locked = throttle.failed(username, source, now);
            LOG.info(() -> "Failed login for unknown user name '" + LogText.of(username) + "' from " + LogText.of(source));
            audit.recordAs(truncateName(username), "LOGIN_FAILED", null, "unknown user name, from " + source);
            return new LoginOutcome.Refused(wrong(locked));
        }
        StaffUser user = found.get();
        boolean right;
        try {
            right = recentlyVerified || checks.verify(password, user.getPasswordHash(), familiar);
        } catch (PasswordChecks.Busy busy) {
            throttle.withdrawn(username, source);
            LOG.warning(() -> "Sign-in from " + LogText.of(source) + " not checked: every password check was busy");
            return new LoginOutcome.Refused(BUSY);
        }
        if (!right) {
            boolean locked = throttle.failed(username, source, now);
            LOG.info(() -> "Failed login for user " + LogText.of(user.getUsername()) + " from " + LogText.of(source));
            audit.recordAs(user.getUsername(), "LOGIN_FAILED", "user " + user.getUsername(),
                    (locked ? "wrong password; locked from " : "wrong password, from ") + source);
            return new LoginOutcome.Refused(wrong(locked));
        }
        if (!recentlyVerified) {
            throttle.succeeded(username, source, now);
        }
        if (!user.isEnabled()) {
            return new LoginOutcome.Refused("This account is disabled.");
        }
        if (!person && !recentlyVerified) {
            recentApiCredentials.remember(user.getUsername(), password, user.getPasswordHash(), now);
        }
        if (person) {
            audit.recordAs(user.getUsername(), "LOGIN", "user " + user.getUsername(), "from " + source);
        }
        return new LoginOutcome.SignedIn(user.getUsername(), user.getDisplayName(), user.getRole(), user.isMustChangePassword());
    }

    private String wrong(boolean locked) {
        return locked ? WRONG + " Signing in with this user name from your address is now locked for "
                + failedLogins.policy().lockDuration().toMinutes() + " minutes." : WRONG;
    }

    private static String truncateName(String username) {
        String name = username == null || username.isBlank() ? "(blank)" : username.strip();
        return name.length() > 64 ? name.substring(0, 64) : name;
    }

    /** The hashing permits' recent typical duration, for tests that compare refusals' timing. */
    Duration typicalCheck() {
        return Duration.ofNanos(checks.typicalNanos());
    }
}
