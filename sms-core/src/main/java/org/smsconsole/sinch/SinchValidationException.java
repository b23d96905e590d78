package org.smsconsole.sinch;

/**
 * A request the client refused to send because it breaks one of Sinch's rules.
 * Nothing was sent. {@link #field()} names the offending JSON field, e.g. {@code to[3]}.
 */
public class SinchValidationException extends IllegalArgumentException {
    private final String field;

    public SinchValidationException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
