package org.smsconsole.web.api.sending;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.BadRequestException;
import org.smsconsole.validation.InvalidInputException;

import java.io.StringReader;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A request body read field by field, so that a wrong type is refused naming its field. Unknown fields are
 * refused too: a misspelt {@code send_at} silently ignored would send at once.
 */
final class JsonFields {

    private final JsonObject json;
    private final String prefix;

    private JsonFields(JsonObject json, String prefix) {
        this.json = json;
        this.prefix = prefix;
    }

    static JsonFields parse(String body, Set<String> known) {
        if (body == null || body.isBlank()) {
            throw new BadRequestException("The request needs a JSON object");
        }
        JsonValue value;
        try (var reader = Json.createReader(new StringReader(body))) {
            value = reader.readValue();
        } catch (JsonException e) {
            throw new BadRequestException("The request body is not valid JSON: " + e.getMessage());
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new BadRequestException("The request body must be a JSON object");
        }
        return new JsonFields(value.asJsonObject(), "").only(known);
    }

    private JsonFields only(Set<String> known) {
        for (String field : json.keySet()) {
            if (!known.contains(field)) {
                throw new InvalidInputException(prefix + field, "Unknown field '" + prefix + field + "'; known are " + known);
            }
        }
        return this;
    }

    String string(String field) {
        JsonValue v = value(field);
        if (v == null) {
            return null;
        }
        if (v instanceof JsonString s) {
            return s.getString();
        }
        throw new InvalidInputException(name(field), "'" + name(field) + "' must be a string");
    }

    Long id(String field) {
        JsonValue v = value(field);
        if (v == null) {
            return null;
        }
        return id(v, name(field));
    }

    Integer integer(String field) {
        JsonValue v = value(field);
        if (v == null) {
            return null;
        }
        try {
            if (v instanceof JsonNumber n) {
                return n.intValueExact();
            }
        } catch (ArithmeticException e) {
            // a fraction or out of int range: refused below
        }
        throw new InvalidInputException(name(field), "'" + name(field) + "' must be a whole number");
    }

    List<Long> ids(String field) {
        JsonValue v = value(field);
        List<Long> ids = new ArrayList<>();
        if (v == null) {
            return ids;
        }
        if (!(v instanceof JsonArray array)) {
            throw new InvalidInputException(name(field), "'" + name(field) + "' must be an array of ids");
        }
        for (JsonValue item : array) {
            ids.add(id(item, name(field)));
        }
        return ids;
    }

    /** ISO-8601 with an offset ({@code 2026-05-01T09:00:00Z}); a local time would be ambiguous. */
    Instant instant(String field) {
        String text = string(field);
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(name(field), "'" + name(field) + "' must be an ISO-8601 time with an offset, e.g. 2026-05-01T09:00:00Z");
        }
    }

    /** A time of day, {@code HH:mm}. */
    LocalTime time(String field) {
        String text = string(field);
        if (text == null) {
            return null;
        }
        try {
            return LocalTime.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(name(field), "'" + name(field) + "' must be a time of day, e.g. 21:00");
        }
    }

    /** A nested object, or null when absent. */
    JsonFields object(String field, Set<String> known) {
        JsonValue v = value(field);
        if (v == null) {
            return null;
        }
        if (!(v instanceof JsonObject o)) {
            throw new InvalidInputException(name(field), "'" + name(field) + "' must be an object");
        }
        return new JsonFields(o, name(field) + ".").only(known);
    }

    private JsonValue value(String field) {
        JsonValue v = json.get(field);
        return v == null || v.getValueType() == JsonValue.ValueType.NULL ? null : v;
    }

    private String name(String field) {
        return prefix + field;
    }

    private static long id(JsonValue v, String field) {
        try {
            if (v instanceof JsonNumber n && n.longValueExact() > 0) {
                return n.longValueExact();
            }
        } catch (ArithmeticException e) {
            // a fraction or too large: refused below
        }
        throw new InvalidInputException(field, "'" + field + "' must be a positive whole number (an id)");
    }
}
