package org.smsconsole.web.sandbox.engine;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.smsconsole.sinch.Msisdn;
import org.smsconsole.sinch.SinchJson;
import org.smsconsole.sinch.batch.Batch;
import org.smsconsole.sinch.batch.BatchRequest;
import org.smsconsole.sinch.batch.BatchUpdate;
import org.smsconsole.sinch.batch.BatchValidator;

/**
 * Builds the batch Sinch answers with from a request, an update or a replacement. Works on the
 * JSON trees of sms-core's records, whose field names are Sinch's, so one merge serves the three
 * batch types: the request echoed, numbers normalised, defaults filled in as Sinch fills them.
 */
final class BatchRecords {
    private BatchRecords() {
    }

    /** The answer to a send or replace. */
    static Batch create(String id, BatchRequest request, Instant createdAt, Instant modifiedAt) {
        JsonObject sent = tree(request);
        JsonObjectBuilder out = Json.createObjectBuilder(sent);
        out.add("id", id);
        out.add("to", normalized(sent.getJsonArray("to").getValuesAs(JsonString.class).stream()
                .map(JsonString::getString).toList()));
        normalizeFrom(sent, out);
        out.add("canceled", false);
        out.add("created_at", SinchJson.format(createdAt));
        out.add("modified_at", SinchJson.format(modifiedAt));
        defaults(sent, out, createdAt);
        return SinchJson.read(out.build().toString(), Batch.class);
    }

    /** The answer to an update: fields given replace the batch's, {@code to_add} before {@code to_remove}. */
    static Batch update(Batch current, BatchUpdate update, Instant now) {
        JsonObject base = tree(current);
        JsonObject patch = tree(update);
        if (!base.getString("type").equals(patch.getString("type", base.getString("type")))) {
            throw SandboxException.constraint("an update of a " + base.getString("type") + " batch must have that type");
        }
        JsonObjectBuilder out = Json.createObjectBuilder(base);
        patch.forEach((key, value) -> {
            if (!key.equals("to_add") && !key.equals("to_remove") && !key.equals("type") && value != JsonValue.NULL) {
                out.add(key, value);
            }
        });
        Set<String> to = new LinkedHashSet<>(current.to());
        if (update.toAdd() != null) {
            to.addAll(normalizedList(update.toAdd()));
        }
        if (update.toRemove() != null) {
            normalizedList(update.toRemove()).forEach(to::remove);
        }
        if (to.isEmpty() || to.size() > BatchValidator.MAX_RECIPIENTS) {
            throw SandboxException.constraint("a batch has 1 to 1000 recipients, the update leaves " + to.size());
        }
        out.add("to", normalized(new ArrayList<>(to)));
        normalizeFrom(patch, out);
        if (update.sendAt() != null && update.expireAt() == null) {
            // The expiry moves with the send time, as when the batch was created without one.
            out.add("expire_at", SinchJson.format(update.sendAt().plus(BatchValidator.MAX_EXPIRY)));
        }
        out.add("modified_at", SinchJson.format(now));
        return SinchJson.read(out.build().toString(), Batch.class);
    }

    static Batch canceled(Batch current, Instant now) {
        JsonObjectBuilder out = Json.createObjectBuilder(tree(current));
        out.add("canceled", true);
        out.add("modified_at", SinchJson.format(now));
        return SinchJson.read(out.build().toString(), Batch.class);
    }

    /** A stored batch read as the request it amounts to (to validate an update's result). */
    static BatchRequest asRequest(Batch batch) {
        return SinchJson.read(SinchJson.write(batch), BatchRequest.class);
    }

    private static void defaults(JsonObject sent, JsonObjectBuilder out, Instant createdAt) {
        if (!sent.containsKey("delivery_report")) {
            out.add("delivery_report", "none");
        }
        if (!sent.containsKey("expire_at")) {
            Instant start = createdAt;
            if (sent.containsKey("send_at")) {
                Instant sendAt = SinchJson.parseInstant(sent.getString("send_at"));
                start = sendAt.isAfter(createdAt) ? sendAt : createdAt;
            }
            out.add("expire_at", SinchJson.format(start.plus(BatchValidator.MAX_EXPIRY)));
        }
        if (!sent.containsKey("feedback_enabled")) {
            out.add("feedback_enabled", false);
        }
        String type = sent.getString("type", "mt_text");
        if (!type.equals("mt_media") && !sent.containsKey("flash_message")) {
            out.add("flash_message", false);
        }
    }

    private static void normalizeFrom(JsonObject sent, JsonObjectBuilder out) {
        if (sent.get("from") instanceof JsonString from) {
            out.add("from", Msisdn.normalizeLenient(from.getString()));
        }
    }

    static List<String> normalizedList(List<String> values) {
        return values.stream().map(Msisdn::normalizeLenient).toList();
    }

    private static JsonArrayBuilder normalized(List<String> values) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        normalizedList(values).forEach(array::add);
        return array;
    }

    private static JsonObject tree(Object record) {
        return SinchJson.tree(SinchJson.write(record)).asJsonObject();
    }
}
