package org.smsconsole.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Random values each installation makes for itself on its first start and keeps, sealed, in
 * {@code console_setting} (names starting {@code installation.}, which no environment variable overrides): the
 * secret part of the Sinch callback URL and the built-in sandbox's credentials. Kept in the database, so every
 * instance of one installation agrees on them; made once, by whichever instance asks first.
 */
@ApplicationScoped
public class InstallationSecrets {

    public static final String SINCH_CALLBACK_TOKEN = "installation.sinch_callback_token";
    public static final String SANDBOX_SERVICE_PLAN_ID = "installation.sandbox_service_plan_id";
    public static final String SANDBOX_API_TOKEN = "installation.sandbox_api_token";
    /** Every name this class keeps; all are sealed. */
    public static final List<String> NAMES = List.of(SINCH_CALLBACK_TOKEN, SANDBOX_SERVICE_PLAN_ID, SANDBOX_API_TOKEN);
    private static final String ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(InstallationSecrets.class.getName());

    @PersistenceContext(unitName = "sms")
    EntityManager em;

    @Inject
    Clock clock;

    /** They never change once made: read once per instance. */
    private final Map<String, String> known = new ConcurrentHashMap<>();

    /**
     * The value of {@code name}, made now ({@code length} random letters and digits) if this installation has none,
     * or has one sealed with a key it no longer has.
     */
    @Transactional
    public String get(String name, int length) {
        String value = known.get(name);
        if (value == null) {
            value = readOrMake(name, length);
            known.put(name, value);
        }
        return value;
    }

    private String readOrMake(String name, int length) {
        // Another instance may make it at the same moment: the first insert wins, both read the winner.
        em.createNativeQuery("insert into console_setting (name, setting_value, updated_by, updated_at) values (?1, ?2, 'system', ?3)"
                        + " on conflict do nothing")
                .setParameter(1, name).setParameter(2, SecretBox.installation().seal(name, random(length)))
                .setParameter(3, clock.instant()).executeUpdate();
        String sealed = read(name);
        try {
            return SecretBox.installation().open(name, sealed);
        } catch (SecretBox.UnreadableSecretException e) {
            // Sealed with a key this installation no longer has: the value is lost either way, so a new one replaces it
            // (for the callback token: Sinch's dashboard must then be given the new callback URL).
            LOG.severe(() -> name + " was sealed with another secrets key; a new one is made. " + e.getMessage());
            em.createNativeQuery("update console_setting set setting_value = ?1, updated_at = ?2 where name = ?3 and setting_value = ?4")
                    .setParameter(1, SecretBox.installation().seal(name, random(length))).setParameter(2, clock.instant())
                    .setParameter(3, name).setParameter(4, sealed).executeUpdate();
            return SecretBox.installation().open(name, read(name));
        }
    }

    private String read(String name) {
        return (String) em.createNativeQuery("select setting_value from console_setting where name = ?1")
                .setParameter(1, name).getSingleResult();
    }

    static String random(int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return out.toString();
    }
}
