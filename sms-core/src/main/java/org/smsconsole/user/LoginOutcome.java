package org.smsconsole.user;

import java.util.Set;

/** What came of one login attempt; a refusal carries the sentence to show the person. */
public sealed interface LoginOutcome {

    record SignedIn(String username, String displayName, Role role, boolean mustChangePassword) implements LoginOutcome {
        public Set<String> groups() {
            return role.groups();
        }
    }

    record Refused(String reason) implements LoginOutcome {
    }
}
