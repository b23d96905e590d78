package org.smsconsole.sinch.batch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.smsconsole.sinch.Msisdn;

/**
 * What the send, replace and update builders share. Numbers given to the builders are
 * normalised the way Sinch does it (digits only); group ids pass through unchanged.
 * The SMS-only options ({@code flash_message}, {@code truncate_concat}, parts, TON/NPI)
 * are refused by the {@code mt_media} builders.
 */
public abstract class BatchFields<B extends BatchFields<B>> {
    String from;
    String deliveryReport;
    Instant sendAt;
    Instant expireAt;
    String callbackUrl;
    String clientReference;
    Boolean feedbackEnabled;
    Boolean flashMessage;
    Boolean truncateConcat;
    Integer maxNumberOfMessageParts;
    Integer fromTon;
    Integer fromNpi;
    private final Map<String, Map<String, String>> parameters = new LinkedHashMap<>();

    @SuppressWarnings("unchecked")
    final B self() {
        return (B) this;
    }

    static List<String> recipients(List<String> target, String... numbersOrGroupIds) {
        for (String value : numbersOrGroupIds) {
            target.add(Msisdn.normalizeLenient(value));
        }
        return target;
    }

    /** Number (normalised to digits), short code or alphanumeric sender; kept as given. */
    public B from(String from) {
        this.from = from;
        return self();
    }

    public B deliveryReport(ReportMode mode) {
        this.deliveryReport = mode.wire();
        return self();
    }

    public B sendAt(Instant sendAt) {
        this.sendAt = sendAt;
        return self();
    }

    public B expireAt(Instant expireAt) {
        this.expireAt = expireAt;
        return self();
    }

    public B callbackUrl(String callbackUrl) {
        this.callbackUrl = callbackUrl;
        return self();
    }

    public B clientReference(String clientReference) {
        this.clientReference = clientReference;
        return self();
    }

    public B feedbackEnabled(boolean feedbackEnabled) {
        this.feedbackEnabled = feedbackEnabled;
        return self();
    }

    public B flashMessage(boolean flashMessage) {
        this.flashMessage = flashMessage;
        return self();
    }

    public B truncateConcat(boolean truncateConcat) {
        this.truncateConcat = truncateConcat;
        return self();
    }

    public B maxNumberOfMessageParts(int parts) {
        this.maxNumberOfMessageParts = parts;
        return self();
    }

    public B fromTon(int ton) {
        this.fromTon = ton;
        return self();
    }

    public B fromNpi(int npi) {
        this.fromNpi = npi;
        return self();
    }

    /** {@code ${name}} gets {@code value} for this recipient (number normalised). */
    public B parameter(String name, String msisdn, String value) {
        parameters.computeIfAbsent(name, k -> new LinkedHashMap<>()).put(Msisdn.normalizeLenient(msisdn), value);
        return self();
    }

    /** {@code ${name}} gets {@code value} for recipients without their own value. */
    public B parameterDefault(String name, String value) {
        parameters.computeIfAbsent(name, k -> new LinkedHashMap<>()).put("default", value);
        return self();
    }

    Map<String, Map<String, String>> parameters() {
        return parameters.isEmpty() ? null : parameters;
    }

    void refuseSmsOptions() {
        if (flashMessage != null || truncateConcat != null || maxNumberOfMessageParts != null
                || fromTon != null || fromNpi != null) {
            throw new IllegalStateException("mt_media takes no flash_message, truncate_concat, "
                    + "max_number_of_message_parts, from_ton or from_npi");
        }
    }

    /** Builders of send and replace bodies: {@code to}. */
    public abstract static class BatchBuilder<B extends BatchBuilder<B>> extends BatchFields<B> {
        final List<String> to = new ArrayList<>();

        /** MSISDNs (any Sinch-accepted form; sent as digits) and/or group ids. */
        public B to(String... numbersOrGroupIds) {
            recipients(to, numbersOrGroupIds);
            return self();
        }

        public B to(List<String> numbersOrGroupIds) {
            return to(numbersOrGroupIds.toArray(String[]::new));
        }
    }

    /** Builders of update bodies: {@code to_add} and {@code to_remove}. */
    public abstract static class UpdateBuilder<B extends UpdateBuilder<B>> extends BatchFields<B> {
        final List<String> toAdd = new ArrayList<>();
        final List<String> toRemove = new ArrayList<>();

        public B toAdd(String... numbersOrGroupIds) {
            recipients(toAdd, numbersOrGroupIds);
            return self();
        }

        public B toRemove(String... numbersOrGroupIds) {
            recipients(toRemove, numbersOrGroupIds);
            return self();
        }

        List<String> added() {
            return toAdd.isEmpty() ? null : toAdd;
        }

        List<String> removed() {
            return toRemove.isEmpty() ? null : toRemove;
        }
    }
}
