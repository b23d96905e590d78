package org.smsconsole.web.api;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code GET /api/health}: 200 and UP while the database answers, 503 and DOWN when it does not,
 * in the MicroProfile Health shape so that load balancers and monitors understand it.
 */
@Path("health")
@RequestScoped
public class HealthResource {

    private static final Logger LOG = Logger.getLogger(HealthResource.class.getName());

    @Resource(lookup = "java:app/jdbc/sms")
    DataSource dataSource;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response health() {
        boolean databaseUp = databaseAnswers();
        String status = databaseUp ? "UP" : "DOWN";
        JsonObject body = Json.createObjectBuilder()
                .add("status", status)
                .add("checks", Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("name", "database").add("status", status)))
                .build();
        return Response.status(databaseUp ? Response.Status.OK : Response.Status.SERVICE_UNAVAILABLE)
                .entity(body).header("Cache-Control", "no-store").build();
    }

    private boolean databaseAnswers() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(2);
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "Health check: the database does not answer: {0}", e.getMessage());
            return false;
        }
    }
}
