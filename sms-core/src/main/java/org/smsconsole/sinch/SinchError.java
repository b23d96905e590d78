package org.smsconsole.sinch;

/** Sinch's error body, {@code {"code": "...", "text": "..."}}. */
public record SinchError(String code, String text) {
}
