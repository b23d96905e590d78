package org.smsconsole.sinch;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.Type;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.smsconsole.sinch.auth.OAuthTokenSource;
import org.smsconsole.sinch.auth.TokenSource;

/**
 * HTTP to Sinch over the JAX-RS client: JSON written and read with {@link SinchJson} as text
 * (no provider discovery), Bearer auth (one retry with a new OAuth token when a 401 says
 * {@code expired}), User-Agent, and every failure turned into a {@link SinchException}.
 *
 * <p>Each request carries the property {@link #OPERATION}, the method and path template it was made from
 * ({@code POST batches}, {@code GET batches/{id}}), so that a JAX-RS filter registered from outside (see
 * {@link SinchClient#create(SinchConfig, Object...)}) can tell operations apart without parsing ids out of URLs.
 *
 * <p>No layer below resends a request on its own: Jersey's default connector (the JDK's
 * HttpURLConnection) silently sends a POST again when the connection closes without an answer
 * ({@code sun.net.http.retryPost}), which sends a whole batch twice. The client runs on Jersey's
 * {@code java.net.http} connector instead, whose HTTP client retries only GET and HEAD, and only
 * when the connection had gone stale, or a connection that was refused (nothing left). Every
 * other retry is the caller's decision; see docs/sinch-client.md.
 */
public final class SinchTransport implements AutoCloseable {
    /** The request property naming the operation, e.g. {@code POST batches} or {@code POST /oauth2/token}. */
    public static final String OPERATION = "org.smsconsole.sinch.operation";
    /** Jersey's connector over {@code java.net.http.HttpClient} (jersey-jnh-connector, shipped with the console). */
    public static final String CONNECTOR_PROVIDER = "org.glassfish.jersey.jnh.connector.JavaNetHttpConnectorProvider";
    private static final String CONNECTOR_PROPERTY = "jersey.config.client.connector.provider";
    private static final String HTTP_VERSION_PROPERTY = "jersey.config.jnh.client.httpVersion";

    private final Client client;
    private final WebTarget api;
    private final TokenSource tokens;
    private final String userAgent;

    public SinchTransport(SinchConfig config) {
        this(config, List.of());
    }

    /** @param components JAX-RS providers (filters, interceptors) registered on the client as they are */
    public SinchTransport(SinchConfig config, List<Object> components) {
        requireConnector();
        // The connector is named, not referenced, so this stays plain JAX-RS; Jersey loads it through the
        // context class loader (the application's, inside Payara, where Jersey itself is the server's).
        ClientBuilder builder = ClientBuilder.newBuilder()
                .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .property(CONNECTOR_PROPERTY, CONNECTOR_PROVIDER)
                .property(HTTP_VERSION_PROPERTY, HttpClient.Version.HTTP_1_1);
        components.forEach(builder::register);
        this.client = builder.build();
        this.api = client.target(config.apiBase());
        this.userAgent = config.userAgent();
        this.tokens = config.usesOAuth() ? new OAuthTokenSource(this, config) : TokenSource.fixed(config.apiToken());
    }

    public Client client() {
        return client;
    }

    /** Without the connector Jersey would quietly use HttpURLConnection, which re-sends POSTs: refuse to start instead. */
    private static void requireConnector() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try {
            Class.forName(CONNECTOR_PROVIDER, false, loader != null ? loader : SinchTransport.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("The Sinch client needs org.glassfish.jersey.connectors:jersey-jnh-connector on the class path: "
                    + "the default connector (HttpURLConnection) would send a batch twice when a connection drops", e);
        }
    }

    /** A call relative to the API base, e.g. {@code call("GET", "batches/{id}")}. */
    public Call call(String method, String pathTemplate) {
        return new Call(method, pathTemplate);
    }

    /**
     * One exchange with any endpoint; returns the body of a 2xx answer.
     *
     * @throws SinchException for any other answer or no answer
     */
    public String exchange(String method, WebTarget target, String header, String value, Entity<?> entity) {
        return read(method, target, invoke(method + " " + target.getUri().getPath(), method, target, header, value, entity));
    }

    private Response invoke(String operation, String method, WebTarget target, String header, String value, Entity<?> entity) {
        Invocation.Builder request = target.request(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.USER_AGENT, userAgent)
                .header(header, value)
                .property(OPERATION, operation);
        try {
            return entity == null ? request.method(method) : request.method(method, entity);
        } catch (ProcessingException e) {
            throw transportFailure(method, target, e);
        }
    }

    private static String read(String method, WebTarget target, Response response) {
        try (response) {
            String body = response.hasEntity() ? response.readEntity(String.class) : "";
            int status = response.getStatus();
            if (status >= 200 && status < 300) {
                return body;
            }
            throw SinchException.ofResponse(method, target.getUri().getPath(), status, error(body));
        } catch (ProcessingException e) {
            throw transportFailure(method, target, e);
        }
    }

    /** Sinch's {@code {code, text}}, or the raw text (shortened) when the body is something else. */
    private static SinchError error(String body) {
        try {
            JsonValue tree = SinchJson.tree(body);
            if (tree instanceof JsonObject o && o.containsKey("code")) {
                return SinchJson.read(body, SinchError.class);
            }
        } catch (RuntimeException notJson) {
            // fall through: a proxy's HTML page, an empty body
        }
        return new SinchError(null, body.length() > 500 ? body.substring(0, 500) : body);
    }

    private static SinchException transportFailure(String method, WebTarget target, ProcessingException e) {
        String path = target.getUri().getPath();
        String code = failureCode(e);
        boolean requestSent = switch (code) {
            case SinchException.CONNECTION_REFUSED -> false;
            // "connect timed out": the request never left; a read timeout: it may have been applied.
            case SinchException.TIMEOUT -> !connectTimedOut(e);
            default -> true;
        };
        return SinchException.ofTransport(method, path, code, requestSent, e);
    }

    /**
     * What kind of transport failure this is: {@link SinchException#CONNECTION_REFUSED} (also no route, unknown
     * host), {@link SinchException#TIMEOUT} or {@link SinchException#CONNECTION_BROKEN}.
     */
    public static String failureCode(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof NoRouteToHostException || t instanceof UnknownHostException) {
                return SinchException.CONNECTION_REFUSED;
            }
            if (t instanceof SocketTimeoutException || t instanceof HttpTimeoutException) {
                return SinchException.TIMEOUT;
            }
        }
        return SinchException.CONNECTION_BROKEN;
    }

    private static boolean connectTimedOut(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof HttpConnectTimeoutException) {
                return true;
            }
            if (t instanceof HttpTimeoutException) {
                return false; // java.net.http's request timeout counts from the start: the request may have left
            }
            if (t instanceof SocketTimeoutException) {
                return String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT).contains("connect");
            }
        }
        return false;
    }

    @Override
    public void close() {
        client.close();
    }

    /** A request being built: path parameters, query, JSON body. */
    public final class Call {
        private final String method;
        private final String template;
        private final Map<String, Object> pathParams = new LinkedHashMap<>();
        private final List<String[]> query = new ArrayList<>();
        private Object body;
        private String json;

        private Call(String method, String template) {
            this.method = method;
            this.template = template;
        }

        public Call path(String name, String value) {
            pathParams.put(name, value);
            return this;
        }

        /** Skips nulls and empty collections; instants as ISO-8601 UTC, collections comma-joined. */
        public Call query(String name, Object value) {
            if (value instanceof Collection<?> c) {
                value = c.isEmpty() ? null : c.stream().map(String::valueOf).collect(Collectors.joining(","));
            } else if (value instanceof Instant i) {
                value = SinchJson.format(i);
            }
            if (value != null) {
                query.add(new String[] {name, String.valueOf(value)});
            }
            return this;
        }

        /** A body already written as JSON (see {@code Batches.prepare}). */
        public Call json(String json) {
            this.json = json;
            return this;
        }

        public Call body(Object body) {
            this.body = body;
            return this;
        }

        public <T> T as(Class<T> type) {
            return SinchJson.read(send(), type);
        }

        public <T> T as(Type type) {
            return SinchJson.read(send(), type);
        }

        /** Sends; returns the raw 2xx body (empty for delivery feedback and group delete). */
        public String send() {
            WebTarget target = target();
            String text = json != null ? json : body == null ? null : SinchJson.write(body);
            Entity<String> entity = text == null ? null : Entity.entity(text, MediaType.APPLICATION_JSON_TYPE);
            String token = tokens.token();
            String operation = method + " " + template;
            Response response = invoke(operation, method, target, HttpHeaders.AUTHORIZATION, "Bearer " + token, entity);
            if (response.getStatus() == 401 && saysExpired(response) && tokens.expired(token)) {
                response.close();
                response = invoke(operation, method, target, HttpHeaders.AUTHORIZATION, "Bearer " + tokens.token(), entity);
            }
            return read(method, target, response);
        }

        private WebTarget target() {
            WebTarget target = api.path(template).resolveTemplates(pathParams);
            // Values go in as templates resolved from encoded text, so that '{', '+' and '&' survive intact.
            for (int i = 0; i < query.size(); i++) {
                String[] q = query.get(i);
                String encoded = URLEncoder.encode(q[1], StandardCharsets.UTF_8).replace("+", "%20");
                target = target.queryParam(q[0], "{q" + i + "}").resolveTemplateFromEncoded("q" + i, encoded);
            }
            return target;
        }

        private boolean saysExpired(Response response) {
            String challenge = response.getHeaderString(HttpHeaders.WWW_AUTHENTICATE);
            return challenge != null && challenge.toLowerCase(Locale.ROOT).contains("expired");
        }
    }
}
