package org.smsconsole.web.sandbox;

import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.smsconsole.sinch.SinchJson;
import org.smsconsole.web.sandbox.engine.SandboxException;

/** Reading requests and writing answers with sms-core's one JSON configuration, as Sinch would. */
final class SinchBodies {
    private SinchBodies() {
    }

    static <T> T read(String body, Type type) {
        if (body == null || body.isBlank()) {
            throw new SandboxException(400, "syntax_invalid_json", "The request body is empty");
        }
        try {
            T value = SinchJson.read(body, type);
            if (value == null) {
                throw new SandboxException(400, "syntax_invalid_json", "The request body is null");
            }
            return value;
        } catch (JsonbException | jakarta.json.JsonException | ClassCastException | IllegalArgumentException e) {
            throw new SandboxException(400, "syntax_invalid_json", "The JSON is invalid: " + rootMessage(e));
        }
    }

    static Response json(int status, Object value) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(SinchJson.write(value)).build();
    }

    static Response ok(Object value) {
        return json(200, value);
    }

    static Integer integer(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw SandboxException.format(name + " must be a number, was '" + value + "'");
        }
    }

    static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return SinchJson.parseInstant(value);
        } catch (DateTimeParseException e) {
            throw SandboxException.format(name + " must be an ISO-8601 timestamp, was '" + value + "'");
        }
    }

    /** A comma-separated query parameter, or the parameter repeated. */
    static List<String> list(List<String> values) {
        List<String> out = new ArrayList<>();
        if (values != null) {
            for (String value : values) {
                for (String part : value.split(",")) {
                    if (!part.isBlank()) {
                        out.add(part.trim());
                    }
                }
            }
        }
        return out;
    }

    static List<Integer> codes(List<String> values) {
        return list(values).stream().map(v -> integer("code", v)).toList();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        String message = t.getMessage();
        return message == null ? t.getClass().getSimpleName() : message.lines().findFirst().orElse("");
    }
}
