package org.smsconsole.phone;

/** A phone number that cannot be stored; the message is written for the person who typed it. */
public class InvalidPhoneNumberException extends IllegalArgumentException {
    public InvalidPhoneNumberException(String message) {
        super(message);
    }
}
