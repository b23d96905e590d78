package org.smsconsole.web.system;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A strict stand-in for Sinch's batches API over real HTTP on 127.0.0.1, in the test's own JVM, for the ways a
 * network lies: a batch applied and its connection dropped with no answer, applied only after the client gave up,
 * applied and answered after the client gave up, a request that hangs and is never applied, error windows. It
 * counts every message per recipient when it applies a batch, and when each {@code POST /batches} arrived and how
 * many messages it carried, so tests can count messages in any rolling second as Sinch would.
 */
final class StrictSinch implements AutoCloseable {

    /** What happens to one {@code POST /batches}. */
    sealed interface Fate permits Answer, Drop, ApplyLate, AnswerLate, Hang, Status {
    }

    /** Applied, 201 at once. */
    record Answer() implements Fate {
    }

    /** Applied, then the connection closed with no status line (a load balancer dropping it). */
    record Drop() implements Fate {
    }

    /** Held without an answer; applied {@code ms} after it arrived (the client timed out before), then closed. */
    record ApplyLate(long ms) implements Fate {
    }

    /** Applied at once; the 201 goes out {@code ms} later (to a client that gave up meanwhile). */
    record AnswerLate(long ms) implements Fate {
    }

    /** Held until the test releases it; never applied. */
    record Hang() implements Fate {
    }

    /** Refused with this status, not applied. */
    record Status(int status) implements Fate {
    }

    /** One POST /batches as it arrived. */
    record Arrival(long atMs, int messages, Fate fate) {
    }

    private record Stored(String id, String clientReference, List<String> to, Instant createdAt, JsonObject request) {
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Stored> batches = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> perRecipient = new ConcurrentHashMap<>();
    private final List<Arrival> arrivals = new CopyOnWriteArrayList<>();
    private final AtomicInteger posts = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private final CountDownLatch hangsEnd = new CountDownLatch(1);
    private volatile IntFunction<Fate> fates = n -> new Answer();
    private volatile int statusWindow;
    private volatile int windowStatus;
    private final List<Long> hangs = new CopyOnWriteArrayList<>(); // when each hung request arrived (ms)

    StrictSinch() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    /** The base URL a Sinch client is given (it appends {@code /xms/v1/{plan}}). */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The fate of each POST /batches from now on, by its number (1, 2, ... counted from the start). */
    void fates(IntFunction<Fate> fates) {
        this.fates = fates;
    }

    int postsSoFar() {
        return posts.get();
    }

    /** The next {@code n} API requests of any kind are refused with {@code status} (nothing applied). */
    synchronized void refuseNext(int n, int status) {
        windowStatus = status;
        statusWindow = n;
    }

    int batchesApplied() {
        return batches.size();
    }

    /** Messages applied for this number (E.164 with +): once is right. */
    int messagesTo(String phone) {
        AtomicInteger n = perRecipient.get(phone.startsWith("+") ? phone.substring(1) : phone);
        return n == null ? 0 : n.get();
    }

    List<Arrival> arrivals() {
        return List.copyOf(arrivals);
    }

    /** When each hung request arrived (ms). */
    List<Long> hangs() {
        return List.copyOf(hangs);
    }

    /** The most messages that arrived within any window of {@code windowMs}, wherever it starts. */
    static long mostInAnyWindow(List<Arrival> arrivals, long windowMs) {
        List<Arrival> sorted = new ArrayList<>(arrivals);
        sorted.sort(java.util.Comparator.comparingLong(Arrival::atMs));
        long most = 0;
        long sum = 0;
        int first = 0;
        for (Arrival a : sorted) {
            sum += a.messages();
            while (sorted.get(first).atMs() <= a.atMs() - windowMs) {
                sum -= sorted.get(first++).messages();
            }
            most = Math.max(most, sum);
        }
        return most;
    }

    private void handle(HttpExchange exchange) throws IOException {
        long arrived = System.currentTimeMillis();
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        requests.incrementAndGet();
        synchronized (this) {
            if (statusWindow > 0) {
                statusWindow--;
                send(exchange, windowStatus, "{\"code\":\"fault\",\"text\":\"refused by the test\"}");
                return;
            }
        }
        String[] parts = path.split("/"); // "", xms, v1, plan, batches, id?
        if (parts.length < 5) {
            send(exchange, 404, "{\"code\":\"not_found\",\"text\":\"" + path + "\"}");
            return;
        }
        String resource = parts[4];
        if ("batches".equals(resource) && parts.length == 5 && "POST".equals(method)) {
            post(exchange, arrived, body);
        } else if ("batches".equals(resource) && parts.length == 5 && "GET".equals(method)) {
            list(exchange, exchange.getRequestURI());
        } else if ("batches".equals(resource) && parts.length == 6 && "DELETE".equals(method)) {
            Stored b = batches.stream().filter(s -> s.id().equals(parts[5])).findFirst().orElse(null);
            send(exchange, b == null ? 404 : 200, b == null ? "{\"code\":\"not_found\",\"text\":\"no batch\"}" : json(b, true).toString());
        } else if ("delivery_reports".equals(resource) || "inbounds".equals(resource)) {
            send(exchange, 200, "{\"count\":0,\"page\":0,\"page_size\":0,\"" + resource + "\":[]}");
        } else {
            send(exchange, 404, "{\"code\":\"not_found\",\"text\":\"" + path + "\"}");
        }
    }

    private void post(HttpExchange exchange, long arrived, String body) throws IOException {
        JsonObject request = Json.createReader(new StringReader(body)).readObject();
        List<String> to = request.getJsonArray("to").getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).toList();
        Fate fate = fates.apply(posts.incrementAndGet());
        arrivals.add(new Arrival(arrived, to.size(), fate));
        try {
            if (fate instanceof Answer) {
                send(exchange, 201, json(apply(request, to), false).toString());
            } else if (fate instanceof Drop) {
                apply(request, to);
                exchange.close(); // no response header sent: the connection closes without a status line
            } else if (fate instanceof ApplyLate late) {
                Thread.sleep(late.ms());
                apply(request, to);
                exchange.close();
            } else if (fate instanceof AnswerLate late) {
                Stored stored = apply(request, to);
                Thread.sleep(late.ms());
                send(exchange, 201, json(stored, false).toString());
            } else if (fate instanceof Hang) {
                hangs.add(arrived);
                hangsEnd.await(120, TimeUnit.SECONDS); // the client gives up at its read timeout; this side stays until the end
                exchange.close();
            } else if (fate instanceof Status st) {
                send(exchange, st.status(), "{\"code\":\"fault\",\"text\":\"refused by the test\"}");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException clientGone) {
            // the client closed the connection first: what was applied stays applied, as at Sinch
        }
    }

    private Stored apply(JsonObject request, List<String> to) {
        Stored stored = new Stored(UUID.randomUUID().toString().replace("-", "").substring(0, 26).toUpperCase(),
                request.containsKey("client_reference") ? request.getString("client_reference") : null, to, Instant.now(), request);
        batches.add(stored);
        for (String n : to) {
            perRecipient.computeIfAbsent(n, k -> new AtomicInteger()).incrementAndGet();
        }
        return stored;
    }

    private void list(HttpExchange exchange, URI uri) throws IOException {
        Map<String, String> query = new HashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    query.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        String reference = query.get("client_reference");
        List<Stored> found = batches.stream().filter(b -> reference == null || reference.equals(b.clientReference())).toList();
        int size = Integer.parseInt(query.getOrDefault("page_size", "30"));
        JsonArrayBuilder items = Json.createArrayBuilder();
        found.stream().limit(size).forEach(b -> items.add(json(b, false)));
        send(exchange, 200, Json.createObjectBuilder().add("count", found.size()).add("page", 0)
                .add("page_size", Math.min(size, found.size())).add("batches", items).build().toString());
    }

    private static JsonObject json(Stored b, boolean canceled) {
        JsonArrayBuilder to = Json.createArrayBuilder();
        b.to().forEach(to::add);
        JsonObjectBuilder o = Json.createObjectBuilder().add("id", b.id()).add("type", "mt_text").add("to", to)
                .add("body", b.request().getOrDefault("body", JsonValue.EMPTY_JSON_OBJECT) instanceof jakarta.json.JsonString s ? s.getString() : "")
                .add("canceled", canceled).add("created_at", b.createdAt().toString()).add("modified_at", b.createdAt().toString());
        if (b.clientReference() != null) {
            o.add("client_reference", b.clientReference());
        }
        return o.build();
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
        exchange.close();
    }

    @Override
    public void close() {
        hangsEnd.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
