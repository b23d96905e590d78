package org.smsconsole.web.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.hibernate.Session;
import org.smsconsole.persistence.Jdbc;
import org.smsconsole.web.api.problem.Problem;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code Idempotency-Key} on the API's creating POSTs: a client that did not hear the answer sends the same
 * request again with the same key and gets the first answer again, and nothing is created twice. The key is
 * kept 24 hours per caller (API key or user) with a digest of the request (method, path, body): the same key with
 * another request is refused (422).
 *
 * <p>The key row is written in the same transaction as what the request creates, first: a second request with
 * the same key waits on that row (PostgreSQL's {@code ON CONFLICT} waits for the first transaction; elsewhere it
 * polls) and then answers what the first one committed. A request that fails rolls its key back with everything
 * else, so its retry runs again. Only 2xx answers are kept.
 */
@ApplicationScoped
public class IdempotentRequests {

    public static final String HEADER = "Idempotency-Key";
    static final Duration KEPT = Duration.ofHours(24);
    private static final Duration WAIT_FOR_FIRST = Duration.ofSeconds(30);
    private static final Jsonb JSON = JsonbBuilder.create();
    private static final Response.StatusType UNPROCESSABLE = new Response.StatusType() {
        @Override
        public int getStatusCode() {
            return 422;
        }

        @Override
        public Response.Status.Family getFamily() {
            return Response.Status.Family.CLIENT_ERROR;
        }

        @Override
        public String getReasonPhrase() {
            return "Unprocessable Content";
        }
    };

    @PersistenceContext(unitName = "sms")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    ExpiredIdempotencyKeys expired;

    /** What a creating request answers: its status, Location (or null) and entity, which is written as JSON here. */
    public record Answer(int status, URI location, Object entity) {
    }

    /**
     * Runs {@code request} once per key: without a key, simply runs it. {@code caller} names whose keys these are,
     * {@code fingerprint} the request (method, path and body).
     */
    @Transactional
    public Response answer(String caller, String key, String fingerprint, Supplier<Answer> request) {
        if (key == null) {
            return response(request.get());
        }
        checkKey(key);
        if (expired.due()) {
            expired.forget(); // its own short transaction: this one's is suspended meanwhile
        }
        String hash = sha256(fingerprint);
        long deadline = System.nanoTime() + WAIT_FOR_FIRST.toNanos();
        while (true) {
            Instant now = clock.instant();
            if (claim(caller, key, hash, now)) {
                Answer answer = request.get();
                String body = JSON.toJson(answer.entity());
                if (answer.status() >= 200 && answer.status() < 300) {
                    update("update idempotency_key set status = ?, location = ?, response_body = ? where caller = ? and idem_key = ?",
                            answer.status(), answer.location() == null ? null : answer.location().toString(), body, caller, key);
                }
                return stored(answer.status(), answer.location() == null ? null : answer.location().toString(), body, false);
            }
            Object[] row = row(caller, key);
            if (row != null) {
                if (!hash.equals(row[0])) {
                    throw new WebApplicationException(Problem.of(UNPROCESSABLE,
                            "This Idempotency-Key was used with another request in the last 24 hours; use a new key for a new request",
                            Map.of(HEADER, "used with another request")));
                }
                if (row[1] != null) {
                    return stored(((Number) row[1]).intValue(), (String) row[2], (String) row[3], true);
                }
            }
            if (System.nanoTime() > deadline) {
                throw new WebApplicationException(Problem.of(Response.Status.CONFLICT,
                        "A request with this Idempotency-Key is still being answered; try again later", Map.of(HEADER, "in use")));
            }
            pause(); // the first request with this key is still at work (or rolled back: then this one claims it)
        }
    }

    /** The key is ours when it was free, or only held by an answer older than 24 hours. */
    private boolean claim(String caller, String key, String hash, Instant now) {
        Instant expires = now.plus(KEPT);
        if (update("insert into idempotency_key (caller, idem_key, request_hash, created_at, expires_at) values (?, ?, ?, ?, ?)"
                + " on conflict do nothing", caller, key, hash, now, expires) == 1) {
            return true;
        }
        return update("update idempotency_key set request_hash = ?, status = null, location = null, response_body = null,"
                + " created_at = ?, expires_at = ? where caller = ? and idem_key = ? and expires_at <= ?", hash, now, expires, caller, key, now) == 1;
    }

    /** request_hash, status, location, response_body of a key not yet expired, or null. */
    private Object[] row(String caller, String key) {
        Instant now = clock.instant();
        return em.unwrap(Session.class).doReturningWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("select request_hash, status, location, response_body from idempotency_key"
                    + " where caller = ? and idem_key = ? and expires_at > ?")) {
                ps.setString(1, caller);
                ps.setString(2, key);
                Jdbc.setTime(ps, 3, now);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? new Object[] {rs.getString(1), rs.getObject(2), rs.getString(3), rs.getString(4)} : null;
                }
            }
        });
    }

    private int update(String sql, Object... values) {
        return em.unwrap(Session.class).doReturningWork(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < values.length; i++) {
                    if (values[i] instanceof Instant t) {
                        Jdbc.setTime(ps, i + 1, t);
                    } else {
                        ps.setObject(i + 1, values[i]);
                    }
                }
                return ps.executeUpdate();
            }
        });
    }

    private static Response response(Answer answer) {
        Response.ResponseBuilder r = Response.status(answer.status()).entity(answer.entity());
        return (answer.location() == null ? r : r.location(answer.location())).build();
    }

    private static Response stored(int status, String location, String body, boolean replayed) {
        Response.ResponseBuilder r = Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body);
        if (location != null) {
            r.header(HttpHeaders.LOCATION, location);
        }
        if (replayed) {
            r.header("Idempotent-Replayed", "true");
        }
        return r.build();
    }

    /** 1 to 255 visible ASCII characters (a UUID is the usual choice). */
    private static void checkKey(String key) {
        if (key.isEmpty() || key.length() > 255 || !key.chars().allMatch(ch -> ch > 32 && ch < 127)) {
            throw new WebApplicationException(Problem.of(Response.Status.BAD_REQUEST,
                    "Idempotency-Key must be 1 to 255 visible ASCII characters", Map.of(HEADER, "1 to 255 visible ASCII characters")));
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50); // waiting for the first request with this key to commit or roll back
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the first request with this key", e);
        }
    }
}
