package org.smsconsole.sinch.group;

import jakarta.json.bind.annotation.JsonbProperty;
import java.util.List;

/**
 * Body of create ({@code POST /groups}) and replace ({@code PUT /groups/{id}}): name (max 20),
 * members (max 10,000), child groups (max 10), auto update.
 */
public record GroupRequest(
        String name,
        List<String> members,
        @JsonbProperty("child_groups") List<String> childGroups,
        @JsonbProperty("auto_update") AutoUpdate autoUpdate) {

    public static GroupRequest of(String name, List<String> members) {
        return new GroupRequest(name, members, null, null);
    }
}
