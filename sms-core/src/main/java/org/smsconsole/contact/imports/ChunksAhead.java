package org.smsconsole.contact.imports;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * Reads and checks the next chunk on a thread of its own while the current one is written: checking
 * numbers (libphonenumber) and writing rows then share the two cores instead of taking turns.
 * At most two chunks are in memory.
 */
final class ChunksAhead implements AutoCloseable {

    private final ImportChunks chunks;
    private final ExecutorService reader;
    private Future<ImportChunk> ahead;

    ChunksAhead(ImportChunks chunks, ThreadFactory threads) {
        this.chunks = chunks;
        this.reader = Executors.newSingleThreadExecutor(threads);
        this.ahead = reader.submit(chunks::next);
    }

    /** The next chunk, or null after the last; starts reading the one after it. */
    ImportChunk next() throws Exception {
        ImportChunk chunk;
        try {
            chunk = ahead.get();
        } catch (ExecutionException e) {
            // The reader's own failure (I/O, a file changed under us) is the job's failure.
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw e;
        }
        ahead = chunk == null ? null : reader.submit(chunks::next);
        return chunk;
    }

    @Override
    public void close() throws InterruptedException {
        reader.shutdownNow();
        reader.awaitTermination(1, TimeUnit.MINUTES);
    }
}
