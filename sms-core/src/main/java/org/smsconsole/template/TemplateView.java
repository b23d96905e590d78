package org.smsconsole.template;

import java.time.Instant;

/** A template as screens and the API show it. */
public record TemplateView(long id, String name, String body, Instant createdAt, Instant updatedAt, long version) {
    static TemplateView of(MessageTemplate t) {
        return new TemplateView(t.getId(), t.getName(), t.getBody(), t.getCreatedAt(), t.getUpdatedAt(), t.getVersion());
    }
}
