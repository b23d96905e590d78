package org.smsconsole.sinch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** A real HTTP server on 127.0.0.1 standing in for Sinch: answers what a test queued, records what it got. */
final class FakeSinch implements AutoCloseable {
    record Received(String method, String path, String query, String rawQuery, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        JsonValue json() {
            return SinchJson.tree(body);
        }
    }

    private record Answer(int status, String body, Map<String, String> headers, boolean hang, boolean drop) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Deque<Answer> answers = new ArrayDeque<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);

    FakeSinch() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    String root() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    FakeSinch answer(int status, String body) {
        return answer(status, body, Map.of());
    }

    synchronized FakeSinch answer(int status, String body, Map<String, String> headers) {
        answers.add(new Answer(status, body, headers, false, false));
        return this;
    }

    /** The next request gets no answer until the server closes (the client's read timeout fires first). */
    synchronized FakeSinch hang() {
        answers.add(new Answer(0, null, Map.of(), true, false));
        return this;
    }

    /** The next request is read whole, then the connection is closed without a status line (a load balancer dropping it). */
    synchronized FakeSinch drop() {
        answers.add(new Answer(0, null, Map.of(), false, true));
        return this;
    }

    List<Received> received() {
        return received;
    }

    /** The one request received since the last call, asserting method and path. */
    Received only(String method, String path) {
        assertEquals(1, received.size(), "requests: " + received);
        Received r = received.remove(0);
        assertEquals(method, r.method());
        assertEquals(path, r.path());
        return r;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getQuery(), exchange.getRequestURI().getRawQuery(), Map.copyOf(exchange.getRequestHeaders()), body));
            Answer answer;
            synchronized (this) {
                answer = answers.poll();
            }
            assertNotNull(answer, "no answer queued for " + exchange.getRequestURI());
            if (answer.drop()) {
                return; // closing the exchange before any response header closes the connection
            }
            if (answer.hang()) {
                release.await(10, TimeUnit.SECONDS);
                return;
            }
            answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            byte[] bytes = answer.body() == null ? new byte[0] : answer.body().getBytes(StandardCharsets.UTF_8);
            if (bytes.length > 0) {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
            }
            exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
