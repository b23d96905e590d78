package org.smsconsole.web.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.Set;
import org.smsconsole.sinch.SinchJson;
import org.smsconsole.sinch.SinchVectors;

/**
 * Compares an answer of the sandbox with the matching Sinch test vector of the project ({@link SinchVectors}, e.g.
 * {@code batches/text-batch.json}): every field of the vector is present in the answer with the same JSON type.
 * Values are not compared: the sandbox makes its own ids, times and numbers.
 */
final class SinchShapes {

    /**
     * Left out on purpose (paths as {@code a.b}, {@code []} for an array's items):
     * <ul>
     *   <li>{@code parameters}: its keys are parameter names and phone numbers, data rather than fields;</li>
     *   <li>an MO's {@code client_reference} ({@link #MO_ODDITIES}): Sinch sets it only on replies to batches that had
     *       one; the sandbox's simulated MOs have none.</li>
     * </ul>
     */
    static final Set<String> ODDITIES = Set.of("parameters", "batches[].parameters");
    static final Set<String> MO_ODDITIES = Set.of("client_reference", "inbounds[].client_reference");

    private SinchShapes() {
    }

    static JsonValue vector(String name) {
        return SinchJson.tree(SinchVectors.project().read(name));
    }

    static void assertSameShape(String file, String answer) {
        assertSameShape(file, answer, ODDITIES);
    }

    static void assertSameShape(String file, String answer, Set<String> skipped) {
        compare(vector(file), SinchJson.tree(answer), "", file, skipped);
    }

    private static void compare(JsonValue sample, JsonValue actual, String path, String file, Set<String> skipped) {
        if (skipped.contains(path)) {
            return;
        }
        assertTrue(actual != null, file + ": field '" + path + "' is missing in the answer");
        assertEquals(kind(sample), kind(actual), file + ": field '" + path + "' has another JSON type");
        if (sample instanceof JsonObject s) {
            JsonObject a = actual.asJsonObject();
            s.forEach((key, value) -> compare(value, a.get(key), path.isEmpty() ? key : path + "." + key, file, skipped));
        } else if (sample instanceof JsonArray s && !s.isEmpty()) {
            JsonArray a = actual.asJsonArray();
            assertTrue(!a.isEmpty(), file + ": '" + path + "' is empty in the answer; the test must fill it");
            compare(s.get(0), a.get(0), path + "[]", file, skipped);
        }
    }

    private static String kind(JsonValue value) {
        return switch (value.getValueType()) {
            case TRUE, FALSE -> "boolean";
            default -> value.getValueType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
