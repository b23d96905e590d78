package org.smsconsole.sinch.batch;

/** The body of an {@code mt_media} batch: {@code url} is required. */
public record MediaBody(String url, String message, String subject) {
    public static MediaBody of(String url) {
        return new MediaBody(url, null, null);
    }
}
