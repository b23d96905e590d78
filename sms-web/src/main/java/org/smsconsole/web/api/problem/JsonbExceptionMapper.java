package org.smsconsole.web.api.problem;

import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Malformed JSON that reaches us as JSON-B's own exception. */
@Provider
public class JsonbExceptionMapper implements ExceptionMapper<JsonbException> {
    @Override
    public Response toResponse(JsonbException e) {
        return Problem.of(Response.Status.BAD_REQUEST, "The request body is not valid JSON of the expected shape");
    }
}
