package org.smsconsole.sinch.batch;

import jakarta.json.bind.annotation.JsonbProperty;
import java.util.List;
import org.smsconsole.sinch.Page;

/** A page of {@code GET /batches}. */
public record BatchList(Integer count, Integer page, @JsonbProperty("page_size") Integer pageSize,
                        List<Batch> batches) implements Page<Batch> {
    @Override
    public List<Batch> items() {
        return batches == null ? List.of() : batches;
    }
}
