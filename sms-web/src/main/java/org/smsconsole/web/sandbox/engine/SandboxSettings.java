package org.smsconsole.web.sandbox.engine;

import jakarta.json.bind.annotation.JsonbProperty;
import java.time.Duration;
import java.util.List;

/**
 * How the simulated network behaves. Defaults come from MicroProfile Config; the control API
 * replaces them at run time (a JSON merge patch on this record) and a reset restores them.
 *
 * @param dispatchDelayMs  Queued to Dispatched, once a message's turn in the FIFO has come
 * @param deliveryDelayMs  Dispatched to its final status
 * @param messagesPerSecond the service plan's rate; 0 means unlimited
 * @param outcomes         final status by the recipient's last digits (first match wins; else Delivered)
 * @param faultStatus      the status faults answer with (401 and 403 account errors, 429, or a 5xx)
 * @param faultRate        share of API requests answered with {@code faultStatus} (0 to 1)
 * @param faultNextRequests the next N API requests answered with {@code faultStatus} (a window)
 * @param sendAnswerDelayMs how long {@code POST /batches} waits after storing the batch before answering
 * @param callbackUrl      the service plan's default callback URL (delivery reports without their own, and MOs)
 * @param callbackHosts    hosts callbacks may go to, besides loopback
 * @param callbackTimeScale factor on Sinch's retry schedule (5 s, doubling): 0.001 makes 5 s into 5 ms
 * @param maxBatches       batches kept; the oldest are evicted
 * @param maxInbounds      inbounds kept; the oldest are evicted
 * @param defaultOriginator the sender reported as {@code applied_originator} when a batch has no {@code from}
 */
public record SandboxSettings(
        @JsonbProperty("dispatch_delay_ms") long dispatchDelayMs,
        @JsonbProperty("delivery_delay_ms") long deliveryDelayMs,
        @JsonbProperty("messages_per_second") int messagesPerSecond,
        List<Outcome> outcomes,
        @JsonbProperty("fault_status") int faultStatus,
        @JsonbProperty("fault_rate") double faultRate,
        @JsonbProperty("fault_next_requests") int faultNextRequests,
        @JsonbProperty("send_answer_delay_ms") long sendAnswerDelayMs,
        @JsonbProperty("callback_url") String callbackUrl,
        @JsonbProperty("callback_hosts") List<String> callbackHosts,
        @JsonbProperty("callback_time_scale") double callbackTimeScale,
        @JsonbProperty("max_batches") int maxBatches,
        @JsonbProperty("max_inbounds") int maxInbounds,
        @JsonbProperty("default_originator") String defaultOriginator) {

    /** A final status for recipients whose number ends in {@code suffix}. */
    public record Outcome(String suffix, String status, int code) {
    }

    public static SandboxSettings defaults() {
        return new SandboxSettings(200, 1000, 30, List.of(new Outcome("666", "Failed", 402)),
                503, 0, 0, 0, null, List.of(), 1.0, 10_000, 10_000, "SandboxSMS");
    }

    public Duration dispatchDelay() {
        return Duration.ofMillis(dispatchDelayMs);
    }

    public Duration deliveryDelay() {
        return Duration.ofMillis(deliveryDelayMs);
    }

    public List<Outcome> outcomes() {
        return outcomes == null ? List.of() : outcomes;
    }

    public List<String> callbackHosts() {
        return callbackHosts == null ? List.of() : callbackHosts;
    }

    /** Checks what a control call may set; the engine never runs with nonsense. */
    public SandboxSettings validated() {
        check(dispatchDelayMs >= 0 && deliveryDelayMs >= 0 && sendAnswerDelayMs >= 0, "delays must not be negative");
        check(messagesPerSecond >= 0, "messages_per_second must not be negative");
        check(faultRate >= 0 && faultRate <= 1, "fault_rate must be 0 to 1");
        check(faultStatus == 401 || faultStatus == 403 || faultStatus == 429 || (faultStatus >= 500 && faultStatus <= 599),
                "fault_status must be 401, 403, 429 or 5xx");
        check(faultNextRequests >= 0, "fault_next_requests must not be negative");
        check(callbackTimeScale > 0, "callback_time_scale must be positive");
        check(maxBatches > 0 && maxInbounds > 0, "max_batches and max_inbounds must be positive");
        for (Outcome o : outcomes()) {
            check(o.suffix() != null && o.suffix().matches("[0-9]+"), "an outcome suffix is digits");
            check(o.status() != null && RecipientState.FINAL.contains(o.status()), "an outcome status is a final status");
        }
        return this;
    }

    private static void check(boolean ok, String text) {
        if (!ok) {
            throw SandboxException.constraint(text);
        }
    }

    public SandboxSettings withFaultNextRequests(int n) {
        return new SandboxSettings(dispatchDelayMs, deliveryDelayMs, messagesPerSecond, outcomes, faultStatus, faultRate,
                n, sendAnswerDelayMs, callbackUrl, callbackHosts, callbackTimeScale, maxBatches, maxInbounds,
                defaultOriginator);
    }
}
