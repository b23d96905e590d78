package org.smsconsole.web.api.sending;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.smsconsole.config.SinchSettings;
import org.smsconsole.scheduler.SendingHalt;
import org.smsconsole.user.Role;
import org.smsconsole.web.api.ApiAccess;

import java.time.Instant;

/** {@code GET /api/sending}: whether the release engine sends, or is halted and why. */
@Path("sending")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class SendingStatusResource {

    @Inject
    SendingHalt halt;

    @Inject
    SinchSettings sinch;

    @Context
    SecurityContext security;

    public record SendingJson(boolean halted, String reason, @JsonbProperty("halted_at") Instant haltedAt,
                              @JsonbProperty("failures_in_a_row") int failuresInARow, boolean sandbox) {
    }

    @GET
    public SendingJson status() {
        ApiAccess.require(security, Role.VIEWER);
        SendingHalt.State s = halt.state();
        return new SendingJson(s.halted(), s.halted() ? s.reason() : null, s.halted() ? s.since() : null, s.failuresInARow(),
                sinch.sandboxMode());
    }
}
