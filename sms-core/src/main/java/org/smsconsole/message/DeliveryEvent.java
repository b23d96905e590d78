package org.smsconsole.message;

import org.smsconsole.sinch.Msisdn;
import org.smsconsole.sinch.report.BatchDeliveryReport;
import org.smsconsole.sinch.report.DeliveryCodes;
import org.smsconsole.sinch.report.DeliveryStatus;
import org.smsconsole.sinch.report.RecipientDeliveryReport;
import org.smsconsole.validation.InvalidInputException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One row of {@code delivery_event}: a recipient's status (a recipient report, or one recipient of a
 * {@code full} batch report), or one status line of a {@code summary} batch report (no recipient, a count).
 * Checked on the way in, so that what cannot be stored is refused with a 4xx rather than failing forever.
 *
 * @param recipient E.164 with {@code +}, as messages store phones; null for a summary line
 * @param at when the status was reached, as Sinch says; null for batch reports (they carry no time)
 */
record DeliveryEvent(String type, String batchId, String recipient, String status, Integer code, Integer count, Instant at) {

    private static final Pattern BATCH_ID = Pattern.compile("[0-9A-Za-z._-]{1,64}");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,15}");
    private static final int STATUS_LENGTH = 16;

    static DeliveryEvent of(RecipientDeliveryReport r) {
        String type = r.type() == null ? RecipientDeliveryReport.SMS : r.type();
        return new DeliveryEvent(type, batchId(r.batchId()), recipient(r.recipient(), "recipient"), status(r.status(), "status"),
                r.code(), null, r.at());
    }

    /** A full report: one event per recipient; a summary: one per status line. */
    static List<DeliveryEvent> of(BatchDeliveryReport r) {
        String type = r.type() == null ? BatchDeliveryReport.SMS : r.type();
        String batchId = batchId(r.batchId());
        if (r.statuses() == null) {
            throw new InvalidInputException("statuses", "A batch delivery report lists its statuses");
        }
        List<DeliveryEvent> events = new ArrayList<>();
        for (int i = 0; i < r.statuses().size(); i++) {
            BatchDeliveryReport.StatusCount line = r.statuses().get(i);
            String status = status(line.status(), "statuses[" + i + "].status");
            if (line.recipients() == null) {
                events.add(new DeliveryEvent(type, batchId, null, status, line.code(), line.count(), null));
            } else {
                for (String recipient : line.recipients()) {
                    events.add(new DeliveryEvent(type, batchId, recipient(recipient, "statuses[" + i + "].recipients"), status,
                            line.code(), null, null));
                }
            }
        }
        return events;
    }

    /** SHA-256 (hex) of what the report says, never of when we got it: the same report twice is one row. */
    String key() {
        String canonical = String.join("|", type, batchId, recipient == null ? "" : recipient, status,
                code == null ? "" : code.toString(), count == null ? "" : count.toString(), at == null ? "" : at.toString());
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Null for a status this console does not know (a newer Sinch one): stored, but it moves no message. */
    DeliveryStatus known() {
        try {
            return DeliveryStatus.of(status);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The state a final status puts a message in. */
    MessageState finalState() {
        return switch (known()) {
            case DELIVERED -> MessageState.DELIVERED;
            case CANCELLED -> MessageState.CANCELLED;
            default -> MessageState.FAILED;
        };
    }

    /** How far an intermediate status got: Queued 1, Dispatched 2 (a report never moves a message back). */
    int progress() {
        return known() == DeliveryStatus.QUEUED ? 1 : 2;
    }

    /** "Failed (402): Message unroutable" for anything but Delivered. */
    String reason() {
        if (known() == DeliveryStatus.DELIVERED) {
            return null;
        }
        String text = status + (code == null ? "" : " (" + code + ")") + DeliveryCodes.meaning(code).map(m -> ": " + m).orElse("");
        return text.length() > 500 ? text.substring(0, 500) : text;
    }

    private static String batchId(String value) {
        if (value == null || !BATCH_ID.matcher(value).matches()) {
            throw new InvalidInputException("batch_id", "A Sinch batch id is required");
        }
        return value;
    }

    private static String recipient(String value, String field) {
        String digits = value == null ? null : Msisdn.normalizeLenient(value.trim());
        if (digits == null || !DIGITS.matcher(digits).matches()) {
            throw new InvalidInputException(field, "Not an international number: " + value);
        }
        return "+" + digits;
    }

    private static String status(String value, String field) {
        if (value == null || value.isBlank() || value.length() > STATUS_LENGTH) {
            throw new InvalidInputException(field, "A delivery status is required");
        }
        // Sinch writes "Delivered"; store it so whatever case arrived.
        DeliveryStatus known;
        try {
            known = DeliveryStatus.of(value.trim());
        } catch (IllegalArgumentException e) {
            return value.trim();
        }
        return known.wire();
    }

    @Override
    public String toString() {
        return type + " " + batchId + " " + recipient + " " + status + " " + code + (count == null ? "" : " x" + count);
    }
}
