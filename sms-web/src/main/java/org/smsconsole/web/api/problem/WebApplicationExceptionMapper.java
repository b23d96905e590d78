package org.smsconsole.web.api.problem;

import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * JAX-RS's own refusals (unknown path, wrong method, wrong media type, unreadable JSON) in the
 * problem shape too. A body that cannot be read is the client's fault: 400, not 500.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
    @Override
    public Response toResponse(WebApplicationException e) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        if (e.getCause() instanceof JsonbException || e.getCause() instanceof ProcessingException) {
            return Problem.of(Response.Status.BAD_REQUEST, "The request body is not valid JSON of the expected shape");
        }
        String message = e.getMessage();
        if (message == null || message.startsWith("HTTP " + status.getStatusCode())) { // JAX-RS's own words: "HTTP 404 Not Found"
            message = ProblemResponses.defaultDetail(status.getStatusCode());
        }
        return Problem.of(status, status.getStatusCode() >= 500 ? null : message);
    }
}
