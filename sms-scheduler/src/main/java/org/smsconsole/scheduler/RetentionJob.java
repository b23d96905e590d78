package org.smsconsole.scheduler;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.smsconsole.audit.AuditLog;
import org.smsconsole.config.ConsoleSettings;
import org.smsconsole.retention.MessageRetention;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Erases message bodies older than {@code SMS_MESSAGE_RETENTION_DAYS} (Admin › Settings), about once an hour.
 * Every instance checks every few minutes; the one that claims the hour in {@code retention_state} runs it
 * (not an EJB timer: those are not coordinated across Payara Micro instances). A run erases in batches of
 * {@link #BATCH} rows, each its own short transaction, until nothing older is left, then logs and audits the count.
 */
@ApplicationScoped
public class RetentionJob {

    private static final Logger LOG = Logger.getLogger(RetentionJob.class.getName());
    static final Duration EVERY = Duration.ofHours(1);
    static final int BATCH = 500;

    @Inject
    MessageRetention retention;

    @Inject
    ConsoleSettings settings;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "SMS_RETENTION_CHECK_SECONDS", defaultValue = "300")
    long checkSeconds;

    @Inject
    @ConfigProperty(name = "SMS_SANDBOX_ONLY", defaultValue = "false")
    boolean sandboxOnly;

    private ScheduledFuture<?> task;

    /** What one run erased. */
    public record Run(Instant cutoff, long outgoing, long inbound) {
        public long total() {
            return outgoing + inbound;
        }
    }

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        if (sandboxOnly || checkSeconds <= 0) {
            return;
        }
        try {
            // Looked up, not injected: see DeliveryReportPoller (Payara fails @Resource on a WEB-INF/lib bean created at start).
            ManagedScheduledExecutorService executor = InitialContext.doLookup("java:comp/DefaultManagedScheduledExecutorService");
            task = executor.scheduleWithFixedDelay(this::tick, checkSeconds, checkSeconds, TimeUnit.SECONDS);
        } catch (NamingException e) {
            throw new IllegalStateException("No default managed scheduled executor: message retention cannot run", e);
        }
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }

    private void tick() {
        try {
            runIfDue();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Message retention failed; the next run continues where it stopped", e);
        }
    }

    /** Runs when a retention period is set and this instance claims the hour; empty otherwise. */
    public Optional<Run> runIfDue() {
        Optional<Integer> days = settings.messageRetentionDays();
        if (days.isEmpty()) {
            return Optional.empty(); // bodies are kept forever
        }
        Instant now = clock.instant();
        if (!retention.claimRun(now, EVERY)) {
            return Optional.empty(); // this hour's run is another instance's, or done
        }
        return Optional.of(run(now, days.get()));
    }

    /** Erases now, without claiming the hour (the hourly run calls it after its claim). */
    public Run run(Instant now, int days) {
        Instant cutoff = now.minus(Duration.ofDays(days));
        long outgoing = 0;
        int n;
        do {
            n = retention.eraseOutgoing(cutoff, now, BATCH);
            outgoing += n;
        } while (n == BATCH);
        long inbound = 0;
        do {
            n = retention.eraseInbound(cutoff, now, BATCH);
            inbound += n;
        } while (n == BATCH);
        // The inbox snippets and webhook payloads copy message text: they go by the same rule.
        do {
            n = retention.eraseCopies(cutoff, BATCH);
        } while (n >= BATCH);
        Run run = new Run(cutoff, outgoing, inbound);
        retention.recordRun(run.total());
        LOG.info("Message retention (" + days + " days): erased the bodies of " + outgoing + " outgoing and " + inbound
                + " inbound messages from before " + cutoff);
        if (run.total() > 0) {
            audit.recordAs("system", "MESSAGE_BODIES_ERASED", "retention " + days + " days",
                    outgoing + " outgoing and " + inbound + " inbound message bodies from before " + cutoff);
        }
        return run;
    }
}
