package org.smsconsole.validation;

/** The thing asked for does not exist (any more). */
public class NotFoundException extends RuntimeException {
    public NotFoundException(String what, Object id) {
        super(what + " " + id + " does not exist");
    }
}
