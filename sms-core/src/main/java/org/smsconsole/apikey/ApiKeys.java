package org.smsconsole.apikey;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.smsconsole.audit.AuditLog;
import org.smsconsole.user.Role;
import org.smsconsole.validation.InvalidInputException;
import org.smsconsole.validation.NotFoundException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * API keys: {@code smsk_<prefix>_<secret>}. The prefix finds the row, the secret is compared by
 * its SHA-256 in constant time (a long random secret needs no slow hash). Shown once, at creation.
 */
@ApplicationScoped
@Transactional
public class ApiKeys {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    @PersistenceContext(unitName = "sms")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    AuditLog audit;

    /** A key just made: the only moment its full text exists. */
    public record CreatedKey(long id, String name, Role role, String key) {
    }

    /** Who a valid key acts as. */
    public record KeyCaller(String name, Role role) {
    }

    public CreatedKey create(String name, Role role, String createdBy) {
        String cleanName = name == null ? "" : name.strip();
        if (cleanName.isEmpty() || cleanName.length() > 100) {
            throw new InvalidInputException("name", "A key needs a name of 1 to 100 characters");
        }
        if (role == null) {
            throw new InvalidInputException("role", "Choose the role the key acts in");
        }
        String prefix = random(8);
        String secret = random(32);
        ApiKey key = new ApiKey(cleanName, prefix, sha256(secret), role, createdBy, clock.instant());
        em.persist(key);
        em.flush();
        audit.record("API_KEY_CREATED", "api key " + key.getId() + " " + cleanName, "role " + role);
        return new CreatedKey(key.getId(), cleanName, role, "smsk_" + prefix + "_" + secret);
    }

    public void revoke(long id) {
        ApiKey key = em.find(ApiKey.class, id);
        if (key == null) {
            throw new NotFoundException("API key", id);
        }
        key.revoke(clock.instant());
        audit.record("API_KEY_REVOKED", "api key " + id + " " + key.getName(), null);
    }

    public List<ApiKey> all() {
        return em.createQuery("select k from ApiKey k order by k.createdAt desc, k.id desc", ApiKey.class).getResultList();
    }

    /** The caller a presented key stands for, if it is a live key. */
    public Optional<KeyCaller> authenticate(String presented) {
        if (presented == null || !presented.startsWith("smsk_") || presented.length() > 100) {
            return Optional.empty();
        }
        String[] parts = presented.split("_", 3);
        if (parts.length != 3) {
            return Optional.empty();
        }
        Optional<ApiKey> key = em.createQuery("select k from ApiKey k where k.prefix = :p and k.revokedAt is null", ApiKey.class)
                .setParameter("p", parts[1]).getResultStream().findFirst();
        if (key.isEmpty() || !MessageDigest.isEqual(
                key.get().getSecretHash().getBytes(StandardCharsets.US_ASCII), sha256(parts[2]).getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        key.get().used(clock.instant());
        return Optional.of(new KeyCaller("apikey:" + key.get().getName(), key.get().getRole()));
    }

    private static String random(int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return out.toString();
    }

    private static String sha256(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
