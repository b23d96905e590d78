package org.smsconsole.web.api.problem;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Problem answers written straight to a servlet response, for refusals made before JAX-RS sees the request. */
public final class ProblemResponses {

    private ProblemResponses() {
    }

    public static void write(HttpServletResponse response, int status, String detail) throws IOException {
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known != null ? known.getReasonPhrase() : titleOf(status);
        byte[] body = Problem.json(status, title, detail, Map.of()).getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType(Problem.PROBLEM_JSON.toString()); // JSON is UTF-8 by definition: no charset, as JAX-RS answers it
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** What a refusal without words of its own says. */
    public static String defaultDetail(int status) {
        return switch (status) {
            case 401 -> "Send an API key as a Bearer token, or HTTP Basic credentials of a member of staff";
            case 403 -> "Your role does not allow this";
            case 404 -> "There is nothing at this address";
            case 405 -> "This address does not take that method";
            case 413 -> "The request body is too large";
            case 415 -> "The request body must be application/json";
            default -> null;
        };
    }

    /** Reason phrases JAX-RS's Status does not list. */
    static String titleOf(int status) {
        return switch (status) {
            case 405 -> "Method Not Allowed";
            case 413 -> "Content Too Large";
            case 422 -> "Unprocessable Content";
            case 429 -> "Too Many Requests";
            default -> status >= 500 ? "Server Error" : "Client Error";
        };
    }
}
