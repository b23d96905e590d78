package org.smsconsole.sinch.group;

import jakarta.json.bind.annotation.JsonbProperty;

/**
 * Keywords on MOs sent to {@code to} that add or remove the sender. Sinch's samples send
 * {@code to} as a number or a string; it is read either way and written as a string.
 */
public record AutoUpdate(String to, Keywords add, Keywords remove) {

    /** One word each, at most 15 characters, matched case-insensitively. */
    public record Keywords(@JsonbProperty("first_word") String firstWord,
                           @JsonbProperty("second_word") String secondWord) {
        public static Keywords of(String firstWord) {
            return new Keywords(firstWord, null);
        }
    }
}
