package org.smsconsole.sinch;

/**
 * Any failed call to Sinch: an HTTP error answer or a transport failure (then
 * {@link #status()} is 0 and {@link #code()} names the failure, e.g. {@code timeout}).
 *
 * <p>{@link #retryable()}: 429, 5xx, timeouts and connection errors may succeed later; other
 * 4xx will not. {@link #mayHaveBeenApplied()}: true when a call that changes something
 * (POST, PUT, DELETE) may have taken effect although no success came back (timeout after
 * sending, 5xx, a broken connection): before sending a batch again, look it up by
 * {@code client_reference}. False when it was certainly not applied (429, other 4xx,
 * refused connection, unknown host) and for reads.
 */
public class SinchException extends RuntimeException {
    /** {@link #code()} of transport failures. */
    public static final String TIMEOUT = "timeout";
    public static final String CONNECTION_REFUSED = "connection_refused";
    public static final String CONNECTION_BROKEN = "connection_broken";

    private final int status;
    private final String code;
    private final String text;
    private final boolean retryable;
    private final boolean mayHaveBeenApplied;

    public SinchException(String message, int status, String code, String text, boolean retryable,
                          boolean mayHaveBeenApplied, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.code = code;
        this.text = text;
        this.retryable = retryable;
        this.mayHaveBeenApplied = mayHaveBeenApplied;
    }

    /** An error answer from Sinch. */
    public static SinchException ofResponse(String method, String path, int status, SinchError error) {
        boolean retryable = status == 429 || status >= 500;
        boolean mayHaveBeenApplied = status >= 500 && changes(method);
        String code = error == null ? null : error.code();
        String text = error == null ? null : error.text();
        return new SinchException(method + " " + path + " -> " + status + " " + code + ": " + text,
                status, code, text, retryable, mayHaveBeenApplied, null);
    }

    /** No answer: timeouts and broken connections may have been applied, refused ones not. */
    public static SinchException ofTransport(String method, String path, String code, boolean requestSent,
                                             Throwable cause) {
        return new SinchException(method + " " + path + " -> " + code + ": " + cause, 0, code,
                String.valueOf(cause.getMessage()), true, requestSent && changes(method), cause);
    }

    private static boolean changes(String method) {
        return !"GET".equals(method) && !"HEAD".equals(method);
    }

    /** HTTP status, 0 when no answer came. */
    public int status() {
        return status;
    }

    /** Sinch's {@code code} (e.g. {@code syntax_invalid_json}) or the transport failure. */
    public String code() {
        return code;
    }

    public String text() {
        return text;
    }

    public boolean retryable() {
        return retryable;
    }

    public boolean mayHaveBeenApplied() {
        return mayHaveBeenApplied;
    }

    /** The failure certainly had no effect; safe to send again blindly. */
    public boolean certainlyNotApplied() {
        return !mayHaveBeenApplied;
    }
}
