package org.smsconsole.web.sandbox;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.smsconsole.sinch.SinchError;
import org.smsconsole.user.Role;
import org.smsconsole.web.sandbox.engine.SandboxException;

/**
 * Before any sandbox resource: 404 when the sandbox is off (real Sinch configured, by any means, and the
 * sandbox not explicitly enabled). Sinch's API ({@code /xms/v1/...}): 401 unless the service plan id in the path
 * and the Bearer token are the sandbox's, then fault injection. The control API ({@code /control/...}: make an SMS
 * arrive, change callbacks and faults) is not Sinch's and does not take Sinch's token: it needs a member of staff
 * with OPERATOR (an API key or HTTP Basic, checked by the console's authentication mechanism), 401 or 403
 * otherwise. Only the sandbox run alone ({@code SMS_SANDBOX_ONLY}), which has no staff and no console behind it,
 * takes its own Bearer token there.
 */
@Provider
@PreMatching
public class SandboxGate implements ContainerRequestFilter {

    @Inject
    SandboxConfig config;

    @Inject
    SandboxRuntime runtime;

    @Override
    public void filter(ContainerRequestContext request) {
        if (!config.enabled()) {
            request.abortWith(SinchBodies.json(404, new SinchError("not_found", "Not Found")));
            return;
        }
        List<String> path = request.getUriInfo().getPathSegments().stream().map(s -> s.getPath()).toList();
        if (!path.isEmpty() && path.get(0).equals("control") && !config.sandboxOnly()) {
            SecurityContext caller = request.getSecurityContext();
            if (caller == null || caller.getUserPrincipal() == null) {
                request.abortWith(SinchBodies.json(401, new SinchError("unauthorized",
                        "The control API needs a member of staff with OPERATOR (an API key, or HTTP Basic)")));
            } else if (!caller.isUserInRole(Role.OPERATOR.name())) {
                request.abortWith(SinchBodies.json(403, new SinchError("forbidden", "The control API needs the OPERATOR role")));
            }
            return;
        }
        boolean api = path.size() >= 3 && path.get(0).equals("xms") && path.get(1).equals("v1");
        boolean planOk = !api || path.get(2).equals(config.servicePlanId());
        if (!planOk || !tokenOk(request.getHeaderString(HttpHeaders.AUTHORIZATION))) {
            request.abortWith(SinchBodies.json(401, new SinchError("unauthorized", "Invalid service plan id or API token")));
            return;
        }
        if (api) {
            try {
                runtime.engine().checkFault();
            } catch (SandboxException e) {
                request.abortWith(SinchBodies.json(e.status(), new SinchError(e.code(), e.text())));
            }
        }
    }

    private boolean tokenOk(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] given = header.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, config.apiToken().getBytes(StandardCharsets.UTF_8));
    }
}
