package org.smsconsole.contact.imports;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.smsconsole.audit.AuditLog;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Import jobs whose console is gone (a crash, a restart) would otherwise stay RUNNING for ever. The
 * console running a job moves its heartbeat with every chunk and every {@link #BEAT}; an unfinished
 * job silent for {@link #SILENCE} belongs to no live console (several may share the database) and is
 * marked FAILED, saying how far it got. It cannot resume: the uploaded file is deleted with its run.
 * Instances' clocks must agree to well within {@link #SILENCE}.
 */
@ApplicationScoped
@Transactional
public class AbandonedImports {

    public static final Duration BEAT = Duration.ofSeconds(30);
    static final Duration SILENCE = Duration.ofMinutes(2);
    private static final Set<ImportState> UNFINISHED = Set.of(ImportState.QUEUED, ImportState.RUNNING);
    private static final Logger LOG = Logger.getLogger(AbandonedImports.class.getName());

    @PersistenceContext(unitName = "sms")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    LiveImports live;

    @Inject
    AuditLog audit;

    /** Moves the heartbeat of this console's unfinished jobs, including those still waiting for a thread. */
    public void beat() {
        Set<Long> ids = live.ids();
        if (!ids.isEmpty()) {
            em.createQuery("update ImportJob j set j.heartbeatAt = :now where j.id in :ids and j.state in :unfinished")
                    .setParameter("now", clock.instant()).setParameter("ids", ids).setParameter("unfinished", UNFINISHED)
                    .executeUpdate();
        }
    }

    /** Marks every abandoned job FAILED; returns how many there were. */
    public int reap() {
        List<Long> silent = em.createQuery("select j.id from ImportJob j where j.state in :unfinished"
                        + " and coalesce(j.heartbeatAt, j.createdAt) < :cutoff order by j.id", Long.class)
                .setParameter("unfinished", UNFINISHED).setParameter("cutoff", cutoff()).getResultList();
        int reaped = 0;
        for (long id : silent) {
            if (reap(id)) {
                reaped++;
            }
        }
        return reaped;
    }

    /** Whether {@code job} looks abandoned; {@link #reap(long)} decides under a lock. */
    boolean looksAbandoned(ImportJob job) {
        return !job.state.finished() && !live.contains(job.id) && heartbeat(job).isBefore(cutoff());
    }

    /**
     * Marks the job FAILED if it is abandoned. Decided under the job's row lock, so a chunk
     * committing at this moment is waited for and its heartbeat seen.
     */
    boolean reap(long jobId) {
        if (live.contains(jobId)) {
            return false;
        }
        ImportJob job = em.find(ImportJob.class, jobId);
        if (job == null) {
            return false;
        }
        em.refresh(job, LockModeType.PESSIMISTIC_WRITE);
        if (!looksAbandoned(job)) {
            return false;
        }
        job.state = ImportState.FAILED;
        job.finishedAt = clock.instant();
        job.failure = "Interrupted by a restart or crash after " + job.processedRows + " of " + job.totalRows
                + " rows; the rows before were imported";
        audit.recordAs(job.startedBy, "CONTACTS_IMPORT_FAILED", "import " + jobId, job.failure);
        LOG.warning(() -> "Import job " + jobId + " had no heartbeat since " + heartbeat(job) + ": " + job.failure);
        return true;
    }

    private Instant cutoff() {
        return clock.instant().minus(SILENCE);
    }

    private static Instant heartbeat(ImportJob job) {
        return job.heartbeatAt == null ? job.createdAt : job.heartbeatAt; // jobs from before V9 have none
    }
}
