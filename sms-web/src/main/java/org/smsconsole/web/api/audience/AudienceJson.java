package org.smsconsole.web.api.audience;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ForbiddenException;
import org.smsconsole.contact.ContactView;
import org.smsconsole.contact.imports.ImportJobView;
import org.smsconsole.group.GroupView;
import org.smsconsole.user.Role;
import org.smsconsole.validation.InvalidInputException;

import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The audience API's JSON, written and read by hand in Sinch's style (snake_case, ISO-8601 UTC):
 * a body that is not JSON, or a field of the wrong type, is refused naming the field.
 */
final class AudienceJson {

    static final int MAX_PAGE_SIZE = 1000;

    private AudienceJson() {
    }

    static void requireOperator(SecurityContext security) {
        if (!security.isUserInRole(Role.OPERATOR.name())) {
            throw new ForbiddenException("Changing the audience needs the OPERATOR role");
        }
    }

    static JsonObject contact(ContactView c) {
        JsonObjectBuilder attributes = Json.createObjectBuilder();
        c.attributes().forEach(attributes::add);
        JsonObjectBuilder b = Json.createObjectBuilder()
                .add("id", c.id())
                .add("phone", c.phone());
        optional(b, "name", c.name());
        optional(b, "language", c.language());
        optional(b, "time_zone", c.timeZone());
        b.add("attributes", attributes)
                .add("consent", c.consent().apiName());
        optional(b, "consent_changed_at", c.consentChangedAt());
        optional(b, "consent_source", c.consentSource());
        optional(b, "consent_reason", c.consentReason());
        return b.add("created_at", c.createdAt().toString()).add("updated_at", c.updatedAt().toString()).build();
    }

    static JsonObject group(GroupView g) {
        return Json.createObjectBuilder().add("id", g.id()).add("name", g.name()).add("member_count", g.memberCount())
                .add("created_at", g.createdAt().toString()).add("updated_at", g.updatedAt().toString()).build();
    }

    static JsonObjectBuilder job(ImportJobView j) {
        JsonObjectBuilder b = Json.createObjectBuilder().add("id", j.id()).add("type", "contact_import")
                .add("state", j.state().name().toLowerCase(java.util.Locale.ROOT));
        optional(b, "file_name", j.fileName());
        b.add("update_existing", j.updateExisting()).add("default_country", j.defaultCountry());
        if (j.groupId() != null) {
            b.add("group_id", j.groupId());
        }
        b.add("total_rows", j.totalRows()).add("processed_rows", j.processedRows()).add("percent", j.percent())
                .add("created", j.created()).add("updated", j.updated()).add("skipped", j.skipped()).add("rejected", j.rejected());
        optional(b, "failure", j.failure());
        b.add("started_by", j.startedBy()).add("created_at", j.createdAt().toString());
        optional(b, "finished_at", j.finishedAt());
        return b;
    }

    private static void optional(JsonObjectBuilder b, String key, Object value) {
        if (value != null) {
            b.add(key, value.toString());
        }
    }

    static JsonObject parse(String body) {
        if (body == null || body.isBlank()) {
            throw new InvalidInputException("body", "The request needs a JSON object");
        }
        try (var reader = Json.createReader(new StringReader(body))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new InvalidInputException("body", "The request body must be a JSON object");
            }
            return value.asJsonObject();
        } catch (JsonException e) {
            throw new InvalidInputException("body", "The request body is not valid JSON");
        }
    }

    static String string(JsonObject o, String field) {
        JsonValue v = o.get(field);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (v instanceof JsonString s) {
            return s.getString();
        }
        throw new InvalidInputException(field, "'" + field + "' must be a string");
    }

    static Map<String, String> attributes(JsonObject o) {
        JsonValue v = o.get("attributes");
        Map<String, String> map = new LinkedHashMap<>();
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return map;
        }
        if (!(v instanceof JsonObject attributes)) {
            throw new InvalidInputException("attributes", "'attributes' must be an object of string values");
        }
        attributes.forEach((key, value) -> {
            if (value instanceof JsonString s) {
                map.put(key, s.getString());
            } else if (value instanceof JsonNumber n) {
                map.put(key, n.toString());
            } else if (value.getValueType() != JsonValue.ValueType.NULL) {
                throw new InvalidInputException("attributes", "Attribute '" + key + "' must be a string");
            }
        });
        return map;
    }

    static List<Long> longs(JsonObject o, String field) {
        JsonValue v = o.get(field);
        List<Long> list = new ArrayList<>();
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return list;
        }
        if (!(v instanceof JsonArray array)) {
            throw new InvalidInputException(field, "'" + field + "' must be an array of ids");
        }
        for (JsonValue item : array) {
            if (!(item instanceof JsonNumber n) || !n.isIntegral()) {
                throw new InvalidInputException(field, "'" + field + "' must be an array of ids");
            }
            list.add(n.longValue());
        }
        return list;
    }

    static List<String> strings(JsonObject o, String field) {
        JsonValue v = o.get(field);
        List<String> list = new ArrayList<>();
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return list;
        }
        if (!(v instanceof JsonArray array)) {
            throw new InvalidInputException(field, "'" + field + "' must be an array of strings");
        }
        for (JsonValue item : array) {
            if (!(item instanceof JsonString s)) {
                throw new InvalidInputException(field, "'" + field + "' must be an array of strings");
            }
            list.add(s.getString());
        }
        return list;
    }

    /** Paging of the audience lists: 30 by default, up to {@link #MAX_PAGE_SIZE} a page. */
    static org.smsconsole.web.api.Paging paging(String page, String pageSize) {
        return org.smsconsole.web.api.Paging.parse(page, pageSize, 30, MAX_PAGE_SIZE);
    }

    static String instant(Instant i) {
        return i == null ? null : i.toString();
    }
}
