package org.smsconsole.sinch.batch;

import static org.smsconsole.sinch.SinchRules.maxLength;
import static org.smsconsole.sinch.SinchRules.parameters;
import static org.smsconsole.sinch.SinchRules.range;
import static org.smsconsole.sinch.SinchRules.recipients;
import static org.smsconsole.sinch.SinchRules.require;
import static org.smsconsole.sinch.SinchRules.url;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;
import org.smsconsole.sinch.SinchValidationException;

/** What Sinch would refuse in a batch, checked before anything is sent. */
public final class BatchValidator {
    public static final int MAX_RECIPIENTS = 1000;
    public static final int MAX_TEXT_LENGTH = 2000;
    public static final int MAX_BINARY_BYTES = 140;
    public static final Duration MAX_EXPIRY = Duration.ofDays(3);
    private static final Set<String> REPORT_MODES = Set.of("none", "summary", "full", "per_recipient", "per_recipient_final");

    private BatchValidator() {
    }

    /** Send, dry run and replace. {@code now} stands for an absent {@code send_at}. */
    public static void validate(BatchRequest request, Instant now) {
        require(request != null, "body", "a batch is required");
        recipients("to", request.to(), 1, MAX_RECIPIENTS);
        common(request.deliveryReport(), request.sendAt(), request.expireAt(), request.callbackUrl(),
            request.clientReference(), now);
        if (request instanceof TextRequest t) {
            text(t.body(), true);
            parameters("parameters", t.parameters());
            sms(t.maxNumberOfMessageParts(), t.fromTon(), t.fromNpi());
        } else if (request instanceof BinaryRequest b) {
            binary(b.body(), b.udh(), true);
            sms(b.maxNumberOfMessageParts(), b.fromTon(), b.fromNpi());
        } else if (request instanceof MediaRequest m) {
            media(m.body(), true);
            parameters("parameters", m.parameters());
        }
    }

    public static void validate(BatchUpdate update, Instant now) {
        require(update != null, "body", "an update is required");
        if (update.toAdd() != null) {
            recipients("to_add", update.toAdd(), 0, MAX_RECIPIENTS);
        }
        if (update.toRemove() != null) {
            recipients("to_remove", update.toRemove(), 0, MAX_RECIPIENTS);
        }
        if (update instanceof TextUpdate t) {
            common(t.deliveryReport(), t.sendAt(), t.expireAt(), t.callbackUrl(), t.clientReference(), now);
            text(t.body(), false);
            parameters("parameters", t.parameters());
            sms(t.maxNumberOfMessageParts(), t.fromTon(), t.fromNpi());
        } else if (update instanceof BinaryUpdate b) {
            common(b.deliveryReport(), b.sendAt(), b.expireAt(), b.callbackUrl(), b.clientReference(), now);
            binary(b.body(), b.udh(), false);
            sms(b.maxNumberOfMessageParts(), b.fromTon(), b.fromNpi());
        } else if (update instanceof MediaUpdate m) {
            common(m.deliveryReport(), m.sendAt(), m.expireAt(), m.callbackUrl(), m.clientReference(), now);
            media(m.body(), false);
            parameters("parameters", m.parameters());
        }
    }

    private static void common(String deliveryReport, Instant sendAt, Instant expireAt, String callbackUrl,
                               String clientReference, Instant now) {
        require(deliveryReport == null || REPORT_MODES.contains(deliveryReport), "delivery_report",
                "must be one of " + REPORT_MODES + ", was '" + deliveryReport + "'");
        if (expireAt != null) {
            Instant start = sendAt != null ? sendAt : now;
            require(expireAt.isAfter(start), "expire_at", "must be after send_at (" + start + ")");
            require(!expireAt.isAfter(start.plus(MAX_EXPIRY)), "expire_at", "at most 3 days after send_at (" + start + ")");
        }
        url("callback_url", callbackUrl);
        maxLength("client_reference", clientReference, 2048);
    }

    private static void text(String body, boolean required) {
        require(!required || (body != null && !body.isEmpty()), "body", "a text is required");
        maxLength("body", body, MAX_TEXT_LENGTH);
    }

    private static void binary(String body, String udh, boolean required) {
        require(!required || body != null, "body", "a Base64 body is required");
        int bytes = 0;
        if (body != null) {
            try {
                bytes += Base64.getDecoder().decode(body).length;
            } catch (IllegalArgumentException e) {
                throw new SinchValidationException("body", "not Base64: " + e.getMessage());
            }
        }
        if (udh != null) {
            try {
                bytes += HexFormat.of().parseHex(udh).length;
            } catch (IllegalArgumentException e) {
                throw new SinchValidationException("udh", "not hex: " + e.getMessage());
            }
        }
        require(bytes <= MAX_BINARY_BYTES, "body", "body and udh together at most 140 bytes, were " + bytes);
    }

    private static void media(MediaBody body, boolean required) {
        require(!required || body != null, "body", "a media body is required");
        if (body != null) {
            require(body.url() != null, "body.url", "is required");
            url("body.url", body.url());
        }
    }

    private static void sms(Integer maxParts, Integer fromTon, Integer fromNpi) {
        require(maxParts == null || maxParts >= 1, "max_number_of_message_parts", "must be at least 1");
        range("from_ton", fromTon, 0, 6);
        range("from_npi", fromNpi, 0, 18);
    }

}
