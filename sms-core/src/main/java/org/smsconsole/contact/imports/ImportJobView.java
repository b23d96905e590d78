package org.smsconsole.contact.imports;

import java.time.Instant;

/** An import's state for screens and the API. */
public record ImportJobView(long id, String fileName, ImportState state, boolean updateExisting, String defaultCountry,
                            Long groupId, long totalRows, long processedRows, long created, long updated, long skipped,
                            long rejected, String failure, String startedBy, Instant createdAt, Instant finishedAt)
        implements java.io.Serializable {

    /** 0 to 100. */
    public int percent() {
        if (state.finished()) {
            return 100;
        }
        return totalRows == 0 ? 0 : (int) Math.min(99, processedRows * 100 / totalRows);
    }
}
