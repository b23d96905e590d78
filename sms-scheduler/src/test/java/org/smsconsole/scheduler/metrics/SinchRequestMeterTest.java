package org.smsconsole.scheduler.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.persistence.PersistenceException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smsconsole.sinch.SinchClient;
import org.smsconsole.sinch.SinchConfig;
import org.smsconsole.sinch.SinchException;
import org.smsconsole.sinch.batch.TextRequest;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The meter registered on a real Sinch client over real HTTP (Jersey, as in Payara): answers by status, and
 * requests that get no answer by how they failed, each under its operation; callers still see what they saw.
 */
class SinchRequestMeterTest {

    private static final String BATCH = "{\"id\":\"01FC66621XXXXX119Z8PMV1QPQ\",\"type\":\"mt_text\",\"from\":\"12345\","
            + "\"to\":[\"15551231234\"],\"body\":\"Hello\",\"canceled\":false,"
            + "\"created_at\":\"2025-06-01T12:00:00.000Z\",\"modified_at\":\"2025-06-01T12:00:00.000Z\"}";

    private final ConsoleMetrics metrics = new ConsoleMetrics();
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final CountDownLatch hung = new CountDownLatch(1);
    private HttpServer server;

    @BeforeEach
    void start() throws IOException {
        metrics.census = new DatabaseCensus() {
            @Override
            DatabaseReading read() {
                throw new PersistenceException("no database in this test");
            }
        };
        metrics.define();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.setExecutor(executor);
        server.start();
    }

    @AfterEach
    void stop() {
        hung.countDown();
        server.stop(0);
        executor.shutdownNow();
        metrics.close();
    }

    /** POST batches: 201; GET batches/slow: no answer; any other GET: 503. */
    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (path.endsWith("/batches/slow")) {
            try {
                hung.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
            return;
        }
        boolean send = exchange.getRequestMethod().equals("POST");
        byte[] body = (send ? BATCH : "{\"code\":\"internal_error\",\"text\":\"try later\"}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(send ? 201 : 503, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private SinchClient client(String root) {
        SinchConfig config = SinchConfig.builder().baseUrl(root).servicePlan("plan-1", "token-1")
                .connectTimeout(Duration.ofSeconds(2)).readTimeout(Duration.ofMillis(300)).build();
        return SinchClient.create(config, metrics.sinchRequestMeter());
    }

    private String root() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Test
    void answersAreCountedByOperationAndStatusAndTimed() {
        try (SinchClient sinch = client(root())) {
            sinch.batches().send(TextRequest.builder().to("15551231234").body("Hello").build());
            sinch.batches().send(TextRequest.builder().to("15551231234").body("Hello again").build());
            SinchException e = assertThrows(SinchException.class, () -> sinch.batches().get("01FC66621XXXXX119Z8PMV1QPQ"));
            assertEquals(503, e.status());
        }
        Scrape scrape = Scrape.of(metrics.scrape());
        assertEquals(2.0, scrape.value("sms_sinch_requests_total{operation=\"POST batches\",status=\"201\"}"));
        assertEquals(1.0, scrape.value("sms_sinch_requests_total{operation=\"GET batches/{id}\",status=\"503\"}"));
        assertEquals(2.0, scrape.value("sms_sinch_request_seconds_count{operation=\"POST batches\"}"));
        assertEquals(2.0, scrape.value("sms_sinch_request_seconds_bucket{operation=\"POST batches\",le=\"+Inf\"}"));
        assertEquals("histogram", scrape.type("sms_sinch_request_seconds"));
    }

    @Test
    void requestsThatGetNoAnswerAreCountedByHowTheyFailedAndCallersStillSeeThat() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        try (SinchClient refused = client("http://127.0.0.1:" + closedPort); SinchClient slow = client(root())) {
            SinchException e = assertThrows(SinchException.class, () -> refused.batches().send(TextRequest.builder().to("15551231234").body("Hi").build()));
            assertEquals(SinchException.CONNECTION_REFUSED, e.code());
            assertEquals(true, e.certainlyNotApplied(), "the meter changes nothing of what the release engine reads");
            SinchException timeout = assertThrows(SinchException.class, () -> slow.batches().get("slow"));
            assertEquals(SinchException.TIMEOUT, timeout.code());
        }
        Scrape scrape = Scrape.of(metrics.scrape());
        assertEquals(1.0, scrape.value("sms_sinch_requests_total{operation=\"POST batches\",status=\"connection_refused\"}"));
        assertEquals(1.0, scrape.value("sms_sinch_requests_total{operation=\"GET batches/{id}\",status=\"timeout\"}"));
        assertEquals(1.0, scrape.value("sms_sinch_request_seconds_count{operation=\"GET batches/{id}\"}"));
        assertEquals(0.0, scrape.value("sms_sinch_request_seconds_bucket{operation=\"GET batches/{id}\",le=\"0.25\"}"),
                "the timeout took the read timeout (300 ms)");
    }
}
