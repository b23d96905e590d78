package org.smsconsole.sinch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.smsconsole.sinch.auth.OAuthToken;
import org.smsconsole.sinch.batch.Batch;
import org.smsconsole.sinch.batch.BatchList;
import org.smsconsole.sinch.batch.BatchRequest;
import org.smsconsole.sinch.batch.BatchUpdate;
import org.smsconsole.sinch.batch.DeliveryFeedback;
import org.smsconsole.sinch.batch.DryRunResult;
import org.smsconsole.sinch.batch.MediaBody;
import org.smsconsole.sinch.group.Group;
import org.smsconsole.sinch.group.GroupList;
import org.smsconsole.sinch.group.GroupRequest;
import org.smsconsole.sinch.group.GroupUpdate;
import org.smsconsole.sinch.inbound.Inbound;
import org.smsconsole.sinch.inbound.InboundList;
import org.smsconsole.sinch.report.BatchDeliveryReport;
import org.smsconsole.sinch.report.DeliveryReportList;
import org.smsconsole.sinch.report.RecipientDeliveryReport;
import org.smsconsole.sinch.webhook.WebhookEvent;
import org.smsconsole.sinch.webhook.WebhookParser;

/**
 * Every JSON sample from Sinch's Java SDK parses into our model and writes back to the same
 * JSON tree, so no documented field is dropped. Allowed differences (see {@link #normalize}):
 * <ul>
 *   <li>timestamps are compared as instants: we always write UTC with milliseconds
 *       ({@code 2019-08-24T14:19:22Z} comes back as {@code 2019-08-24T14:19:22.000Z});</li>
 *   <li>{@code auto_update.to} given as a number is written as a string;</li>
 *   <li>the v1 MO media sample spells {@code contentType}, which no Sinch document uses
 *       (the API and the current sample say {@code content_type}); it is ignored like any
 *       unknown field.</li>
 * </ul>
 */
class FixtureRoundTripTest {

    /** File name (without .json) to the model it holds; the first matching rule wins. */
    private static final Map<Pattern, Function<String, Object>> RULES = new LinkedHashMap<>();

    static {
        rule("^webhooks\\.", WebhookParser::parse);
        rule("BearerAuthResponse", json -> SinchJson.read(json, OAuthToken.class));
        rule("^error-response$", json -> SinchJson.read(json, SinchError.class));
        rule("MediaBodyDto$", json -> SinchJson.read(json, MediaBody.class));
        rule("SendDeliveryFeedbackRequestDto$", json -> SinchJson.read(json, DeliveryFeedback.class));
        rule("DryRunResponseDto$", json -> SinchJson.read(json, DryRunResult.class));
        rule("ListBatchesResponseDtoPage\\d$", json -> SinchJson.read(json, BatchList.class));
        rule("ListDeliveryReportResponseDtoPage\\d$", json -> SinchJson.read(json, DeliveryReportList.class));
        rule("(ListGroupsResponse|GroupsListResponse)DtoPage\\d$", json -> SinchJson.read(json, GroupList.class));
        rule("InboundsListResponseDtoPage\\d$", json -> SinchJson.read(json, InboundList.class));
        rule("(DeliveryReportBatch|BatchDeliveryReport)(SMS|MMS)Dto$", json -> SinchJson.read(json, BatchDeliveryReport.class));
        rule("(DeliveryReportRecipient|RecipientDeliveryReport)(SMS|MMS)Dto$", json -> SinchJson.read(json, RecipientDeliveryReport.class));
        rule("GroupUpdateRequest(Parameters)?Dto$", json -> SinchJson.read(json, GroupUpdate.class));
        rule("(CreateGroupRequest|ReplaceGroupRequest|GroupRequest|GroupCreateRequestParameters|GroupReplaceRequestParameters)Dto$",
                json -> SinchJson.read(json, GroupRequest.class));
        rule("(GroupDto|GroupResponseDto)$", json -> SinchJson.read(json, Group.class));
        rule("Update(SMS)?(Text|Binary|Media)RequestDto$", json -> SinchJson.read(json, BatchUpdate.class));
        rule("(SendSMS)?(Text|Binary|Media)RequestDto$", json -> SinchJson.read(json, BatchRequest.class));
        rule("(Text|Binary|Media)ResponseDto$", json -> SinchJson.read(json, Batch.class));
        rule("(Inbound|MO)(Text|Binary|Media)Dto$", json -> SinchJson.read(json, Inbound.class));
    }

    private static void rule(String regex, Function<String, Object> reader) {
        RULES.put(Pattern.compile(regex), reader);
    }

    static Path fixtures() {
        String dir = System.getProperty("sinch.fixtures");
        assertNotNull(dir, "system property sinch.fixtures is not set (see sms-core/pom.xml)");
        Path path = Path.of(dir);
        assertTrue(Files.isDirectory(path), "Sinch fixtures folder missing: " + path.toAbsolutePath());
        return path;
    }

    @TestFactory
    Stream<DynamicTest> everySampleRoundTrips() throws IOException {
        Path root = fixtures();
        List<Path> files;
        try (Stream<Path> walk = Stream.of("sdk-java", "sdk-java-v1").map(root::resolve)
                .peek(dir -> assertTrue(Files.isDirectory(dir), "missing " + dir))
                .flatMap(FixtureRoundTripTest::jsonFiles)) {
            files = walk.toList();
        }
        assertTrue(files.size() >= 80, "expected the 80+ Sinch samples, found " + files.size());
        return files.stream().map(file -> DynamicTest.dynamicTest(
                root.relativize(file).toString(), () -> roundTrip(file)));
    }

    private static Stream<Path> jsonFiles(Path dir) {
        try {
            return Files.list(dir).filter(f -> f.toString().endsWith(".json")).sorted();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void roundTrip(Path file) throws IOException {
        String name = file.getFileName().toString().replaceFirst("\\.json$", "");
        Function<String, Object> reader = RULES.entrySet().stream()
                .filter(e -> e.getKey().matcher(name).find()).map(Map.Entry::getValue).findFirst()
                .orElseThrow(() -> new AssertionError("no model mapped for fixture " + name));
        String json = Files.readString(file, StandardCharsets.UTF_8);
        Object model = reader.apply(json);
        assertNotNull(model);
        JsonValue original = SinchJson.tree(json);
        if (original instanceof JsonObject o && o.get("type") instanceof JsonString type
                && (model instanceof Batch || model instanceof BatchRequest || model instanceof BatchUpdate
                || model instanceof Inbound)) {
            assertEquals(type.getString(), typeOf(model), "concrete type chosen for " + name);
        }
        if (name.startsWith("webhooks.")) {
            assertInstanceOf(WebhookEvent.class, model);
        }
        JsonValue written = SinchJson.tree(SinchJson.write(model));
        assertEquals(normalize(original, null), normalize(written, null), name + " written back differs");
        if (!(model instanceof GroupUpdate)) { // the one place where null means "remove"
            assertFalse(containsNull(written), "nulls must be omitted on write: " + written);
        }
    }

    private static boolean containsNull(JsonValue value) {
        if (value instanceof JsonObject o) {
            return o.values().stream().anyMatch(FixtureRoundTripTest::containsNull);
        }
        if (value instanceof JsonArray a) {
            return a.stream().anyMatch(FixtureRoundTripTest::containsNull);
        }
        return value == JsonValue.NULL;
    }

    private static String typeOf(Object model) {
        if (model instanceof Batch b) {
            return b.getType();
        } else if (model instanceof BatchRequest r) {
            return r.getType();
        } else if (model instanceof BatchUpdate u) {
            return u.getType();
        }
        return ((Inbound) model).getType();
    }

    private static final Pattern TIMESTAMP = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}.*");

    /** Applies the allowed differences listed in the class comment. */
    static JsonValue normalize(JsonValue value, String parentKey) {
        if (value instanceof JsonObject object) {
            JsonObjectBuilder b = Json.createObjectBuilder();
            object.forEach((key, v) -> {
                if (key.equals("contentType")) {
                    return;
                }
                if ("auto_update".equals(parentKey) && key.equals("to") && v instanceof JsonNumber n) {
                    v = Json.createValue(n.toString());
                }
                b.add(key, normalize(v, key));
            });
            return b.build();
        }
        if (value instanceof JsonArray array) {
            JsonArrayBuilder b = Json.createArrayBuilder();
            array.forEach(v -> b.add(normalize(v, parentKey)));
            return b.build();
        }
        if (value instanceof JsonString s && TIMESTAMP.matcher(s.getString()).matches()) {
            return Json.createValue(SinchJson.format(SinchJson.parseInstant(s.getString())));
        }
        return value;
    }

    @org.junit.jupiter.api.Test
    void missingFixturesFolderFailsRatherThanSkips() {
        String saved = System.getProperty("sinch.fixtures");
        try {
            System.setProperty("sinch.fixtures", saved + "/does-not-exist");
            AssertionError error = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class, FixtureRoundTripTest::fixtures);
            assertTrue(error.getMessage().contains("missing"));
        } finally {
            System.setProperty("sinch.fixtures", saved);
        }
    }

}
