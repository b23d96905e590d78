package org.smsconsole.validation;

/** The request is well formed but the thing is not in a state that allows it (pause a completed campaign). */
public class ConflictException extends RuntimeException {
    public ConflictException(String message) {
        super(message);
    }
}
