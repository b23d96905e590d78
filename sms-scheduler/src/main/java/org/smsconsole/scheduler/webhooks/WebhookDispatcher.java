package org.smsconsole.scheduler.webhooks;

import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.smsconsole.scheduler.loops.BackgroundLoop;
import org.smsconsole.scheduler.loops.LoopHeartbeat;
import org.smsconsole.webhook.EventSignature;
import org.smsconsole.webhook.WebhookSubscriptions;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends outgoing webhooks. On every instance, every second, it claims the due deliveries it has room for and
 * POSTs each, signed, on a pool of its own ({@code SMS_WEBHOOK_CONCURRENCY} managed threads), with a time limit per
 * request. A 2xx answer delivers; anything else (another status, a redirect, no connection, no answer in time) is
 * tried again later ({@link RetrySchedule}) until the attempts or the 24 hours are used up, then the delivery is
 * FAILED. One subscription has at most {@code SMS_WEBHOOK_PER_ENDPOINT} requests in flight here, so a dead or slow
 * endpoint holds a few threads for its time limit while the others' events keep going.
 *
 * <p>A {@link BackgroundLoop}, as the release loop (not an EJB timer); claims are what keeps instances apart.
 * Delivery is at least once: a receiver that answered after our time limit, or an instance that died after
 * the request, means the event comes again, with the same id.
 */
@ApplicationScoped
public class WebhookDispatcher implements BackgroundLoop {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class.getName());
    private static final String USER_AGENT = "sms-console-webhooks/1";

    @Inject
    WebhookSettings settings;

    @Inject
    WebhookQueue queue;

    @Inject
    Clock clock;

    private ExecutorService senders;
    private HttpClient http;
    private final LoopHeartbeat heartbeat = new LoopHeartbeat();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Map<Long, AtomicInteger> perSubscription = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return "webhooks";
    }

    @Override
    public boolean enabled() {
        return settings.enabled();
    }

    @Override
    public Duration interval() {
        return settings.interval();
    }

    @Override
    public LoopHeartbeat heartbeat() {
        return heartbeat;
    }

    @Override
    public void open(ManagedThreadFactory threads) {
        senders = Executors.newFixedThreadPool(settings.concurrency(), threads);
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public void close() {
        if (senders != null) {
            senders.shutdownNow();
        }
    }

    @Override
    public void tick() {
        int room = settings.concurrency() - inFlight.get();
        if (room <= 0) {
            return;
        }
        Map<Long, Integer> busy = new HashMap<>();
        perSubscription.forEach((id, n) -> {
            if (n.get() > 0) {
                busy.put(id, n.get());
            }
        });
        List<WebhookQueue.Claimed> claimed = queue.claim(room, busy, settings.perEndpoint(), settings.lease());
        for (WebhookQueue.Claimed d : claimed) {
            AtomicInteger mine = perSubscription.computeIfAbsent(d.subscriptionId(), k -> new AtomicInteger());
            inFlight.incrementAndGet();
            mine.incrementAndGet();
            senders.submit(() -> {
                try {
                    attempt(d);
                } catch (RuntimeException e) {
                    // The result could not be written (database away): the lease ends and the attempt is made again.
                    LOG.log(Level.WARNING, "Recording the attempt of " + d + " failed", e);
                } finally {
                    mine.decrementAndGet();
                    inFlight.decrementAndGet();
                }
            });
        }
    }

    /** One request, and its result written. */
    void attempt(WebhookQueue.Claimed d) {
        Outcome outcome = post(d);
        if (outcome.status() != null && outcome.status() / 100 == 2) {
            queue.delivered(d, outcome.status());
            return;
        }
        Instant next = clock.instant().plus(RetrySchedule.after(d.attempt()));
        boolean last = d.attempt() >= settings.maxAttempts() || next.isAfter(d.giveUpAt());
        queue.attemptFailed(d, outcome.status(), outcome.error(), last ? null : next);
        if (last) {
            LOG.warning(() -> "Webhook " + d + " failed for good: " + (outcome.status() != null ? "HTTP " + outcome.status() : outcome.error()));
        }
    }

    /** What one attempt got: an HTTP status, or (status null) why there was none. */
    record Outcome(Integer status, String error) {
    }

    private Outcome post(WebhookQueue.Claimed d) {
        URI uri;
        try {
            uri = URI.create(WebhookSubscriptions.checkUrl(d.url()));
        } catch (RuntimeException e) {
            return new Outcome(null, "Not an http(s) address");
        }
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", USER_AGENT)
                .header(EventSignature.EVENT_ID_HEADER, d.eventId())
                .header(EventSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                .header(EventSignature.SIGNATURE_HEADER, EventSignature.sign(d.secret(), timestamp, d.payload()))
                .POST(HttpRequest.BodyPublishers.ofString(d.payload(), StandardCharsets.UTF_8)).build();
        CompletableFuture<HttpResponse<Void>> answer = http.sendAsync(request, HttpResponse.BodyHandlers.discarding());
        try {
            // The whole exchange, body included, within the limit: a receiver trickling its answer holds nothing longer.
            return new Outcome(answer.get(settings.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS).statusCode(), null);
        } catch (TimeoutException e) {
            answer.cancel(true);
            return new Outcome(null, "No answer within " + settings.timeout().toSeconds() + " s");
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            return new Outcome(null, "Interrupted (the console was stopping)");
        } catch (ExecutionException e) {
            return new Outcome(null, describe(e.getCause()));
        }
    }

    /** Why a request got no answer, in words that name no secret (never the URL's query). */
    static String describe(Throwable t) {
        if (t instanceof java.net.http.HttpTimeoutException) {
            return "No answer in time";
        }
        if (t instanceof ConnectException || t != null && t.getCause() instanceof ConnectException) {
            return "Connection refused or unreachable";
        }
        if (t instanceof java.nio.channels.UnresolvedAddressException || t != null && t.getCause() instanceof java.nio.channels.UnresolvedAddressException) {
            return "Unknown host";
        }
        if (t instanceof javax.net.ssl.SSLException) {
            return "TLS failed: " + t.getMessage();
        }
        String name = t == null ? "error" : t.getClass().getSimpleName();
        return "Connection failed (" + name.toLowerCase(Locale.ROOT) + ")";
    }

    /** Requests this instance has under way, for tests. */
    public int inFlight() {
        return inFlight.get();
    }
}
