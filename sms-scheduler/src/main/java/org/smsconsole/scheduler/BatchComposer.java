package org.smsconsole.scheduler;

import org.smsconsole.message.DeliveryReportMode;
import org.smsconsole.message.Personalisation;
import org.smsconsole.sinch.batch.BatchRequest;
import org.smsconsole.sinch.batch.MediaBody;
import org.smsconsole.sinch.batch.MediaRequest;
import org.smsconsole.sinch.batch.ReportMode;
import org.smsconsole.sinch.batch.TextRequest;
import org.smsconsole.text.PlaceholderRenderer;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The adapter from our queue rows to Sinch batches. A campaign's rows go out together, up to 1000
 * per batch, personalised with Sinch {@code parameters}; a row whose values do not fit Sinch's
 * rules (a value over 160 characters), or that Sinch refused as part of a batch, is rendered
 * here and sent alone. Single messages with the same text share a batch.
 */
final class BatchComposer {

    /** Sinch's limits for {@code parameters}. */
    static final int MAX_PARAMETER_VALUE = 160;
    private static final Pattern PARAMETER_KEY = Pattern.compile("[A-Za-z0-9._-]+");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] BASE32 = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();

    private final SendStream stream;
    private final Optional<String> callbackUrl;
    private final Instant now;

    BatchComposer(SendStream stream, Optional<String> callbackUrl, Instant now) {
        this.stream = stream;
        this.callbackUrl = callbackUrl;
        this.now = now;
    }

    List<OutgoingBatch> compose(List<ClaimedMessage> rows, Map<Long, Recipient> recipients) {
        List<OutgoingBatch> batches = new ArrayList<>();
        Map<List<Object>, List<ClaimedMessage>> together = new LinkedHashMap<>();
        for (ClaimedMessage row : rows) {
            Recipient recipient = recipients.getOrDefault(row.id(), Recipient.UNKNOWN);
            if (row.solo() || row.mediaUrl() != null || !fitsParameters(recipient)) {
                batches.add(alone(row, recipient));
            } else {
                together.computeIfAbsent(sharedKey(row), k -> new ArrayList<>()).add(row);
            }
        }
        together.values().forEach(group -> batches.add(shared(group, recipients)));
        return batches;
    }

    /** Rows that can share one request: same text (before personalisation), sender and report mode. */
    private List<Object> sharedKey(ClaimedMessage row) {
        return stream.isCampaign() ? List.of() : java.util.Arrays.asList(row.body(), row.sender(), row.reportMode());
    }

    private boolean fitsParameters(Recipient recipient) {
        if (!stream.isCampaign()) {
            return true; // single messages are rendered when queued
        }
        for (String name : PlaceholderRenderer.placeholders(stream.body())) {
            String value = recipient.values().getOrDefault(name, "");
            if (!PARAMETER_KEY.matcher(name).matches() || value.length() > MAX_PARAMETER_VALUE) {
                return false;
            }
        }
        return true;
    }

    private OutgoingBatch shared(List<ClaimedMessage> rows, Map<Long, Recipient> recipients) {
        ClaimedMessage first = rows.get(0);
        String body = stream.isCampaign() ? stream.body() : first.body();
        TextRequest.Builder b = TextRequest.builder().body(body);
        List<String> to = new ArrayList<>(rows.size());
        for (ClaimedMessage row : rows) {
            to.add(digits(row.phone()));
        }
        b.to(to);
        if (stream.isCampaign()) {
            for (String name : PlaceholderRenderer.placeholders(body)) {
                for (ClaimedMessage row : rows) {
                    b.parameter(name, digits(row.phone()),
                            recipients.getOrDefault(row.id(), Recipient.UNKNOWN).values().getOrDefault(name, ""));
                }
                b.parameterDefault(name, "");
            }
        }
        String ref = reference();
        common(b, rows, ref);
        return new OutgoingBatch(ref, ids(rows), b.build(), stream.campaignId(), maxAttempts(rows), now);
    }

    private OutgoingBatch alone(ClaimedMessage row, Recipient recipient) {
        String ref = reference();
        String text = stream.isCampaign() ? Personalisation.render(stream.body(), recipient.values()) : row.body();
        BatchRequest request;
        if (row.mediaUrl() != null) {
            MediaRequest.Builder b = MediaRequest.builder().body(new MediaBody(row.mediaUrl(), text, null)).to(digits(row.phone()));
            common(b, List.of(row), ref);
            request = b.build();
        } else {
            TextRequest.Builder b = TextRequest.builder().body(text).to(digits(row.phone()));
            common(b, List.of(row), ref);
            request = b.build();
        }
        return new OutgoingBatch(ref, List.of(row.id()), request, stream.campaignId(), row.attempts(), now);
    }

    private void common(org.smsconsole.sinch.batch.BatchFields<?> b, List<ClaimedMessage> rows, String ref) {
        ClaimedMessage first = rows.get(0);
        String sender = stream.isCampaign() ? stream.sender() : first.sender();
        if (sender != null) {
            b.from(sender);
        }
        DeliveryReportMode mode = Objects.requireNonNullElse(stream.isCampaign() ? stream.reportMode() : first.reportMode(),
                DeliveryReportMode.PER_RECIPIENT_FINAL);
        if (callbackUrl.isPresent() && mode != DeliveryReportMode.NONE) {
            b.deliveryReport(mode.sinch()).callbackUrl(callbackUrl.get());
        } else {
            // No address for callbacks: Sinch would refuse a report request (403 missing_callback_url); the poller reads them.
            b.deliveryReport(ReportMode.NONE);
        }
        Instant expireAt = rows.stream().map(ClaimedMessage::expireAt).min(Instant::compareTo).orElseThrow();
        b.expireAt(expireAt).clientReference(ref);
    }

    private static List<Long> ids(List<ClaimedMessage> rows) {
        return rows.stream().map(ClaimedMessage::id).toList();
    }

    private static int maxAttempts(List<ClaimedMessage> rows) {
        return rows.stream().mapToInt(ClaimedMessage::attempts).max().orElse(0);
    }

    static String digits(String e164) {
        return e164.startsWith("+") ? e164.substring(1) : e164;
    }

    /** Short, random, and free of personal data (Sinch's guidance for client_reference). */
    static String reference() {
        char[] out = new char[20];
        for (int i = 0; i < out.length; i++) {
            out[i] = BASE32[RANDOM.nextInt(32)];
        }
        return "smsc-" + new String(out);
    }
}
