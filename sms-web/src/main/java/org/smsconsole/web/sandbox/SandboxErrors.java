package org.smsconsole.web.sandbox;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;
import org.smsconsole.sinch.SinchError;
import org.smsconsole.web.sandbox.engine.SandboxException;

/** Every refusal in Sinch's error shape, {@code {"code": "...", "text": "..."}}. */
@Provider
public class SandboxErrors implements ExceptionMapper<SandboxException> {

    @Override
    public Response toResponse(SandboxException e) {
        return SinchBodies.json(e.status(), new SinchError(e.code(), e.text()));
    }

    /** What JAX-RS itself refuses: unknown path (404), wrong method (405), wrong content type (415). */
    @Provider
    public static class Http implements ExceptionMapper<WebApplicationException> {
        private static final Map<Integer, String> CODES = Map.of(404, "not_found", 405, "method_not_allowed",
                415, "unsupported_media_type", 406, "not_acceptable");

        @Override
        public Response toResponse(WebApplicationException e) {
            int status = e.getResponse().getStatus();
            return SinchBodies.json(status, new SinchError(CODES.getOrDefault(status, "error"),
                    e.getResponse().getStatusInfo().getReasonPhrase()));
        }
    }
}
