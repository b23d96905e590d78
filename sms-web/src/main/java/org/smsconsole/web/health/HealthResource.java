package org.smsconsole.web.health;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Map;

/**
 * {@code GET /api/health}: 200 and UP while the database answers and every background loop works, 503 and DOWN
 * otherwise, in the MicroProfile Health shape (each check with its data) so that load balancers and monitors
 * understand it; {@code "degraded": true} while sending is halted. Public: it names no secret.
 */
@Path("health")
@RequestScoped
public class HealthResource {

    @Inject
    ConsoleHealth health;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response health() {
        ConsoleHealth.Report report = health.report();
        JsonArrayBuilder checks = Json.createArrayBuilder();
        for (ConsoleHealth.Check check : report.checks()) {
            JsonObjectBuilder c = Json.createObjectBuilder().add("name", check.name()).add("status", status(check.up()));
            if (!check.data().isEmpty()) {
                c.add("data", data(check.data()));
            }
            checks.add(c);
        }
        JsonObjectBuilder body = Json.createObjectBuilder().add("status", status(report.up()))
                .add("degraded", report.degraded()).add("checks", checks);
        return Response.status(report.up() ? Response.Status.OK : Response.Status.SERVICE_UNAVAILABLE)
                .entity(body.build()).header("Cache-Control", "no-store").build();
    }

    private static String status(boolean up) {
        return up ? "UP" : "DOWN";
    }

    private static JsonObjectBuilder data(Map<String, Object> data) {
        JsonObjectBuilder b = Json.createObjectBuilder();
        data.forEach((key, value) -> {
            if (value instanceof Boolean flag) {
                b.add(key, flag);
            } else if (value instanceof Number n) {
                b.add(key, n.longValue());
            } else {
                b.add(key, String.valueOf(value));
            }
        });
        return b;
    }
}
