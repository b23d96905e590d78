package org.smsconsole.scheduler;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.smsconsole.audit.AuditLog;
import org.smsconsole.config.ConsoleSettings;
import org.smsconsole.retention.MessageRetention;
import org.smsconsole.scheduler.loops.BackgroundLoop;
import org.smsconsole.scheduler.loops.LoopHeartbeat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Erases message bodies older than {@code SMS_MESSAGE_RETENTION_DAYS} (Admin › Settings), about once an hour.
 * Every instance checks every few minutes; the one that claims the hour in {@code retention_state} runs it
 * (a {@link BackgroundLoop}, not an EJB timer: those are not coordinated across Payara Micro instances). A run erases in batches of
 * {@link #BATCH} rows, each its own short transaction, until nothing older is left, then logs and audits the count.
 */
@ApplicationScoped
public class RetentionJob implements BackgroundLoop {

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

    private final LoopHeartbeat heartbeat = new LoopHeartbeat();

    /** What one run erased. */
    public record Run(Instant cutoff, long outgoing, long inbound) {
        public long total() {
            return outgoing + inbound;
        }
    }

    @Override
    public String name() {
        return "retention";
    }

    @Override
    public boolean enabled() {
        return !sandboxOnly && checkSeconds > 0;
    }

    @Override
    public Duration interval() {
        return Duration.ofSeconds(Math.max(1, checkSeconds));
    }

    /** A first run over a large backlog erases in many batches: give it half an hour before calling it stuck. */
    @Override
    public Duration maxTick() {
        return Duration.ofMinutes(30);
    }

    @Override
    public LoopHeartbeat heartbeat() {
        return heartbeat;
    }

    /** A failed run is continued by the next: what is older than the cutoff is still there. */
    @Override
    public void tick() {
        runIfDue();
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
