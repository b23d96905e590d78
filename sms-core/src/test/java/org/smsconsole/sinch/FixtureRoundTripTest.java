package org.smsconsole.sinch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbProperty;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.smsconsole.sinch.auth.OAuthToken;
import org.smsconsole.sinch.batch.Batch;
import org.smsconsole.sinch.batch.BatchList;
import org.smsconsole.sinch.batch.BatchRequest;
import org.smsconsole.sinch.batch.BatchUpdate;
import org.smsconsole.sinch.batch.BinaryBatch;
import org.smsconsole.sinch.batch.BinaryRequest;
import org.smsconsole.sinch.batch.BinaryUpdate;
import org.smsconsole.sinch.batch.DeliveryFeedback;
import org.smsconsole.sinch.batch.DryRunResult;
import org.smsconsole.sinch.batch.MediaBatch;
import org.smsconsole.sinch.batch.MediaRequest;
import org.smsconsole.sinch.batch.MediaUpdate;
import org.smsconsole.sinch.batch.TextBatch;
import org.smsconsole.sinch.batch.TextRequest;
import org.smsconsole.sinch.batch.TextUpdate;
import org.smsconsole.sinch.group.AutoUpdate;
import org.smsconsole.sinch.group.Group;
import org.smsconsole.sinch.group.GroupList;
import org.smsconsole.sinch.group.GroupRequest;
import org.smsconsole.sinch.group.GroupUpdate;
import org.smsconsole.sinch.inbound.BinaryInbound;
import org.smsconsole.sinch.inbound.Inbound;
import org.smsconsole.sinch.inbound.InboundList;
import org.smsconsole.sinch.inbound.MediaInbound;
import org.smsconsole.sinch.inbound.TextInbound;
import org.smsconsole.sinch.report.BatchDeliveryReport;
import org.smsconsole.sinch.report.DeliveryReportList;
import org.smsconsole.sinch.report.RecipientDeliveryReport;
import org.smsconsole.sinch.webhook.WebhookEvent;
import org.smsconsole.sinch.webhook.WebhookParser;

/**
 * The project's Sinch test vectors ({@code src/test/resources/sinch}, read by {@link SinchVectors}) parse into our
 * model and write back to exactly the same JSON tree, so no field is dropped or changed on the way. The vectors are
 * written the way Sinch answers (numbers as digits, UTC timestamps with milliseconds), so nothing is normalised.
 * Together they hold every field of every model class (checked here too), so the round trip covers the whole model.
 * {@link SdkSamplesRoundTripTest} does the same with a folder of Sinch's own SDK samples, outside the default build.
 */
class FixtureRoundTripTest {

    /** How many vectors there are at least: every request, answer and callback shape of the API. */
    static final int VECTORS = 47;

    /** Callback bodies: parsed as the webhook parses them. */
    static final Function<String, Object> CALLBACK = WebhookParser::parse;

    /** Vector name (without .json) to the model it holds; the first matching rule wins. */
    private static final Map<Pattern, Function<String, Object>> RULES = new LinkedHashMap<>();

    static {
        rule(RULES, "^callbacks/", CALLBACK);
        rule(RULES, "^oauth-token$", json -> SinchJson.read(json, OAuthToken.class));
        rule(RULES, "^error$", json -> SinchJson.read(json, SinchError.class));
        rule(RULES, "^batches/delivery-feedback$", json -> SinchJson.read(json, DeliveryFeedback.class));
        rule(RULES, "^batches/dry-run(-2021)?$", json -> SinchJson.read(json, DryRunResult.class));
        rule(RULES, "^batches/list-page-\\d$", json -> SinchJson.read(json, BatchList.class));
        rule(RULES, "^batches/(text|binary|media)-request$", json -> SinchJson.read(json, BatchRequest.class));
        rule(RULES, "^batches/(text|binary|media)-update$", json -> SinchJson.read(json, BatchUpdate.class));
        rule(RULES, "^batches/(text|binary|media)-batch$", json -> SinchJson.read(json, Batch.class));
        rule(RULES, "^delivery-reports/batch-(sms|mms)-(summary|full)$", json -> SinchJson.read(json, BatchDeliveryReport.class));
        rule(RULES, "^delivery-reports/recipient-(sms|mms)$", json -> SinchJson.read(json, RecipientDeliveryReport.class));
        rule(RULES, "^delivery-reports/list-page-\\d$", json -> SinchJson.read(json, DeliveryReportList.class));
        rule(RULES, "^groups/(create|replace)$", json -> SinchJson.read(json, GroupRequest.class));
        rule(RULES, "^groups/update(-remove-name)?$", json -> SinchJson.read(json, GroupUpdate.class));
        rule(RULES, "^groups/group$", json -> SinchJson.read(json, Group.class));
        rule(RULES, "^groups/list-page-\\d$", json -> SinchJson.read(json, GroupList.class));
        rule(RULES, "^inbounds/(text|binary|media)$", json -> SinchJson.read(json, Inbound.class));
        rule(RULES, "^inbounds/list-page-\\d$", json -> SinchJson.read(json, InboundList.class));
    }

    /** Every model class a request, an answer or a callback becomes. */
    private static final Set<Class<?>> MODELS = Set.of(TextRequest.class, BinaryRequest.class, MediaRequest.class,
            TextUpdate.class, BinaryUpdate.class, MediaUpdate.class, DeliveryFeedback.class, TextBatch.class,
            BinaryBatch.class, MediaBatch.class, DryRunResult.class, BatchList.class, BatchDeliveryReport.class,
            RecipientDeliveryReport.class, DeliveryReportList.class, GroupRequest.class, GroupUpdate.class, Group.class,
            GroupList.class, TextInbound.class, BinaryInbound.class, MediaInbound.class, InboundList.class,
            SinchError.class, OAuthToken.class);

    static void rule(Map<Pattern, Function<String, Object>> rules, String regex, Function<String, Object> reader) {
        rules.put(Pattern.compile(regex), reader);
    }

    static Function<String, Object> readerFor(String key, Map<Pattern, Function<String, Object>> rules) {
        return rules.entrySet().stream().filter(e -> e.getKey().matcher(key).find()).map(Map.Entry::getValue).findFirst()
                .orElseThrow(() -> new AssertionError("no model mapped for " + key));
    }

    private static String key(String name) {
        return name.replaceFirst("\\.json$", "");
    }

    @TestFactory
    Stream<DynamicTest> everyVectorParsesAndWritesBackToTheSameJson() {
        SinchVectors vectors = SinchVectors.project();
        assertTrue(vectors.names().size() >= VECTORS, "expected at least " + VECTORS + " vectors: " + vectors);
        return vectors.names().stream().map(name -> DynamicTest.dynamicTest(name,
                () -> roundTrip(name, vectors.read(name), readerFor(key(name), RULES), UnaryOperator.identity())));
    }

    /**
     * Parses {@code json} with {@code reader}, writes the model back and compares both JSON trees after
     * {@code normalize}; the concrete type follows {@code type}, callbacks are webhook events, nulls are omitted.
     */
    static Object roundTrip(String label, String json, Function<String, Object> reader, UnaryOperator<JsonValue> normalize) {
        Object model = reader.apply(json);
        assertNotNull(model, label);
        JsonValue original = SinchJson.tree(json);
        if (original instanceof JsonObject o && o.get("type") instanceof JsonString type
                && (model instanceof Batch || model instanceof BatchRequest || model instanceof BatchUpdate
                || model instanceof Inbound)) {
            assertEquals(type.getString(), typeOf(model), "concrete type chosen for " + label);
        }
        if (reader == CALLBACK) {
            assertInstanceOf(WebhookEvent.class, model, label);
        }
        JsonValue written = SinchJson.tree(SinchJson.write(model));
        assertEquals(normalize.apply(original), normalize.apply(written), label + " written back differs");
        if (!(model instanceof GroupUpdate)) { // the one place where null means "remove"
            assertFalse(containsNull(written), "nulls must be omitted on write: " + written);
        }
        return model;
    }

    @Test
    void theIndexListsExactlyTheVectorsInTheFolder() throws URISyntaxException {
        Path folder = Path.of(SinchVectors.class.getClassLoader().getResource(SinchVectors.ROOT).toURI());
        List<String> indexed = new ArrayList<>(SinchVectors.project().names());
        assertEquals(indexed.size(), new TreeSet<>(indexed).size(), "a vector listed twice in " + SinchVectors.INDEX);
        indexed.sort(null);
        assertEquals(SinchVectors.folder(folder).names(), indexed, SinchVectors.INDEX + " and the folder differ");
    }

    @Test
    void everyFieldOfEveryModelIsInAVector() {
        SinchVectors vectors = SinchVectors.project();
        Map<Class<?>, Set<String>> seen = new TreeMap<>(java.util.Comparator.comparing(Class::getName));
        for (String name : vectors.names()) {
            String json = vectors.read(name);
            Object model = readerFor(key(name), RULES).apply(json);
            paths(SinchJson.tree(json), "", seen.computeIfAbsent(model.getClass(), c -> new TreeSet<>()));
        }
        assertEquals(names(MODELS), names(seen.keySet()), "model classes with a vector");
        Map<String, Set<String>> missing = new TreeMap<>();
        seen.forEach((model, fields) -> {
            Set<String> expected = new TreeSet<>();
            fields(model, "", expected);
            expected.removeAll(fields);
            if (!expected.isEmpty()) {
                missing.put(model.getSimpleName(), expected);
            }
        });
        assertEquals(Map.of(), missing, "fields of the model that no vector holds");
    }

    @Test
    void theCallbacksAreEveryKindSinchPosts() {
        SinchVectors vectors = SinchVectors.project();
        Set<String> types = vectors.names("callbacks/").stream()
                .map(name -> SinchJson.tree(vectors.read(name)).asJsonObject().getString("type")).collect(Collectors.toSet());
        assertEquals(Set.of(BatchDeliveryReport.SMS, BatchDeliveryReport.MMS, RecipientDeliveryReport.SMS,
                RecipientDeliveryReport.MMS, TextInbound.TYPE, BinaryInbound.TYPE, MediaInbound.TYPE), types);
    }

    @Test
    void aMissingFolderOrVectorFailsRatherThanSkips() {
        AssertionError folder = assertThrows(AssertionError.class, () -> SinchVectors.folder(Path.of("target", "does-not-exist")));
        assertTrue(folder.getMessage().contains("missing"), folder.getMessage());
        AssertionError vector = assertThrows(AssertionError.class, () -> SinchVectors.project().read("batches/no-such-vector.json"));
        assertTrue(vector.getMessage().contains("missing"), vector.getMessage());
        AssertionError unmapped = assertThrows(AssertionError.class, () -> readerFor("batches/unheard-of", RULES));
        assertTrue(unmapped.getMessage().contains("no model mapped"), unmapped.getMessage());
    }

    // ---- helpers ----

    private static Set<String> names(Set<Class<?>> classes) {
        return classes.stream().map(Class::getSimpleName).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Every key path of a JSON tree ({@code statuses.recipients}; an array's items share its path). */
    private static void paths(JsonValue value, String prefix, Set<String> out) {
        if (value instanceof JsonObject object) {
            object.forEach((key, v) -> {
                out.add(prefix + key);
                paths(v, prefix + key + ".", out);
            });
        } else if (value instanceof JsonArray array) {
            array.forEach(v -> paths(v, prefix, out));
        }
    }

    /**
     * The JSON paths a model class can hold: its record components under their {@code @JsonbProperty} names and
     * annotated getters ({@code type}), nested records and lists of records followed; maps (parameters) and
     * polymorphic items (a list page's batches or inbounds, covered by their own vectors) are leaves.
     */
    private static void fields(Class<?> type, String prefix, Set<String> out) {
        if (type == GroupUpdate.class) { // written by its own serializer, not from its components
            for (String key : List.of("name", "add", "remove", "add_from_group", "remove_from_group", "auto_update")) {
                out.add(prefix + key);
            }
            fields(AutoUpdate.class, prefix + "auto_update.", out);
            return;
        }
        Set<Method> accessors = new java.util.HashSet<>();
        for (RecordComponent component : type.getRecordComponents()) {
            accessors.add(component.getAccessor());
            JsonbProperty property = component.getAccessor().getAnnotation(JsonbProperty.class);
            String path = prefix + (property != null ? property.value() : component.getName());
            out.add(path);
            Class<?> nested = recordIn(component.getGenericType());
            if (nested != null) {
                fields(nested, path + ".", out);
            }
        }
        for (Method method : type.getMethods()) {
            JsonbProperty property = method.getAnnotation(JsonbProperty.class);
            if (property != null && method.getParameterCount() == 0 && !accessors.contains(method)) {
                out.add(prefix + property.value());
            }
        }
    }

    private static Class<?> recordIn(Type type) {
        if (type instanceof Class<?> c && c.isRecord()) {
            return c;
        }
        if (type instanceof ParameterizedType p && p.getRawType() == List.class
                && p.getActualTypeArguments()[0] instanceof Class<?> item && item.isRecord()) {
            return item;
        }
        return null;
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
}
