package org.smsconsole.web.api.problem;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.smsconsole.validation.ConflictException;

/** A well-formed request the thing's state does not allow (pausing a finished campaign): 409, nothing changed. */
@Provider
public class ConflictMapper implements ExceptionMapper<ConflictException> {
    @Override
    public Response toResponse(ConflictException e) {
        return Problem.of(Response.Status.CONFLICT, e.getMessage());
    }
}
