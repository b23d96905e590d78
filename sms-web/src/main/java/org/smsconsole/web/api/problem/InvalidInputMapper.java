package org.smsconsole.web.api.problem;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.smsconsole.validation.InvalidInputException;

import java.util.Map;

/** A refused input: 400, naming the field. Nothing was stored (the service threw before committing). */
@Provider
public class InvalidInputMapper implements ExceptionMapper<InvalidInputException> {
    @Override
    public Response toResponse(InvalidInputException e) {
        return Problem.of(Response.Status.BAD_REQUEST, e.getMessage(), Map.of(e.field(), e.getMessage()));
    }
}
