package org.smsconsole.sinch.group;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbTypeDeserializer;
import jakarta.json.bind.annotation.JsonbTypeSerializer;
import jakarta.json.bind.serializer.DeserializationContext;
import jakarta.json.bind.serializer.JsonbDeserializer;
import jakarta.json.bind.serializer.JsonbSerializer;
import jakarta.json.bind.serializer.SerializationContext;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonParser;
import java.lang.reflect.Type;
import java.util.List;
import org.smsconsole.sinch.SinchJson;

/**
 * Body of {@code POST /groups/{id}}. Adds apply before removes. {@code name} has three states:
 * null leaves it, a value sets it, {@code removeName} sends an explicit {@code "name": null},
 * which removes it. JSON-B cannot tell "absent" from "null" in a record, hence the
 * hand-written (de)serializer.
 */
@JsonbTypeSerializer(GroupUpdate.Json.class)
@JsonbTypeDeserializer(GroupUpdate.Json.class)
public record GroupUpdate(
        String name,
        boolean removeName,
        List<String> add,
        List<String> remove,
        String addFromGroup,
        String removeFromGroup,
        AutoUpdate autoUpdate) {

    public static GroupUpdate rename(String name) {
        return new GroupUpdate(name, false, null, null, null, null, null);
    }

    public static GroupUpdate members(List<String> add, List<String> remove) {
        return new GroupUpdate(null, false, add, remove, null, null, null);
    }

    public GroupUpdate withoutName() {
        return new GroupUpdate(null, true, add, remove, addFromGroup, removeFromGroup, autoUpdate);
    }

    public GroupUpdate withAutoUpdate(AutoUpdate autoUpdate) {
        return new GroupUpdate(name, removeName, add, remove, addFromGroup, removeFromGroup, autoUpdate);
    }

    public GroupUpdate withGroups(String addFromGroup, String removeFromGroup) {
        return new GroupUpdate(name, removeName, add, remove, addFromGroup, removeFromGroup, autoUpdate);
    }

    public static final class Json implements JsonbSerializer<GroupUpdate>, JsonbDeserializer<GroupUpdate> {
        @Override
        public void serialize(GroupUpdate u, JsonGenerator out, SerializationContext ctx) {
            out.writeStartObject();
            if (u.removeName()) {
                out.writeNull("name");
            } else if (u.name() != null) {
                out.write("name", u.name());
            }
            writeList(out, "add", u.add());
            writeList(out, "remove", u.remove());
            if (u.addFromGroup() != null) {
                out.write("add_from_group", u.addFromGroup());
            }
            if (u.removeFromGroup() != null) {
                out.write("remove_from_group", u.removeFromGroup());
            }
            if (u.autoUpdate() != null) {
                out.write("auto_update", SinchJson.tree(SinchJson.write(u.autoUpdate())));
            }
            out.writeEnd();
        }

        private static void writeList(JsonGenerator out, String key, List<String> values) {
            if (values != null) {
                out.writeStartArray(key);
                values.forEach(out::write);
                out.writeEnd();
            }
        }

        @Override
        public GroupUpdate deserialize(JsonParser parser, DeserializationContext ctx, Type type) {
            JsonObject o = parser.getObject();
            JsonValue name = o.get("name");
            JsonValue auto = o.get("auto_update");
            return new GroupUpdate(
                    name instanceof JsonString s ? s.getString() : null,
                    name == JsonValue.NULL,
                    list(o.get("add")), list(o.get("remove")),
                    o.getString("add_from_group", null), o.getString("remove_from_group", null),
                    auto instanceof JsonObject ? SinchJson.read(auto.toString(), AutoUpdate.class) : null);
        }

        private static List<String> list(JsonValue value) {
            return value instanceof JsonArray array
                    ? array.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList() : null;
        }
    }
}
