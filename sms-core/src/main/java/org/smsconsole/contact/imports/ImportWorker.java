package org.smsconsole.contact.imports;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.smsconsole.contact.ContactDetails;
import org.smsconsole.csv.CsvReader;
import org.smsconsole.csv.CsvRecord;
import org.smsconsole.validation.InvalidInputException;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reads an inspected file row by row, checks each row, and hands chunks of {@value #CHUNK} rows to
 * {@link ImportChunkWriter}, one transaction each, so memory stays flat at any file size and the
 * progress counters move as chunks commit.
 */
@ApplicationScoped
public class ImportWorker {

    static final int CHUNK = 2000;
    private static final Logger LOG = Logger.getLogger(ImportWorker.class.getName());

    @PersistenceContext(unitName = "sms")
    EntityManager em;

    @Inject
    ImportChunkWriter writer;

    @Inject
    Clock clock;

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public ImportJobView record(String fileName, ImportSettings settings, long rows, String startedBy) {
        String name = fileName == null ? null : fileName.length() > 255 ? fileName.substring(0, 255) : fileName;
        ImportJob job = new ImportJob(name, settings, rows, startedBy, clock.instant());
        em.persist(job);
        em.flush();
        return job.view();
    }

    /** Runs on the managed executor. Never throws: a failure is recorded on the job. */
    public void run(long jobId, Path file, List<String> header, ImportSettings settings) {
        long started = System.nanoTime();
        try (InputStream in = Files.newInputStream(file); CsvReader reader = new CsvReader(in)) {
            writer.state(jobId, ImportState.RUNNING, null);
            reader.next(); // the header, already inspected
            PhoneLines seen = new PhoneLines();
            ImportChunk chunk = new ImportChunk();
            for (CsvRecord record = reader.next(); record != null; record = reader.next()) {
                if (record.isBlank()) {
                    continue;
                }
                chunk.processed++;
                check(record, header, settings, seen, chunk);
                if (chunk.processed >= CHUNK) {
                    writer.write(jobId, chunk, settings);
                    chunk = new ImportChunk();
                }
            }
            writer.write(jobId, chunk, settings);
            writer.finish(jobId);
            LOG.info(() -> "Import job " + jobId + " done in " + (System.nanoTime() - started) / 1_000_000 + " ms");
        } catch (Exception | Error e) {
            // Rows already committed stay (each chunk is whole); the job says where it stopped and why.
            LOG.log(Level.WARNING, "Import job " + jobId + " failed", e);
            writer.state(jobId, ImportState.FAILED, String.valueOf(e.getMessage()));
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (java.io.IOException e) {
                LOG.warning("Cannot delete the uploaded file of import job " + jobId + ": " + e.getMessage());
            }
        }
    }

    private static void check(CsvRecord record, List<String> header, ImportSettings settings, PhoneLines seen, ImportChunk chunk) {
        String phone = null;
        String name = null;
        String language = null;
        String zone = null;
        Map<String, String> attributes = new HashMap<>();
        for (ColumnMapping c : settings.columns()) {
            if (c.field() == ImportField.IGNORE) {
                continue;
            }
            String value = record.field(c.column());
            if (value == null) {
                chunk.rejections.add(new Rejection(record.line(), "Missing column '" + header.get(c.column()) + "': the row has "
                        + record.fields().size() + " fields, the header " + header.size()));
                return;
            }
            switch (c.field()) {
                case PHONE -> phone = value;
                case NAME -> name = value;
                case LANGUAGE -> language = value;
                case TIME_ZONE -> zone = value;
                case ATTRIBUTE -> attributes.put(c.attribute(), value);
                default -> { }
            }
        }
        ContactDetails details;
        try {
            details = new ContactDetails(phone, name, language, zone, attributes).clean(settings.defaultCountry());
        } catch (InvalidInputException e) {
            chunk.rejections.add(new Rejection(record.line(), e.getMessage()));
            return;
        }
        long first = seen.putIfAbsent(details.phone(), record.line());
        if (first != 0) {
            chunk.rejections.add(new Rejection(record.line(), "Duplicate in the file: the number " + details.phone()
                    + " is already on line " + first));
            return;
        }
        chunk.rows.add(new ImportRow(record.line(), details, zone != null && !zone.isBlank()));
    }
}
