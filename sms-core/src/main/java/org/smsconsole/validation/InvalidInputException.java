package org.smsconsole.validation;

/**
 * Input a service refuses, naming the field at fault so that a screen can show the message
 * next to it and the REST API can name it in its problem body. Nothing has been changed.
 */
public class InvalidInputException extends RuntimeException {

    private final String field;

    public InvalidInputException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
