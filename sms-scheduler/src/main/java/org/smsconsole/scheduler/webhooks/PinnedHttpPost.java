package org.smsconsole.scheduler.webhooks;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One HTTP/1.1 POST to an address that was checked beforehand ({@code WebhookAddresses}): the socket connects to
 * that very address, so a DNS answer that changes between the check and the request (rebinding) cannot send it
 * elsewhere. The JDK's HttpClient resolves names itself, with no way (before Java 18) to hand it the address.
 * TLS is the JDK's own, with the URL's host for SNI and for checking the certificate. The whole exchange, up to
 * the status line, has one time limit; the answer's body is not read. {@code Connection: close}, nothing reused.
 */
final class PinnedHttpPost {

    private static final int MAX_STATUS_LINE = 8192;

    private PinnedHttpPost() {
    }

    /** Why no HTTP status came back: kept for the server's log, never for the delivery log (see the dispatcher). */
    static final class NoAnswer extends IOException {
        NoAnswer(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The answer's status code. */
    static int post(URI uri, List<InetAddress> addresses, Map<String, String> headers, byte[] body, Duration limit) throws NoAnswer {
        long deadline = System.nanoTime() + limit.toNanos();
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() > 0 ? uri.getPort() : https ? 443 : 80;
        String host = uri.getHost();
        IOException last = null;
        for (InetAddress address : addresses) {
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(address, port), remaining(deadline));
            } catch (IOException e) {
                close(socket);
                last = e;
                continue; // the next checked address, if any
            }
            try (Socket s = https ? tls(socket, host, port, deadline) : socket) {
                return exchange(s, uri, host, port, https, headers, body, deadline);
            } catch (IOException e) {
                throw new NoAnswer("no answer from " + address + ":" + port + ": " + e, e);
            }
        }
        throw new NoAnswer("no connection to " + addresses + ":" + port + ": " + last, last);
    }

    private static Socket tls(Socket plain, String host, int port, long deadline) throws IOException {
        SSLSocket tls = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault()).createSocket(plain, stripBrackets(host), port, true);
        SSLParameters parameters = tls.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the URL's host
        if (!host.startsWith("[") && !host.matches("[0-9.]+")) {
            parameters.setServerNames(List.of(new SNIHostName(host)));
        }
        tls.setSSLParameters(parameters);
        tls.setSoTimeout(remaining(deadline));
        tls.startHandshake();
        return tls;
    }

    private static int exchange(Socket s, URI uri, String host, int port, boolean https, Map<String, String> headers, byte[] body,
                                long deadline) throws IOException {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        StringBuilder head = new StringBuilder("POST ").append(path).append(uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
                .append(" HTTP/1.1\r\nHost: ").append(host).append(port == (https ? 443 : 80) ? "" : ":" + port).append("\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("Content-Length: ").append(body.length).append("\r\nConnection: close\r\n\r\n");
        s.setSoTimeout(remaining(deadline));
        OutputStream out = s.getOutputStream();
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
        return status(s, deadline);
    }

    /** The final status: reads status lines (skipping 1xx answers and their headers), each read within the time limit. */
    private static int status(Socket s, long deadline) throws IOException {
        InputStream in = s.getInputStream();
        while (true) {
            String[] parts = line(s, in, deadline).split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || !parts[1].matches("[1-5][0-9][0-9]")) {
                throw new IOException("not an HTTP answer");
            }
            int status = Integer.parseInt(parts[1]);
            if (status >= 200) {
                return status;
            }
            while (!line(s, in, deadline).isEmpty()) {
                // the headers of an informational answer (103 Early Hints): the real one follows
            }
        }
    }

    private static String line(Socket s, InputStream in, long deadline) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            s.setSoTimeout(remaining(deadline));
            int b = in.read();
            if (b < 0) {
                throw new IOException("the connection closed before the answer's status");
            }
            if (b == '\n') {
                return line.toString(StandardCharsets.ISO_8859_1).strip();
            }
            line.write(b);
            if (line.size() > MAX_STATUS_LINE) {
                throw new IOException("no HTTP status line");
            }
        }
    }

    private static int remaining(long deadline) throws SocketTimeoutException {
        long ms = (deadline - System.nanoTime()) / 1_000_000;
        if (ms <= 0) {
            throw new SocketTimeoutException("time limit reached");
        }
        return (int) Math.min(Integer.MAX_VALUE, ms);
    }

    private static String stripBrackets(String host) {
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing was sent on it
        }
    }
}
