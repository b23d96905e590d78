package org.smsconsole.contact.imports;

import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;

/** How one chunk reaches the tables, inside the chunk's transaction. */
interface ChunkStore {

    /**
     * Creates the new numbers, updates the known ones if the settings say so (empty cells keep what is
     * stored), adds both to the settings' group, and says how many were new and how many known.
     */
    ChunkOutcome rows(List<ImportRow> rows, ImportSettings settings, OffsetDateTime now) throws SQLException;

    void rejections(long jobId, List<Rejection> rejections) throws SQLException;
}
