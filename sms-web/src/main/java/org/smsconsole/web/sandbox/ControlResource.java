package org.smsconsole.web.sandbox;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.smsconsole.sinch.SinchJson;
import org.smsconsole.web.sandbox.engine.SandboxException;
import org.smsconsole.web.sandbox.engine.SandboxSettings;

/**
 * {@code /sandbox/control}: not part of Sinch's API. Read and change the simulated network
 * (a JSON merge patch on the settings), read counters, reset, and make an SMS arrive.
 * For staff with OPERATOR, not for Sinch's token (see {@link SandboxGate}); the sandbox alone takes its own token.
 */
@Path("control")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
public class ControlResource {

    @Inject
    SandboxRuntime runtime;

    @Inject
    SandboxConfig config;

    /** Body of {@code POST /control/inbounds}; {@code to} defaults to the sandbox's number. */
    public record SimulatedInbound(String from, String to, String body) {
    }

    @GET
    @Path("settings")
    public Response settings() {
        return SinchBodies.ok(runtime.engine().settings());
    }

    /** A JSON merge patch (RFC 7386): only the fields given change. */
    @PATCH
    @Path("settings")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response changeSettings(String body) {
        JsonValue patch;
        try {
            patch = SinchJson.tree(body);
        } catch (JsonException e) {
            throw new SandboxException(400, "syntax_invalid_json", "The JSON is invalid");
        }
        JsonObject current = SinchJson.tree(SinchJson.write(runtime.engine().settings())).asJsonObject();
        JsonValue merged = Json.createMergePatch(patch).apply(current);
        SandboxSettings changed = SinchBodies.read(merged.toString(), SandboxSettings.class);
        runtime.engine().configure(changed);
        return SinchBodies.ok(runtime.engine().settings());
    }

    /** The same, for clients without PATCH. */
    @POST
    @Path("settings")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response changeSettingsByPost(String body) {
        return changeSettings(body);
    }

    @GET
    @Path("counters")
    public Response counters() {
        return SinchBodies.ok(runtime.engine().counters().snapshot());
    }

    /** Forgets all state and restores the configured settings. */
    @POST
    @Path("reset")
    public Response reset() {
        runtime.engine().reset();
        return Response.noContent().build();
    }

    @POST
    @Path("inbounds")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response receive(String body) {
        SimulatedInbound mo = SinchBodies.read(body, SimulatedInbound.class);
        String to = mo.to() == null || mo.to().isBlank() ? config.sandboxNumber() : mo.to();
        return SinchBodies.json(201, runtime.engine().receive(mo.from(), to, mo.body()));
    }
}
