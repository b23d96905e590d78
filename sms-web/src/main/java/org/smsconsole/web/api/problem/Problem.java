package org.smsconsole.web.api.problem;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Map;

/**
 * RFC 9457 problem details, the one error shape of the REST API:
 * {@code {"type","title","status","detail","errors":[{"field","message"}]}}.
 */
public final class Problem {

    public static final MediaType PROBLEM_JSON = MediaType.valueOf("application/problem+json");
    /** Json.createObjectBuilder() would look the provider up (a ServiceLoader scan of the WAR's jars) on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private Problem() {
    }

    public static Response of(Response.StatusType status, String detail) {
        return of(status, detail, Map.of());
    }

    /** A problem naming the fields at fault, each with its message. */
    public static Response of(Response.StatusType status, String detail, Map<String, String> fieldErrors) {
        return Response.status(status).type(PROBLEM_JSON)
                .entity(json(status.getStatusCode(), status.getReasonPhrase(), detail, fieldErrors)).build();
    }

    /** The body alone, for answers written outside JAX-RS (servlet filters, error pages). */
    public static String json(int status, String title, String detail, Map<String, String> fieldErrors) {
        JsonObjectBuilder body = JSON.createObjectBuilder()
                .add("type", "about:blank")
                .add("title", title)
                .add("status", status);
        if (detail != null) {
            body.add("detail", detail);
        }
        if (!fieldErrors.isEmpty()) {
            JsonArrayBuilder errors = JSON.createArrayBuilder();
            fieldErrors.forEach((field, message) -> errors.add(JSON.createObjectBuilder().add("field", field).add("message", message)));
            body.add("errors", errors);
        }
        return body.build().toString();
    }
}
