package org.smsconsole.sinch;

import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.nio.file.Path;
import java.util.LinkedHashMap;
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

/**
 * The round trip of {@link FixtureRoundTripTest}, over a folder of Sinch's own Java SDK JSON samples (its
 * {@code sdk-java} and {@code sdk-java-v1} test resources), so our model is checked against what Sinch itself tests
 * with. Not part of {@code mvn verify}, which needs nothing outside the repository: surefire leaves this class out,
 * and {@code mvn -Psdk-samples -Dsinch.sdk.samples=DIR test -pl sms-core} runs it alone (CI does, after the build).
 *
 * <p>The samples test shapes, not meaning, and differ from Sinch's answers in ways allowed here (see
 * {@link #normalize}): timestamps are compared as instants (we write UTC with milliseconds, so
 * {@code 2019-08-24T14:19:22Z} comes back as {@code 2019-08-24T14:19:22.000Z}); {@code auto_update.to} given as a
 * number is written as a string; the v1 MO media sample spells {@code contentType}, which no Sinch document uses
 * (the API and the current sample say {@code content_type}), and it is ignored like any unknown field.
 */
class SdkSamplesRoundTripTest {

    /** Set by the {@code sdk-samples} profile from {@code -Dsinch.sdk.samples}. */
    static final String PROPERTY = "sinch.sdk.samples";

    /** Sample file name (without .json) to the model it holds; the first matching rule wins. */
    private static final Map<Pattern, Function<String, Object>> RULES = new LinkedHashMap<>();

    static {
        FixtureRoundTripTest.rule(RULES, "^webhooks\\.", FixtureRoundTripTest.CALLBACK);
        FixtureRoundTripTest.rule(RULES, "BearerAuthResponse", json -> SinchJson.read(json, OAuthToken.class));
        FixtureRoundTripTest.rule(RULES, "^error-response$", json -> SinchJson.read(json, SinchError.class));
        FixtureRoundTripTest.rule(RULES, "MediaBodyDto$", json -> SinchJson.read(json, MediaBody.class));
        FixtureRoundTripTest.rule(RULES, "SendDeliveryFeedbackRequestDto$", json -> SinchJson.read(json, DeliveryFeedback.class));
        FixtureRoundTripTest.rule(RULES, "DryRunResponseDto$", json -> SinchJson.read(json, DryRunResult.class));
        FixtureRoundTripTest.rule(RULES, "ListBatchesResponseDtoPage\\d$", json -> SinchJson.read(json, BatchList.class));
        FixtureRoundTripTest.rule(RULES, "ListDeliveryReportResponseDtoPage\\d$", json -> SinchJson.read(json, DeliveryReportList.class));
        FixtureRoundTripTest.rule(RULES, "(ListGroupsResponse|GroupsListResponse)DtoPage\\d$", json -> SinchJson.read(json, GroupList.class));
        FixtureRoundTripTest.rule(RULES, "InboundsListResponseDtoPage\\d$", json -> SinchJson.read(json, InboundList.class));
        FixtureRoundTripTest.rule(RULES, "(DeliveryReportBatch|BatchDeliveryReport)(SMS|MMS)Dto$",
                json -> SinchJson.read(json, BatchDeliveryReport.class));
        FixtureRoundTripTest.rule(RULES, "(DeliveryReportRecipient|RecipientDeliveryReport)(SMS|MMS)Dto$",
                json -> SinchJson.read(json, RecipientDeliveryReport.class));
        FixtureRoundTripTest.rule(RULES, "GroupUpdateRequest(Parameters)?Dto$", json -> SinchJson.read(json, GroupUpdate.class));
        FixtureRoundTripTest.rule(RULES, "(CreateGroupRequest|ReplaceGroupRequest|GroupRequest|GroupCreateRequestParameters"
                + "|GroupReplaceRequestParameters)Dto$", json -> SinchJson.read(json, GroupRequest.class));
        FixtureRoundTripTest.rule(RULES, "(GroupDto|GroupResponseDto)$", json -> SinchJson.read(json, Group.class));
        FixtureRoundTripTest.rule(RULES, "Update(SMS)?(Text|Binary|Media)RequestDto$", json -> SinchJson.read(json, BatchUpdate.class));
        FixtureRoundTripTest.rule(RULES, "(SendSMS)?(Text|Binary|Media)RequestDto$", json -> SinchJson.read(json, BatchRequest.class));
        FixtureRoundTripTest.rule(RULES, "(Text|Binary|Media)ResponseDto$", json -> SinchJson.read(json, Batch.class));
        FixtureRoundTripTest.rule(RULES, "(Inbound|MO)(Text|Binary|Media)Dto$", json -> SinchJson.read(json, Inbound.class));
    }

    static SinchVectors samples() {
        String dir = System.getProperty(PROPERTY);
        assertTrue(dir != null && !dir.isBlank() && !dir.contains("${"),
                "system property " + PROPERTY + " is not set: run with -Psdk-samples -D" + PROPERTY + "=DIR");
        return SinchVectors.folder(Path.of(dir));
    }

    @TestFactory
    Stream<DynamicTest> everySdkSampleParsesAndWritesBackToTheSameJson() {
        SinchVectors samples = samples();
        assertTrue(samples.names().size() >= 80, "expected the 80+ samples of Sinch's Java SDK: " + samples);
        assertTrue(!samples.names("sdk-java/").isEmpty() && !samples.names("sdk-java-v1/").isEmpty(),
                "expected the sdk-java and sdk-java-v1 folders in " + samples.source());
        return samples.names().stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            String file = name.substring(name.lastIndexOf('/') + 1).replaceFirst("\\.json$", "");
            FixtureRoundTripTest.roundTrip(name, samples.read(name), FixtureRoundTripTest.readerFor(file, RULES),
                    value -> normalize(value, null));
        }));
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
}
