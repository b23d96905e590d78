package org.smsconsole.web.sandbox.engine;

/**
 * A callback Sinch would POST: a delivery report or an MO, as JSON.
 *
 * @param kind the payload's {@code type}, e.g. {@code recipient_delivery_report_sms} or {@code mo_text}
 */
public record Callback(String url, String kind, String body) {

    /** Where the engine hands callbacks over for posting (the container posts them; unit tests collect them). */
    @FunctionalInterface
    public interface Sink {
        void accept(Callback callback);
    }
}
