package org.smsconsole.sinch.inbound;

import jakarta.json.bind.annotation.JsonbProperty;
import java.util.List;
import org.smsconsole.sinch.Page;

/** A page of {@code GET /inbounds}. */
public record InboundList(Integer count, Integer page, @JsonbProperty("page_size") Integer pageSize,
                          List<Inbound> inbounds) implements Page<Inbound> {
    @Override
    public List<Inbound> items() {
        return inbounds == null ? List.of() : inbounds;
    }
}
