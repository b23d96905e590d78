package org.smsconsole.contact.imports;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.hibernate.Session;
import org.smsconsole.audit.AuditLog;
import org.smsconsole.contact.DatabaseKind;

import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Writes one chunk of an import in one transaction on the container's connection: its rows
 * ({@link CopyChunkStore} on PostgreSQL, {@link BatchChunkStore} elsewhere), its rejections, and the
 * job's counters and heartbeat. A job that another console has meanwhile declared abandoned is not
 * written to: the chunk rolls back and the run stops.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class ImportChunkWriter {

    @PersistenceContext(unitName = "sms")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    AuditLog audit;

    public void write(long jobId, ImportChunk chunk, ImportSettings settings) {
        if (chunk.isEmpty()) {
            return;
        }
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        em.unwrap(Session.class).doWork(c -> {
            ChunkStore store = DatabaseKind.isPostgres(c) ? new CopyChunkStore(c) : new BatchChunkStore(c);
            ChunkOutcome outcome = store.rows(chunk.rows, settings, now);
            store.rejections(jobId, chunk.rejections);
            try (PreparedStatement p = c.prepareStatement("update import_job set processed_rows = processed_rows + ?,"
                    + " created_count = created_count + ?, updated_count = updated_count + ?, skipped_count = skipped_count + ?,"
                    + " rejected_count = rejected_count + ?, heartbeat_at = ? where id = ? and state = 'RUNNING'")) {
                p.setLong(1, chunk.processed);
                p.setLong(2, outcome.created());
                p.setLong(3, settings.updateExisting() ? outcome.known() : 0);
                p.setLong(4, settings.updateExisting() ? 0 : outcome.known());
                p.setLong(5, chunk.rejections.size());
                p.setObject(6, now);
                p.setLong(7, jobId);
                if (p.executeUpdate() == 0) {
                    throw new IllegalStateException("Import job " + jobId + " is no longer running (declared abandoned)");
                }
            }
        });
    }

    /**
     * Moves a job to RUNNING (from QUEUED only) or FAILED (unless it has finished already, so that the
     * first reason given stays).
     */
    public void state(long jobId, ImportState state, String failure) {
        ImportJob job = em.find(ImportJob.class, jobId);
        if (state == ImportState.RUNNING) {
            if (job.state != ImportState.QUEUED) {
                throw new IllegalStateException("Import job " + jobId + " is " + job.state + ", not queued");
            }
            job.state = state;
            job.heartbeatAt = clock.instant();
        } else if (!job.state.finished()) {
            job.state = state;
            job.finishedAt = clock.instant();
            job.failure = truncate(failure, 1000);
            audit.recordAs(job.startedBy, "CONTACTS_IMPORT_FAILED", "import " + jobId, truncate(failure, 500));
        }
    }

    /** Marks the job done and audits it ({@link ImportedTables} has refreshed the statistics already). */
    public void finish(long jobId) {
        ImportJob job = em.find(ImportJob.class, jobId);
        if (job.state != ImportState.RUNNING) {
            throw new IllegalStateException("Import job " + jobId + " is no longer running (declared abandoned)");
        }
        job.state = ImportState.DONE;
        job.finishedAt = clock.instant();
        audit.recordAs(job.startedBy, "CONTACTS_IMPORTED", "import " + jobId + " " + (job.fileName == null ? "" : job.fileName),
                job.createdCount + " created, " + job.updatedCount + " updated, " + job.skippedCount + " skipped, "
                        + job.rejectedCount + " rejected of " + job.processedRows + " rows");
    }

    static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
