package org.smsconsole.web.sandbox.engine;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.smsconsole.sinch.webhook.WebhookSignature;

/**
 * Posts callbacks as Sinch does: JSON, signed with the {@code x-sinch-webhook-signature} headers
 * when a secret is set, retried on 5xx, 429 and connection errors on Sinch's schedule (5 s,
 * doubling, 14 retries: the last about 22 h 45 min after the first attempt) scaled by
 * {@code callback_time_scale}; other answers end it. Only allow-listed hosts are called, checked
 * again on the resolved address. Runs on the executor it is given (in the container a managed one),
 * never on threads of its own. At most {@value #IN_FLIGHT} callbacks are in flight at once, as a
 * real Sinch paces its callbacks: the JDK client opens a connection per concurrent request and keeps
 * each idle one for 20 minutes, and unbounded bursts (10,000 reports) left thousands of sockets open
 * until the console ran out of file descriptors.
 */
public final class CallbackPoster implements Callback.Sink {
    public static final int MAX_RETRIES = 14;
    static final int IN_FLIGHT = 16;
    static final Duration FIRST_RETRY = Duration.ofSeconds(5);
    private static final Logger LOG = Logger.getLogger(CallbackPoster.class.getName());

    private final HttpClient http;
    private final ScheduledExecutorService executor;
    private final Supplier<SandboxSettings> settings;
    private final Counters counters;
    private final WebhookSignature signature;
    private final Semaphore slots = new Semaphore(IN_FLIGHT);
    private final Queue<Runnable> waiting = new ConcurrentLinkedQueue<>();
    private final Clock clock;

    /** @param webhookSecret null or empty: unsigned */
    public CallbackPoster(ScheduledExecutorService executor, Supplier<SandboxSettings> settings, Counters counters,
                          String webhookSecret, Clock clock) {
        this.executor = executor;
        this.settings = settings;
        this.counters = counters;
        this.clock = clock;
        this.signature = webhookSecret == null || webhookSecret.isEmpty() ? null : WebhookSignature.of(webhookSecret, clock);
        this.http = HttpClient.newBuilder().executor(executor).connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Delay before retry {@code n} (1-based): 5 s · 2^(n-1), times the scale. */
    public static Duration retryDelay(int retry, double timeScale) {
        long millis = FIRST_RETRY.toMillis() << (retry - 1);
        return Duration.ofMillis(Math.max(1, Math.round(millis * timeScale)));
    }

    @Override
    public void accept(Callback callback) {
        executor.execute(() -> attempt(callback, 0));
    }

    private void attempt(Callback callback, int retriesDone) {
        if (!CallbackHosts.allowedResolved(callback.url(), settings.get().callbackHosts())) {
            counters.count("callbacks_refused");
            LOG.warning(() -> "Sandbox: callback to a host off the allow-list refused: " + CallbackHosts.host(callback.url()));
            return;
        }
        byte[] body = callback.body().getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(callback.url()))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signature != null) {
            signature.signedHeaders(body, SinchIds.next(clock.instant()), clock.instant().getEpochSecond())
                    .forEach(request::header);
        }
        inFlight(() -> send(request.build(), callback, retriesDone));
    }

    private void send(HttpRequest request, Callback callback, int retriesDone) {
        java.util.concurrent.CompletableFuture<HttpResponse<Void>> sent;
        try {
            sent = http.sendAsync(request, HttpResponse.BodyHandlers.discarding());
        } catch (RuntimeException e) {
            freeSlot();
            throw e;
        }
        sent.whenComplete((response, error) -> {
            freeSlot();
            int status = response == null ? 0 : response.statusCode();
            if (status >= 200 && status < 300) {
                counters.count("callbacks_delivered");
            } else if (status == 0 || status == 429 || status >= 500) {
                retry(callback, retriesDone, status, error);
            } else {
                counters.count("callbacks_rejected");
                LOG.info(() -> "Sandbox: callback " + callback.kind() + " answered " + status + "; Sinch does not retry that");
            }
        });
    }

    /** Sends now if a slot is free, else when one is. */
    private void inFlight(Runnable send) {
        waiting.add(send);
        drain();
    }

    private void freeSlot() {
        slots.release();
        drain();
    }

    private void drain() {
        while (!waiting.isEmpty() && slots.tryAcquire()) {
            Runnable next = waiting.poll();
            if (next == null) {
                slots.release(); // another thread took it between the two checks
            } else {
                executor.execute(next);
            }
        }
    }

    private void retry(Callback callback, int retriesDone, int status, Throwable error) {
        if (retriesDone >= MAX_RETRIES) {
            counters.count("callbacks_abandoned");
            return;
        }
        counters.count("callbacks_retried");
        Duration delay = retryDelay(retriesDone + 1, settings.get().callbackTimeScale());
        LOG.log(Level.FINE, "Sandbox: callback got {0}{1}; retry in {2}",
                new Object[] {status, error == null ? "" : " (" + error + ")", delay});
        executor.schedule(() -> attempt(callback, retriesDone + 1), delay.toMillis(), TimeUnit.MILLISECONDS);
    }
}
