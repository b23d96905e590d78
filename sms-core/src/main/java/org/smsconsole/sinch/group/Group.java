package org.smsconsole.sinch.group;

import jakarta.json.bind.annotation.JsonbProperty;
import java.time.Instant;
import java.util.List;

/** A group as Sinch returns it; members are fetched separately ({@code /members}). */
public record Group(
        String id,
        String name,
        Integer size,
        @JsonbProperty("created_at") Instant createdAt,
        @JsonbProperty("modified_at") Instant modifiedAt,
        @JsonbProperty("child_groups") List<String> childGroups,
        @JsonbProperty("auto_update") AutoUpdate autoUpdate) {
}
