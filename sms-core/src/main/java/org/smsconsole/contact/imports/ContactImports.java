package org.smsconsole.contact.imports;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.security.enterprise.SecurityContext;
import jakarta.transaction.Transactional;
import org.smsconsole.csv.CsvWriter;
import org.smsconsole.validation.InvalidInputException;
import org.smsconsole.validation.NotFoundException;

import java.io.Writer;
import java.nio.file.Path;
import java.security.Principal;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * CSV imports: check the settings, record a job, run it in the background on the container's
 * managed executor, and tell its progress and rejected rows to screens and the API.
 */
@ApplicationScoped
public class ContactImports {

    private static final Set<String> REGIONS = com.google.i18n.phonenumbers.PhoneNumberUtil.getInstance().getSupportedRegions();

    @PersistenceContext(unitName = "sms")
    EntityManager em;

    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    ManagedExecutorService executor;

    @Inject
    ImportWorker worker;

    @Inject
    AbandonedImports abandoned;

    @Inject
    Clock clock;

    @Inject
    SecurityContext securityContext;

    /**
     * Starts importing {@code file} (already {@link CsvInspection inspected}); the worker deletes the
     * file when done. Refuses bad settings before anything is recorded.
     */
    public ImportJobView start(Path file, String fileName, CsvInspection inspection, ImportSettings settings) {
        check(inspection, settings);
        ImportJobView job = worker.record(fileName, settings, inspection.rows(), caller());
        try {
            executor.submit(() -> worker.run(job.id(), file, inspection.header(), settings, inspection.rows()));
        } catch (RuntimeException e) {
            worker.failed(job.id(), e); // refused by the executor (shutting down): no job may wait for ever
            throw e;
        }
        return job;
    }

    static void check(CsvInspection inspection, ImportSettings settings) {
        long phones = settings.columns().stream().filter(c -> c.field() == ImportField.PHONE).count();
        if (phones != 1) {
            throw new InvalidInputException("columns", phones == 0 ? "No column holds the phone number: map one to Phone"
                    : "Only one column can be the phone number");
        }
        for (ImportField single : List.of(ImportField.NAME, ImportField.LANGUAGE, ImportField.TIME_ZONE)) {
            if (settings.columns().stream().filter(c -> c.field() == single).count() > 1) {
                throw new InvalidInputException("columns", "Only one column can be the " + single.name().toLowerCase(Locale.ROOT).replace('_', ' '));
            }
        }
        long attributes = settings.columns().stream().filter(c -> c.field() == ImportField.ATTRIBUTE).count();
        if (attributes > org.smsconsole.contact.ContactDetails.MAX_ATTRIBUTES) {
            throw new InvalidInputException("columns", attributes + " columns are attributes; a contact has at most "
                    + org.smsconsole.contact.ContactDetails.MAX_ATTRIBUTES + ": set the others to Ignore");
        }
        for (ColumnMapping c : settings.columns()) {
            if (c.column() < 0 || c.column() >= inspection.header().size()) {
                throw new InvalidInputException("columns", "The file has no column " + (c.column() + 1));
            }
            if (c.field() == ImportField.ATTRIBUTE && (c.attribute() == null
                    || !org.smsconsole.contact.ContactDetails.ATTRIBUTE_KEY.matcher(c.attribute()).matches())) {
                throw new InvalidInputException("columns", "Attribute name '" + c.attribute() + "' must be 1 to 64 letters, digits, '.', '_' or '-'");
            }
        }
        if (settings.defaultCountry() == null || !REGIONS.contains(settings.defaultCountry().toUpperCase(Locale.ROOT))) {
            throw new InvalidInputException("default_country", "'" + settings.defaultCountry() + "' is not a country code such as GB or US");
        }
    }

    /** The job as it stands; one whose console has gone silent is marked failed first (see {@link AbandonedImports}). */
    @Transactional // reads too, see docs/architecture.md
    public ImportJobView job(long id) {
        ImportJob job = em.find(ImportJob.class, id);
        if (job == null) {
            throw new NotFoundException("Import job", id);
        }
        if (abandoned.looksAbandoned(job)) {
            abandoned.reap(id);
        }
        return job.view();
    }

    /** Rejected rows in line order, one page. */
    @Transactional // reads too, see docs/architecture.md
    public List<Rejection> rejections(long jobId, int first, int max) {
        job(jobId);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select line_number, reason from import_rejection where job_id = :j order by line_number")
                .setParameter("j", jobId).setFirstResult(first).setMaxResults(max).getResultList();
        return rows.stream().map(r -> new Rejection(((Number) r[0]).longValue(), (String) r[1])).toList();
    }

    /** The error report as CSV: line, reason. */
    @Transactional
    public void writeRejections(long jobId, Writer out) {
        CsvWriter csv = new CsvWriter(out);
        csv.row(List.of("line", "reason"));
        int page = 5000;
        for (int first = 0; ; first += page) {
            List<Rejection> slice = rejections(jobId, first, page);
            slice.forEach(r -> csv.row(List.of(String.valueOf(r.line()), CsvWriter.text(r.reason()))));
            if (slice.size() < page) {
                break;
            }
        }
        try {
            out.flush();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private String caller() {
        Principal p = securityContext.getCallerPrincipal();
        return p == null ? "system" : p.getName();
    }
}
