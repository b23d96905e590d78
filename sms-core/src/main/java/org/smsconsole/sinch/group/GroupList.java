package org.smsconsole.sinch.group;

import jakarta.json.bind.annotation.JsonbProperty;
import java.util.List;
import org.smsconsole.sinch.Page;

/** A page of {@code GET /groups}. */
public record GroupList(Integer count, Integer page, @JsonbProperty("page_size") Integer pageSize,
                        List<Group> groups) implements Page<Group> {
    @Override
    public List<Group> items() {
        return groups == null ? List.of() : groups;
    }
}
