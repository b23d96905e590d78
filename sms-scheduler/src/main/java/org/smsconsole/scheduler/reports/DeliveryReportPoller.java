package org.smsconsole.scheduler.reports;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.smsconsole.config.SinchSettings;
import org.smsconsole.inbound.Inbounds;
import org.smsconsole.message.DeliveryReceipt;
import org.smsconsole.message.DeliveryReceipts;
import org.smsconsole.scheduler.SinchConnection;
import org.smsconsole.scheduler.metrics.ConsoleMetrics;
import org.smsconsole.scheduler.metrics.ReportSource;
import org.smsconsole.scheduler.loops.BackgroundLoop;
import org.smsconsole.scheduler.loops.LoopHeartbeat;
import org.smsconsole.scheduler.reports.PollCheckpoints.Feed;
import org.smsconsole.sinch.Page;
import org.smsconsole.sinch.Paging;
import org.smsconsole.sinch.SinchClient;
import org.smsconsole.sinch.inbound.InboundQuery;
import org.smsconsole.sinch.report.DeliveryReportQuery;
import org.smsconsole.sinch.report.DeliveryStatus;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.logging.Logger;

/**
 * Reads delivery reports and inbound messages from Sinch's lists when Sinch has no callback URL to post
 * them to (real Sinch without {@code SMS_PUBLIC_URL}): every {@code SMS_REPORT_POLL_SECONDS} it reads
 * {@code /delivery_reports} and {@code /inbounds} from the last checkpoint (minus an overlap, for reports
 * that become visible a little after their time) up to now, stores them a page per transaction through
 * {@link DeliveryReceipts} and {@link Inbounds}, and then advances the checkpoint. A failure leaves the
 * checkpoint where it was, so the next poll reads the window again.
 *
 * <p>Several instances on one database: no lock is held across the calls to Sinch. Two instances polling
 * the same window store the same reports twice, which the stores' deduplication turns into nothing, and
 * the checkpoint only moves forward. A tick skips the poll when another instance has just done it.
 *
 * <p>Only final statuses are asked for: a recipient's report in the list is its current status, so an
 * intermediate one leaves the window when the recipient moves on, shifting the pages under the reader;
 * final ones never change, and they are what decides a message.
 */
@ApplicationScoped
public class DeliveryReportPoller implements BackgroundLoop {

    private static final Logger LOG = Logger.getLogger(DeliveryReportPoller.class.getName());
    static final Duration OVERLAP = Duration.ofMinutes(2);
    /** Sinch's own default look-back when a list has no start date. */
    static final Duration FIRST_WINDOW = Duration.ofDays(1);
    private static final int PAGE_SIZE = Paging.MAX_PAGE_SIZE;
    private static final List<String> FINAL_STATUSES = Arrays.stream(DeliveryStatus.values())
            .filter(DeliveryStatus::isFinal).map(DeliveryStatus::wire).toList();

    @Inject
    SinchSettings settings;

    @Inject
    SinchConnection connection;

    @Inject
    DeliveryReceipts receipts;

    @Inject
    Inbounds inbounds;

    @Inject
    PollCheckpoints checkpoints;

    @Inject
    ConsoleMetrics metrics;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "SMS_REPORT_POLL_SECONDS", defaultValue = "60")
    long intervalSeconds;

    @Inject
    @ConfigProperty(name = "SMS_SANDBOX_ONLY", defaultValue = "false")
    boolean sandboxOnly;

    private final LoopHeartbeat heartbeat = new LoopHeartbeat();

    /** What one poll stored. */
    public record PollResult(DeliveryReceipt reports, int inboundsStored) {
        static final PollResult NOTHING = new PollResult(DeliveryReceipt.NONE, 0);
    }

    @Override
    public String name() {
        return "report-poll";
    }

    /** The sandbox alone has no messages; 0 s turns polling off. */
    @Override
    public boolean enabled() {
        return !sandboxOnly && intervalSeconds > 0;
    }

    @Override
    public Duration interval() {
        return Duration.ofSeconds(Math.max(1, intervalSeconds));
    }

    @Override
    public LoopHeartbeat heartbeat() {
        return heartbeat;
    }

    /** A failure leaves the checkpoints where they were, so the next poll reads the window again. */
    @Override
    public void tick() {
        // Decided per tick: the settings may change, and in sandbox mode the callback URL appears once the port is known.
        if (settings.callbackUrl().isPresent() || polledRecently()) {
            return;
        }
        PollResult result = pollNow();
        LOG.fine(() -> "Polled Sinch: " + result);
    }

    /** One poll now, whether or not callbacks are configured; nothing when no Sinch client is ready yet. */
    public synchronized PollResult pollNow() {
        Optional<SinchClient> client = connection.client();
        if (client.isEmpty()) {
            return PollResult.NOTHING;
        }
        SinchClient sinch = client.get();
        Instant now = clock.instant();

        DeliveryReceipt[] reports = {DeliveryReceipt.NONE};
        DeliveryReportQuery reportQuery = DeliveryReportQuery.all().between(start(Feed.DELIVERY_REPORTS, now), now)
                .withStatuses(FINAL_STATUSES.toArray(String[]::new));
        readPages(page -> sinch.deliveryReports().list(reportQuery, page, PAGE_SIZE),
                chunk -> {
                    DeliveryReceipt receipt = receipts.ingestAll(chunk);
                    metrics.reportsIngested(ReportSource.POLL, receipt, clock.instant());
                    reports[0] = reports[0].plus(receipt);
                });
        checkpoints.advance(Feed.DELIVERY_REPORTS, now);

        int[] stored = {0};
        InboundQuery inboundQuery = InboundQuery.all().between(start(Feed.INBOUNDS, now), now);
        readPages(page -> sinch.inbounds().list(inboundQuery, page, PAGE_SIZE), chunk -> stored[0] += inbounds.storeAll(chunk));
        checkpoints.advance(Feed.INBOUNDS, now);
        return new PollResult(reports[0], stored[0]);
    }

    /** Each page stored in a transaction of its own, as it is read. */
    private static <T> void readPages(IntFunction<? extends Page<T>> fetch, Consumer<List<T>> store) {
        Iterator<T> items = Paging.iterator(fetch, PAGE_SIZE);
        List<T> chunk = new ArrayList<>(PAGE_SIZE);
        while (items.hasNext()) {
            chunk.add(items.next());
            if (chunk.size() == PAGE_SIZE) {
                store.accept(List.copyOf(chunk));
                chunk.clear();
            }
        }
        if (!chunk.isEmpty()) {
            store.accept(chunk);
        }
    }

    /** From the checkpoint, or from now if another instance's clock put it ahead, minus the overlap. */
    private Instant start(Feed feed, Instant now) {
        return checkpoints.read(feed).map(c -> c.isAfter(now) ? now : c).orElse(now.minus(FIRST_WINDOW)).minus(OVERLAP);
    }

    private boolean polledRecently() {
        Instant now = clock.instant();
        return checkpoints.read(Feed.DELIVERY_REPORTS)
                .map(c -> !c.isAfter(now) && c.isAfter(now.minusSeconds(intervalSeconds / 2))).orElse(false);
    }
}
