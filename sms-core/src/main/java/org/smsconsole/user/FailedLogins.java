package org.smsconsole.user;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

/** This instance's {@link LoginThrottle}, configured from the environment; shared by sign-ins and password resets. */
@ApplicationScoped
public class FailedLogins {

    @Inject
    @ConfigProperty(name = "SMS_LOGIN_FREE_ATTEMPTS", defaultValue = "3")
    int freeAttempts;

    @Inject
    @ConfigProperty(name = "SMS_LOGIN_LOCK_AFTER", defaultValue = "6")
    int lockAfter;

    @Inject
    @ConfigProperty(name = "SMS_LOGIN_LOCK_MINUTES", defaultValue = "15")
    int lockMinutes;

    @Inject
    @ConfigProperty(name = "SMS_LOGIN_SOURCE_BUDGET", defaultValue = "20")
    int sourceBudget;

    @Inject
    @ConfigProperty(name = "SMS_LOGIN_SOURCE_FORGIVE_SECONDS", defaultValue = "30")
    int forgiveSeconds;

    private LoginPolicy policy;
    private LoginThrottle throttle;

    @PostConstruct
    void init() {
        policy = new LoginPolicy(freeAttempts, lockAfter, Duration.ofMinutes(lockMinutes));
        throttle = new LoginThrottle(policy, sourceBudget, Duration.ofSeconds(Math.max(1, forgiveSeconds)));
    }

    LoginPolicy policy() {
        return policy;
    }

    LoginThrottle throttle() {
        return throttle;
    }

    /** A new password set by an administrator lifts every slow-down and lock of that name here. */
    void forget(String username) {
        throttle.forget(username);
    }
}
