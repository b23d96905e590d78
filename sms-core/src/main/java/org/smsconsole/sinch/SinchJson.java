package org.smsconsole.sinch;

import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.JsonbException;
import jakarta.json.bind.adapter.JsonbAdapter;
import jakarta.json.bind.serializer.DeserializationContext;
import jakarta.json.bind.serializer.JsonbDeserializer;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import java.io.StringReader;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Map;
import org.smsconsole.sinch.batch.Batch;
import org.smsconsole.sinch.batch.BatchRequest;
import org.smsconsole.sinch.batch.BatchUpdate;
import org.smsconsole.sinch.batch.BinaryBatch;
import org.smsconsole.sinch.batch.BinaryRequest;
import org.smsconsole.sinch.batch.BinaryUpdate;
import org.smsconsole.sinch.batch.MediaBatch;
import org.smsconsole.sinch.batch.MediaRequest;
import org.smsconsole.sinch.batch.MediaUpdate;
import org.smsconsole.sinch.batch.TextBatch;
import org.smsconsole.sinch.batch.TextRequest;
import org.smsconsole.sinch.batch.TextUpdate;
import org.smsconsole.sinch.inbound.BinaryInbound;
import org.smsconsole.sinch.inbound.Inbound;
import org.smsconsole.sinch.inbound.MediaInbound;
import org.smsconsole.sinch.inbound.TextInbound;

/**
 * The one JSON-B configuration for everything that speaks Sinch: the client, the webhook
 * parser and the sandbox. Names come from {@code @JsonbProperty} on the records, nulls are
 * omitted, unknown properties are ignored (JSON-B's default), timestamps are {@link Instant}s
 * written in UTC with milliseconds and read leniently (no offset means UTC).
 *
 * <p>Polymorphic types ({@link Batch}, {@link BatchRequest}, {@link BatchUpdate},
 * {@link Inbound}) are read by small deserializers keyed on {@code type}: JSON-B 3's
 * {@code @JsonbTypeInfo} has no default subtype, while Sinch reads a missing {@code type} as
 * {@code mt_text}. Those deserializers read the concrete record with a second Jsonb that has
 * no polymorphic deserializers, since JSON-B applies a deserializer to subtypes too.
 */
public final class SinchJson {

    /** Output: always UTC, always milliseconds, as Sinch returns them. */
    public static final DateTimeFormatter OUTPUT = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").toFormatter().withZone(ZoneOffset.UTC);

    /** Input: any ISO-8601 date-time with or without fraction and offset (+01:00, +0100, Z). */
    private static final DateTimeFormatter INPUT = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HH", "Z").optionalEnd()
            .toFormatter();

    /**
     * Looked up once: {@code Json.createReader} looks the provider up with a ServiceLoader on every call, which in
     * the container scans every jar of the WAR (a quarter of a webhook's CPU time, measured).
     */
    private static final JsonProvider JSON_P = JsonProvider.provider();
    private static final Jsonb PLAIN = JsonbBuilder.create(baseConfig());
    private static final Jsonb JSONB = JsonbBuilder.create(baseConfig().withDeserializers(
            new BatchSwitch(), new BatchRequestSwitch(), new BatchUpdateSwitch(), new InboundSwitch()));

    private SinchJson() {
    }

    private static JsonbConfig baseConfig() {
        return new JsonbConfig().withNullValues(false).withAdapters(new InstantAdapter());
    }

    /** The shared instance; thread-safe. */
    public static Jsonb jsonb() {
        return JSONB;
    }

    public static String write(Object value) {
        return JSONB.toJson(value);
    }

    public static <T> T read(String json, Class<T> type) {
        return JSONB.fromJson(json, type);
    }

    public static <T> T read(String json, Type type) {
        return JSONB.fromJson(json, type);
    }

    /** Parses JSON into a tree (used for dispatch on {@code type} and by tests). */
    public static JsonValue tree(String json) {
        try (JsonReader reader = JSON_P.createReader(new StringReader(json))) {
            return reader.readValue();
        }
    }

    public static String format(Instant instant) {
        return OUTPUT.format(instant);
    }

    /** Lenient ISO-8601: fraction optional, offset optional (then UTC). */
    public static Instant parseInstant(String text) {
        TemporalAccessor parsed = INPUT.parse(text.trim());
        LocalDateTime local = LocalDateTime.from(parsed);
        ZoneOffset offset = parsed.isSupported(ChronoField.OFFSET_SECONDS)
                ? ZoneOffset.ofTotalSeconds(parsed.get(ChronoField.OFFSET_SECONDS)) : ZoneOffset.UTC;
        return local.toInstant(offset);
    }

    /** Instant as Sinch writes it. */
    public static final class InstantAdapter implements JsonbAdapter<Instant, String> {
        @Override
        public String adaptToJson(Instant instant) {
            return format(instant);
        }

        @Override
        public Instant adaptFromJson(String text) {
            try {
                return parseInstant(text);
            } catch (DateTimeParseException e) {
                throw new JsonbException("Not an ISO-8601 timestamp: " + text, e);
            }
        }
    }

    /** Reads the concrete record named by {@code type}. */
    abstract static class TypeSwitch<T> implements JsonbDeserializer<T> {
        private final Class<T> base;
        private final String defaultType;
        private final Map<String, Class<? extends T>> types;

        TypeSwitch(Class<T> base, String defaultType, Map<String, Class<? extends T>> types) {
            this.base = base;
            this.defaultType = defaultType;
            this.types = types;
        }

        @Override
        public T deserialize(JsonParser parser, DeserializationContext ctx, Type rtType) {
            JsonObject object = parser.getObject();
            return PLAIN.fromJson(object.toString(), concrete(object));
        }

        private Class<? extends T> concrete(JsonObject object) {
            JsonValue type = object.get("type");
            String name = type == null || type == JsonValue.NULL ? defaultType
                    : type.getValueType() == JsonValue.ValueType.STRING ? object.getString("type") : null;
            Class<? extends T> target = name == null ? null : types.get(name);
            if (target == null) {
                throw new JsonbException("Unknown " + base.getSimpleName() + " type: " + type);
            }
            return target;
        }
    }

    // Each switch names its type in "implements" so that JSON-B sees which type it reads.
    static final class BatchSwitch extends TypeSwitch<Batch> implements JsonbDeserializer<Batch> {
        BatchSwitch() {
            super(Batch.class, "mt_text", Map.of("mt_text", TextBatch.class,
                    "mt_binary", BinaryBatch.class, "mt_media", MediaBatch.class));
        }
    }

    static final class BatchRequestSwitch extends TypeSwitch<BatchRequest> implements JsonbDeserializer<BatchRequest> {
        BatchRequestSwitch() {
            super(BatchRequest.class, "mt_text", Map.of("mt_text", TextRequest.class,
                    "mt_binary", BinaryRequest.class, "mt_media", MediaRequest.class));
        }
    }

    static final class BatchUpdateSwitch extends TypeSwitch<BatchUpdate> implements JsonbDeserializer<BatchUpdate> {
        BatchUpdateSwitch() {
            super(BatchUpdate.class, "mt_text", Map.of("mt_text", TextUpdate.class,
                    "mt_binary", BinaryUpdate.class, "mt_media", MediaUpdate.class));
        }
    }

    /** An MO has no default type: Sinch always sends one. */
    static final class InboundSwitch extends TypeSwitch<Inbound> implements JsonbDeserializer<Inbound> {
        InboundSwitch() {
            super(Inbound.class, null, Map.of("mo_text", TextInbound.class,
                    "mo_binary", BinaryInbound.class, "mo_media", MediaInbound.class));
        }
    }
}
