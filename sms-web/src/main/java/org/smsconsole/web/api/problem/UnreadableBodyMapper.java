package org.smsconsole.web.api.problem;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A request body JSON-B cannot read (malformed JSON, a string where a number belongs): Jersey
 * reports it as a ProcessingException, which would otherwise become a 500. It is the client's
 * mistake: 400.
 */
@Provider
public class UnreadableBodyMapper implements ExceptionMapper<ProcessingException> {
    @Override
    public Response toResponse(ProcessingException e) {
        return Problem.of(Response.Status.BAD_REQUEST, "The request body is not valid JSON of the expected shape");
    }
}
