package org.smsconsole.scheduler.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.smsconsole.contact.imports.ImportState;
import org.smsconsole.message.DeliveryReceipt;
import org.smsconsole.message.MessageState;
import org.smsconsole.scheduler.loops.BackgroundLoop;
import org.smsconsole.scheduler.loops.LoopStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.logging.Logger;

/**
 * Every metric the console offers operators, in one registry per application (never Micrometer's global one, so
 * two applications on one server do not mix), written as Prometheus text by {@link #scrape()}. What each means,
 * and how to query it: docs/operations.md.
 *
 * <p>Counters and histograms count what this instance did; gauges read from the database
 * ({@link DatabaseCensus}, at most once per {@link #DATABASE_TTL}, less often when that is slow) are the same on every
 * instance.
 */
@ApplicationScoped
public class ConsoleMetrics {

    private static final Logger LOG = Logger.getLogger(ConsoleMetrics.class.getName());
    /**
     * Database-wide gauges are read at most this often per instance, whatever the number of scrapers, and less often
     * when a read is slow: a value lives {@link #DATABASE_COST_FACTOR} times as long as reading it took.
     */
    static final Duration DATABASE_TTL = Duration.ofSeconds(5);
    static final long DATABASE_COST_FACTOR = 20;

    static final List<String> MESSAGE_STATES = Arrays.stream(MessageState.values()).map(Enum::name).toList();
    /** Waiting, in flight, given up (the census counts these only: delivered ones are history). */
    static final List<String> WEBHOOK_STATES = List.of("PENDING", "SENDING", "FAILED");
    static final List<String> IMPORT_STATES = Arrays.stream(ImportState.values()).filter(s -> !s.finished()).map(Enum::name).toList();

    private static final Duration[] SINCH_BUCKETS = seconds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30);
    private static final Duration[] LAG_BUCKETS = seconds(1, 2, 5, 10, 30, 60, 120, 300, 600, 1800, 3600, 21600, 86400);

    @Inject
    DatabaseCensus census;

    @Inject
    @Any
    Instance<BackgroundLoop> loops;

    private PrometheusMeterRegistry registry;
    private JvmGcMetrics gc;
    private CachedReading<DatabaseReading> database;
    private Counter released;
    private boolean loopGauges;

    @PostConstruct
    void define() {
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        database = new CachedReading<>(this::readDatabase, DATABASE_TTL, DATABASE_COST_FACTOR, System::nanoTime);
        released = Counter.builder("sms.messages.released")
                .description("Messages this instance handed to Sinch and committed SENT (rate() of it: released per second)")
                .register(registry);
        for (String state : MESSAGE_STATES) {
            databaseGauge("sms.messages", "Messages in the database in this state (database-wide: the same on every instance)",
                    "state", state, r -> r.messages(state));
        }
        Gauge.builder("sms.messages.due", this, m -> m.database.get().due())
                .description("Queued messages whose due time has passed, outside paused campaigns: what the release engine should"
                        + " be sending now (database-wide)").strongReference(true).register(registry);
        for (String state : WEBHOOK_STATES) {
            databaseGauge("sms.webhook.deliveries", "Outgoing webhook deliveries in this state (database-wide)",
                    "state", state, r -> r.webhookDeliveries(state));
        }
        for (String state : IMPORT_STATES) {
            databaseGauge("sms.import.jobs", "Contact import jobs in this state (database-wide)", "state", state, r -> r.importJobs(state));
        }
        Gauge.builder("sms.sending.halted", this, m -> m.database.get().halted())
                .description("1 while sending is halted for every instance (an account error or failures in a row), else 0")
                .strongReference(true).register(registry);
        Gauge.builder("sms.metrics.database.read", this, m -> m.database.lastReadSeconds())
                .description("How long this instance's last read of the database-wide gauges took (they are kept 20 times as long,"
                        + " 5 s at least)").baseUnit("seconds").strongReference(true).register(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        gc = new JvmGcMetrics();
        gc.bindTo(registry);
    }

    @PreDestroy
    void close() {
        if (gc != null) {
            gc.close();
        }
        registry.close();
    }

    /** The registry in Prometheus text exposition format (0.0.4). */
    public String scrape() {
        defineLoopGauges();
        return registry.scrape();
    }

    /**
     * One set of gauges per background loop, made at the first scrape rather than with the registry: the loops are
     * created when first asked for, and they themselves use these metrics.
     */
    private synchronized void defineLoopGauges() {
        if (loopGauges || loops == null) {
            return;
        }
        for (BackgroundLoop loop : loops) {
            String name = loop.name();
            Gauge.builder("sms.background.loop.last.success.age", loop, l -> LoopAge.seconds(status(l), Instant.now()))
                    .description("Seconds since this instance's loop last finished a tick without failing (since it started, before"
                            + " the first); NaN where the loop is off").baseUnit("seconds")
                    .tags("loop", name).strongReference(true).register(registry);
            Gauge.builder("sms.background.loop.failures.in.a.row", loop, l -> status(l).failuresInARow())
                    .description("Ticks of this instance's loop that failed since its last success")
                    .tags("loop", name).strongReference(true).register(registry);
            Gauge.builder("sms.background.loop.interval", loop, l -> l.interval().toMillis() / 1000.0)
                    .description("The loop's delay between ticks: an age of several intervals means it is not working")
                    .baseUnit("seconds").tags("loop", name).strongReference(true).register(registry);
        }
        loopGauges = true;
    }

    private static LoopStatus status(BackgroundLoop loop) {
        return loop.heartbeat().status(loop.name(), loop.enabled());
    }

    /** Messages the release engine committed SENT (a batch Sinch accepted, or one reconciliation found there). */
    public void released(int messages) {
        if (messages > 0) {
            released.increment(messages);
        }
    }

    /** The JAX-RS provider that measures the requests of a Sinch client it is registered on. */
    public SinchRequestMeter sinchRequestMeter() {
        return new SinchRequestMeter(this);
    }

    /** One request to Sinch: its answer's HTTP status, or how it failed ({@code timeout}, {@code connection_refused} ...). */
    void sinchRequest(String operation, String status, long nanos) {
        Counter.builder("sms.sinch.requests")
                .description("Requests to Sinch by operation and outcome: the HTTP status, or timeout, connection_refused, connection_broken")
                .tags("operation", operation, "status", status).register(registry).increment();
        if (nanos >= 0) {
            Timer.builder("sms.sinch.request")
                    .description("Time from sending a request to Sinch to its answer's headers (or its failure)")
                    .tags("operation", operation).serviceLevelObjectives(SINCH_BUCKETS)
                    .register(registry).record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    /** Delivery reports stored (new) and repeated ones, and how late each new one came in. */
    public void reportsIngested(ReportSource source, DeliveryReceipt receipt, Instant storedAt) {
        Counter.builder("sms.delivery.reports.ingested")
                .description("Delivery reports received by this instance: stored (new) or duplicate (already stored)")
                .tags("source", source.label(), "result", "stored").register(registry).increment(receipt.stored());
        Counter.builder("sms.delivery.reports.ingested")
                .tags("source", source.label(), "result", "duplicate").register(registry).increment(receipt.duplicates());
        Timer lag = Timer.builder("sms.delivery.report.lag")
                .description("From the time Sinch gives a delivery report to the moment it was stored")
                .tags("source", source.label()).serviceLevelObjectives(LAG_BUCKETS).register(registry);
        for (Instant reportedAt : receipt.reportedAt()) {
            lag.record(ReportLag.between(reportedAt, storedAt));
        }
    }

    private void databaseGauge(String name, String description, String tag, String value, ToDoubleFunction<DatabaseReading> figure) {
        Gauge.builder(name, this, m -> figure.applyAsDouble(m.database.get()))
                .description(description).tags(tag, value.toLowerCase(Locale.ROOT)).strongReference(true).register(registry);
    }

    private DatabaseReading readDatabase() {
        try {
            return census.read();
        } catch (RuntimeException e) {
            LOG.info(() -> "Metrics: the database gauges could not be read (reported as NaN): " + e);
            return DatabaseReading.UNREADABLE;
        }
    }

    private static Duration[] seconds(double... values) {
        Duration[] durations = new Duration[values.length];
        for (int i = 0; i < values.length; i++) {
            durations[i] = Duration.ofNanos(Math.round(values[i] * 1e9));
        }
        return durations;
    }
}
