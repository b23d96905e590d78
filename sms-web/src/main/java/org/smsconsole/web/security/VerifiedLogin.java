package org.smsconsole.web.security;

import jakarta.security.enterprise.credential.Credential;
import org.smsconsole.user.LoginOutcome;

/**
 * A login the application has already checked (password, throttling, lock). It can only be
 * made by server code, never from request data, so the mechanism may trust it as it is.
 */
public record VerifiedLogin(LoginOutcome.SignedIn who) implements Credential {
}
