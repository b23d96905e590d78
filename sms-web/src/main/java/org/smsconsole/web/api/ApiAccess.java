package org.smsconsole.web.api;

import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.core.SecurityContext;
import org.smsconsole.user.Role;

/** Role checks for API resources: explicit, so they hold whatever the container's annotation support. */
public final class ApiAccess {

    private ApiAccess() {
    }

    public static void require(SecurityContext security, Role role) {
        if (!security.isUserInRole(role.name())) {
            throw new ForbiddenException("This needs the role " + role.name());
        }
    }
}
