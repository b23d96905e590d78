package org.smsconsole.contact.imports;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs an import: {@link ImportChunks} reads and checks the file a chunk of {@value #CHUNK} rows at a
 * time, one chunk ahead, and {@link ImportChunkWriter} writes each chunk in one transaction, so memory
 * stays flat at any file size, the progress counters move as chunks commit, and a crash leaves whole
 * chunks. A bulk import defers the search indexes ({@link DeferredContactIndexes}) and tidies the tables
 * ({@link ImportedTables}) before it reads as done. (Two chunk writers on two connections were tried:
 * slower on two cores, where the reader and the database backends already share the CPU.)
 */
@ApplicationScoped
public class ImportWorker {

    /** Large enough that per-chunk costs (a transaction, staging tables) vanish; small enough for live progress. */
    static final int CHUNK = 20_000;
    private static final Logger LOG = Logger.getLogger(ImportWorker.class.getName());

    @PersistenceContext(unitName = "sms")
    EntityManager em;

    @Inject
    ImportChunkWriter writer;

    @Inject
    LiveImports live;

    @Inject
    Clock clock;

    @Inject
    DeferredContactIndexes deferredIndexes;

    @Inject
    ImportedTables tables;

    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    ManagedThreadFactory threads;

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public ImportJobView record(String fileName, ImportSettings settings, long rows, String startedBy) {
        String name = fileName == null ? null : fileName.length() > 255 ? fileName.substring(0, 255) : fileName;
        ImportJob job = new ImportJob(name, settings, rows, startedBy, clock.instant());
        em.persist(job);
        em.flush();
        live.add(job.id);
        return job.view();
    }

    /** Runs on the managed executor. Never throws: a failure is recorded on the job. */
    public void run(long jobId, Path file, List<String> header, ImportSettings settings, long rows) {
        long started = System.nanoTime();
        try {
            long[] waitedAndWrote = writeChunks(jobId, file, header, settings, rows);
            long indexed = System.nanoTime();
            restoreDeferredIndexes(jobId); // before the job reads as done: searches are fast again when it is
            long restored = System.nanoTime();
            tables.tidyAfter(jobId, rows);
            deleteUpload(jobId, file); // before the job reads as finished: whoever sees it finished finds the file gone
            writer.finish(jobId);
            LOG.info(() -> "Import job " + jobId + " done in " + (System.nanoTime() - started) / 1_000_000 + " ms: "
                    + waitedAndWrote[0] / 1_000_000 + " ms waiting for checked rows, " + waitedAndWrote[1] / 1_000_000 + " ms writing, "
                    + (restored - indexed) / 1_000_000 + " ms building deferred indexes");
        } catch (Exception | Error e) {
            // Rows already committed stay (each chunk is whole); the job says where it stopped and why.
            LOG.log(Level.WARNING, "Import job " + jobId + " failed", e);
            restoreDeferredIndexes(jobId);
            deleteUpload(jobId, file);
            failed(jobId, e);
        } finally {
            live.remove(jobId);
        }
    }

    /** Writes every chunk; returns the nanoseconds spent waiting for the reader and writing. */
    private long[] writeChunks(long jobId, Path file, List<String> header, ImportSettings settings, long rows) throws Exception {
        long[] waitedAndWrote = new long[2];
        try (ImportChunks chunks = new ImportChunks(file, header, settings, CHUNK); ChunksAhead ahead = new ChunksAhead(chunks, threads)) {
            writer.state(jobId, ImportState.RUNNING, null);
            deferredIndexes.deferFor(jobId, rows);
            while (true) {
                long t = System.nanoTime();
                ImportChunk chunk = ahead.next();
                long read = System.nanoTime();
                waitedAndWrote[0] += read - t;
                if (chunk == null) {
                    return waitedAndWrote;
                }
                writer.write(jobId, chunk, settings);
                waitedAndWrote[1] += System.nanoTime() - read;
            }
        }
    }

    /** A failure here leaves the job's outcome alone: the import job watch builds missing indexes on its next tick. */
    private void restoreDeferredIndexes(long jobId) {
        try {
            deferredIndexes.restore(jobId);
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Import job " + jobId + ": deferred contact indexes not built yet; the import job watch tries again", e);
        }
    }

    private static void deleteUpload(long jobId, Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (java.io.IOException e) {
            LOG.warning("Cannot delete the uploaded file of import job " + jobId + ": " + e.getMessage());
        }
    }

    /** Records why a job stopped (unless it is already finished) and lets it go. */
    void failed(long jobId, Throwable e) {
        live.remove(jobId);
        try {
            writer.state(jobId, ImportState.FAILED, String.valueOf(e.getMessage()));
        } catch (RuntimeException again) {
            // The database may be what failed; the job's heartbeat stops, so it is marked abandoned later.
            LOG.log(Level.WARNING, "Cannot record the failure of import job " + jobId, again);
        }
    }
}
