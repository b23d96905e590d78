package org.smsconsole.scheduler.webhooks;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The webhook request goes to the address that was checked, never to a fresh DNS answer, within one time limit. */
class PinnedHttpPostTest {

    private final ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());

    PinnedHttpPostTest() throws IOException {
    }

    @AfterEach
    void close() throws IOException {
        server.close();
    }

    private static final List<InetAddress> LOOPBACK = List.of(InetAddress.getLoopbackAddress());

    /** Accepts one connection, reads the request head and body, answers {@code answer}; completes with what it read. */
    private CompletableFuture<String> answer(String answer) {
        return CompletableFuture.supplyAsync(() -> {
            try (Socket s = server.accept()) {
                String request = read(s.getInputStream());
                OutputStream out = s.getOutputStream();
                out.write(answer.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                return request;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static String read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            head.write(in.read());
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        int length = Integer.parseInt(text.replaceAll("(?s).*Content-Length: (\\d+).*", "$1"));
        return text + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    @Test
    void theRequestConnectsToTheCheckedAddressAndNamesTheUrlsHost() throws Exception {
        CompletableFuture<String> seen = answer("HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n");
        // A name that resolves nowhere: the request must not look it up, only connect where it was told.
        URI uri = URI.create("http://hooks.rebinding.test:" + server.getLocalPort() + "/in/sms?tenant=7");
        int status = PinnedHttpPost.post(uri, LOOPBACK, Map.of("X-Webhook-Id", "evt_1"), "{\"a\":1}".getBytes(StandardCharsets.UTF_8),
                Duration.ofSeconds(5));
        assertEquals(204, status);
        String request = seen.get(5, TimeUnit.SECONDS);
        assertTrue(request.startsWith("POST /in/sms?tenant=7 HTTP/1.1\r\n"), request);
        assertTrue(request.contains("\r\nHost: hooks.rebinding.test:" + server.getLocalPort() + "\r\n"), request);
        assertTrue(request.contains("\r\nX-Webhook-Id: evt_1\r\n") && request.contains("\r\nConnection: close\r\n"), request);
        assertTrue(request.endsWith("\r\n\r\n{\"a\":1}"), request);
    }

    @Test
    void anInformationalAnswerIsSkippedForTheFinalOne() throws Exception {
        answer("HTTP/1.1 103 Early Hints\r\nLink: </a.css>\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
        assertEquals(200, PinnedHttpPost.post(URI.create("http://h.test:" + server.getLocalPort() + "/"), LOOPBACK, Map.of(),
                new byte[0], Duration.ofSeconds(5)));
    }

    @Test
    void aSilentReceiverATricklingOneAndAClosedPortAllEndWithinTheLimitAsNoAnswer() throws Exception {
        CompletableFuture.runAsync(() -> {
            try (Socket s = server.accept()) {
                read(s.getInputStream());
                for (int i = 0; i < 50; i++) { // one byte every 100 ms: never a whole status line in time
                    s.getOutputStream().write('H');
                    s.getOutputStream().flush();
                    TimeUnit.MILLISECONDS.sleep(100);
                }
            } catch (IOException | InterruptedException e) {
                // the client gave up
            }
        });
        long start = System.nanoTime();
        assertThrows(PinnedHttpPost.NoAnswer.class, () -> PinnedHttpPost.post(URI.create("http://h.test:" + server.getLocalPort() + "/"),
                LOOPBACK, Map.of(), new byte[0], Duration.ofMillis(600)));
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertTrue(tookMs < 1500, "gave up after " + tookMs + " ms");

        int closed;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = probe.getLocalPort();
        }
        assertThrows(PinnedHttpPost.NoAnswer.class, () -> PinnedHttpPost.post(URI.create("http://h.test:" + closed + "/"),
                LOOPBACK, Map.of(), new byte[0], Duration.ofSeconds(2)));
    }

    @Test
    void somethingThatIsNotHttpIsNoAnswer() throws Exception {
        answer("SSH-2.0-OpenSSH_9.2\r\n");
        assertThrows(PinnedHttpPost.NoAnswer.class, () -> PinnedHttpPost.post(URI.create("http://h.test:" + server.getLocalPort() + "/"),
                LOOPBACK, Map.of(), new byte[0], Duration.ofSeconds(2)));
    }
}
