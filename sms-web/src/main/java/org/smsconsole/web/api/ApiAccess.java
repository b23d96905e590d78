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

    /**
     * Whose request this is, for what is kept per caller (idempotency keys): an API key by its prefix
     * ({@code smsk_<prefix>_...}; two keys may share a name), a staff user by name.
     */
    public static String caller(SecurityContext security, String authorization) {
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer smsk_", 0, 12)) {
            String token = authorization.substring(12).trim();
            int end = token.indexOf('_');
            return "key:" + (end > 0 ? token.substring(0, end) : token);
        }
        return "user:" + security.getUserPrincipal().getName();
    }
}
