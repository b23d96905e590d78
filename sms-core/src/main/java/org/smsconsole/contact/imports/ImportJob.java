package org.smsconsole.contact.imports;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.Instant;

/** One CSV import and its progress; the counters and the heartbeat are written with each chunk, in its transaction. */
@Entity
@Table(name = "import_job")
public class ImportJob {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "import_job_seq")
    @SequenceGenerator(name = "import_job_seq", sequenceName = "import_job_seq", allocationSize = 50)
    Long id;

    @Column(name = "file_name", length = 255)
    String fileName;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    ImportState state;

    @Column(name = "update_existing", nullable = false)
    boolean updateExisting;

    @Column(name = "default_country", nullable = false, length = 2)
    String defaultCountry;

    @Column(name = "group_id")
    Long groupId;

    @Column(name = "total_rows", nullable = false)
    long totalRows;

    @Column(name = "processed_rows", nullable = false)
    long processedRows;

    @Column(name = "created_count", nullable = false)
    long createdCount;

    @Column(name = "updated_count", nullable = false)
    long updatedCount;

    @Column(name = "skipped_count", nullable = false)
    long skippedCount;

    @Column(name = "rejected_count", nullable = false)
    long rejectedCount;

    @Column(length = 1000)
    String failure;

    @Column(name = "started_by", nullable = false, length = 64)
    String startedBy;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    @Column(name = "finished_at")
    Instant finishedAt;

    /** Moved by the console running the job (each chunk, and a timer); a silent job's console is gone. */
    @Column(name = "heartbeat_at")
    Instant heartbeatAt;

    protected ImportJob() {
    }

    ImportJob(String fileName, ImportSettings settings, long totalRows, String startedBy, Instant now) {
        this.fileName = fileName;
        this.state = ImportState.QUEUED;
        this.updateExisting = settings.updateExisting();
        this.defaultCountry = settings.defaultCountry();
        this.groupId = settings.groupId();
        this.totalRows = totalRows;
        this.startedBy = startedBy;
        this.createdAt = now;
        this.heartbeatAt = now;
    }

    ImportJobView view() {
        return new ImportJobView(id, fileName, state, updateExisting, defaultCountry, groupId, totalRows, processedRows,
                createdCount, updatedCount, skippedCount, rejectedCount, failure, startedBy, createdAt, finishedAt);
    }
}
