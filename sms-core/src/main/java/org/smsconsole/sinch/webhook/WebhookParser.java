package org.smsconsole.sinch.webhook;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.JsonbException;
import org.smsconsole.sinch.SinchJson;
import org.smsconsole.sinch.SinchValidationException;
import org.smsconsole.sinch.inbound.Inbound;
import org.smsconsole.sinch.report.BatchDeliveryReport;
import org.smsconsole.sinch.report.RecipientDeliveryReport;

/**
 * Turns any Sinch callback body into its typed event by {@code type}: {@code mo_text},
 * {@code mo_binary}, {@code mo_media}, {@code delivery_report_sms|mms},
 * {@code recipient_delivery_report_sms|mms}. Unknown fields are ignored; an unknown type or
 * a body that is not JSON is a {@link SinchValidationException} on field {@code type} or
 * {@code body} (answer such a callback 4xx: Sinch would not succeed on a retry either).
 */
public final class WebhookParser {
    private WebhookParser() {
    }

    public static WebhookEvent parse(String body) {
        JsonValue tree;
        try {
            tree = SinchJson.tree(body);
        } catch (RuntimeException e) {
            throw new SinchValidationException("body", "not JSON: " + e.getMessage());
        }
        if (!(tree instanceof JsonObject object)) {
            throw new SinchValidationException("body", "not a JSON object");
        }
        String type = object.get("type") instanceof JsonString s ? s.getString() : null;
        Class<? extends WebhookEvent> target = type == null ? null : switch (type) {
            case "mo_text", "mo_binary", "mo_media" -> Inbound.class;
            case BatchDeliveryReport.SMS, BatchDeliveryReport.MMS -> BatchDeliveryReport.class;
            case RecipientDeliveryReport.SMS, RecipientDeliveryReport.MMS -> RecipientDeliveryReport.class;
            default -> null;
        };
        if (target == null) {
            throw new SinchValidationException("type", "not a Sinch callback type: " + type);
        }
        try {
            return SinchJson.read(body, target);
        } catch (JsonbException e) {
            throw new SinchValidationException("body", "does not fit " + type + ": " + e.getMessage());
        }
    }
}
