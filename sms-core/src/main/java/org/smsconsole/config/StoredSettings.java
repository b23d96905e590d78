package org.smsconsole.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.security.enterprise.SecurityContext;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.ConfigProvider;
import org.smsconsole.audit.AuditLog;
import org.smsconsole.message.Senders;
import org.smsconsole.validation.InvalidInputException;

import java.net.URI;
import java.security.Principal;
import java.time.Clock;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The settings staff store on the Settings screen, and the one rule for reading any of them: an
 * environment variable or system property of the setting's name wins over what is stored.
 *
 * <p>Secrets are sealed ({@link SecretBox}, AES-GCM with a key kept outside the database), so a copy of the
 * database does not give them away. They are never logged, audited with their value, or sent back to a browser.
 * A sealed value this installation's key cannot open counts as set (the console does not fall back to the
 * sandbox because a key was lost) but has no value: the Settings screen asks for it again.
 *
 * <p>Stored values are read at most every few seconds per instance (the release loop asks every tick,
 * an import once per row); another instance sees a change within that time.
 */
@ApplicationScoped
@Transactional
public class StoredSettings {

    static final long CACHE_NANOS = 3_000_000_000L;
    /** A day at least: replies to read and delivery reports to match arrive within hours of a send. */
    public static final int MIN_RETENTION_DAYS = 1;
    /** Ten years: beyond that "keep forever" (empty) says what is meant. */
    public static final int MAX_RETENTION_DAYS = 3650;
    private static final Set<String> REGIONS = com.google.i18n.phonenumbers.PhoneNumberUtil.getInstance().getSupportedRegions();

    @PersistenceContext(unitName = "sms")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    AuditLog audit;

    @Inject
    SecurityContext securityContext;

    /** MicroProfile Config: system properties, then environment variables, then microprofile-config.properties. */
    Function<String, Optional<String>> environment = name -> ConfigProvider.getConfig().getOptionalValue(name, String.class);

    /** At most this long, so that the sealed value fits the column ({@code varchar(2000)}). */
    static final int MAX_SECRET = 1000;

    private volatile Snapshot cache;
    private volatile long loadedAt;

    /** The stored values (secrets opened) and the secrets that are stored but cannot be opened. */
    private record Snapshot(Map<Setting, String> values, Set<Setting> unreadable) {
    }

    /** The value in force: the environment's, else the stored one; empty when neither is set. */
    public Optional<String> value(Setting setting) {
        Optional<String> env = fromEnvironment(setting);
        return env.isPresent() ? env : stored(setting);
    }

    /** Set by an environment variable or system property: the screen shows it read-only. */
    public boolean setByEnvironment(Setting setting) {
        return fromEnvironment(setting).isPresent();
    }

    public Optional<String> fromEnvironment(Setting setting) {
        return environment.apply(setting.variable()).filter(s -> !s.isBlank());
    }

    public Optional<String> stored(Setting setting) {
        return Optional.ofNullable(all().values().get(setting));
    }

    /** A secret stored sealed with another key: it is set, but its value is lost until typed again. */
    public boolean unreadable(Setting setting) {
        return !setByEnvironment(setting) && all().unreadable().contains(setting);
    }

    /** Set here or in the environment, even when the stored value cannot be read. */
    public boolean configured(Setting setting) {
        return value(setting).isPresent() || unreadable(setting);
    }

    /**
     * Stores changes: a value replaces, an empty one removes, a setting not in {@code changes} stays.
     * Everything is checked before anything is written; each change is audited by name only for secrets.
     *
     * @throws InvalidInputException naming the setting's variable as the field
     */
    public void save(Map<Setting, String> changes) {
        Map<Setting, String> clean = new LinkedHashMap<>();
        changes.forEach((setting, value) -> {
            if (setByEnvironment(setting)) {
                throw new InvalidInputException(setting.variable(), "Set by " + setting.variable() + "; change it there");
            }
            clean.put(setting, check(setting, value == null ? "" : value.strip()));
        });
        Map<Setting, String> before = load().values();
        String by = caller();
        for (var change : clean.entrySet()) {
            Setting setting = change.getKey();
            String value = change.getValue();
            String old = before.get(setting);
            if (value.isEmpty() ? old == null && !all().unreadable().contains(setting) : value.equals(old)) {
                continue;
            }
            em.createNativeQuery("delete from console_setting where name = ?1").setParameter(1, setting.variable()).executeUpdate();
            if (!value.isEmpty()) {
                em.createNativeQuery("insert into console_setting (name, setting_value, updated_by, updated_at) values (?1, ?2, ?3, ?4)")
                        .setParameter(1, setting.variable())
                        .setParameter(2, setting.secret() ? SecretBox.installation().seal(setting.variable(), value) : value).setParameter(3, by)
                        .setParameter(4, clock.instant()).executeUpdate();
            }
            String details = value.isEmpty() ? "removed" : setting.secret() ? "replaced (secret, value not recorded)" : "set to " + value;
            audit.record("SETTING_CHANGED", setting.variable(), details);
        }
        cache = null;
    }

    /** Checks one value as staff typed it; answers it cleaned ("" removes it). */
    static String check(Setting setting, String value) {
        if (value.isEmpty()) {
            return value;
        }
        if (value.length() > 2000 || setting.secret() && value.length() > MAX_SECRET) {
            throw new InvalidInputException(setting.variable(), "At most " + (setting.secret() ? MAX_SECRET : 2000) + " characters");
        }
        return switch (setting) {
            case SINCH_REGION -> {
                String region = value.toLowerCase(Locale.ROOT);
                if (!List.of("us", "eu").contains(region)) {
                    throw new InvalidInputException(setting.variable(), "Sinch's region is us or eu");
                }
                yield region;
            }
            case SINCH_BASE_URL -> {
                try {
                    URI uri = new URI(value);
                    if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
                        throw new InvalidInputException(setting.variable(), "An absolute http(s) address such as https://us.sms.api.sinch.com");
                    }
                } catch (java.net.URISyntaxException e) {
                    throw new InvalidInputException(setting.variable(), "Not a valid address: " + e.getReason());
                }
                yield value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
            }
            case DEFAULT_COUNTRY -> {
                String country = value.toUpperCase(Locale.ROOT);
                if (!REGIONS.contains(country)) {
                    throw new InvalidInputException(setting.variable(), "'" + value + "' is not a country code such as GB or US");
                }
                yield country;
            }
            case QUIET_HOURS_FROM, QUIET_HOURS_TO -> {
                try {
                    yield LocalTime.parse(value).toString();
                } catch (DateTimeParseException e) {
                    throw new InvalidInputException(setting.variable(), "A time of day such as 21:00");
                }
            }
            case SENDERS -> String.join(",", senders(setting.variable(), value));
            case MESSAGE_RETENTION_DAYS -> String.valueOf(retentionDays(setting.variable(), value));
            case WEBHOOK_ALLOWED_HOSTS -> allowedHosts(setting.variable(), value);
            default -> value;
        };
    }

    /** Whole days from {@link #MIN_RETENTION_DAYS} to {@link #MAX_RETENTION_DAYS}. */
    static int retentionDays(String field, String value) {
        int days;
        try {
            days = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, "A whole number of days, such as 90 (empty keeps bodies forever)");
        }
        if (days < MIN_RETENTION_DAYS || days > MAX_RETENTION_DAYS) {
            throw new InvalidInputException(field, "From " + MIN_RETENTION_DAYS + " to " + MAX_RETENTION_DAYS
                    + " days (empty keeps bodies forever)");
        }
        return days;
    }

    /** Host names or IP addresses, one a line or comma-separated, as they appear in a webhook's URL. */
    static String allowedHosts(String field, String value) {
        List<String> hosts = org.smsconsole.webhook.WebhookAddresses.hostList(value);
        for (String host : hosts) {
            if (!host.matches("[a-z0-9]([a-z0-9.-]{0,252})") && !host.matches("[0-9a-f:.]{2,45}")) {
                throw new InvalidInputException(field, "'" + host + "' is not a host name or IP address such as hooks.internal or 10.0.0.5");
            }
        }
        return String.join(",", hosts);
    }

    /** The configured senders, each checked as Sinch's {@code from}. */
    public List<String> senders() {
        return value(Setting.SENDERS).map(v -> senders(Setting.SENDERS.variable(), v)).orElse(List.of());
    }

    static List<String> senders(String field, String list) {
        return java.util.Arrays.stream(list.split("[,\\n]")).map(String::strip).filter(s -> !s.isEmpty())
                .map(s -> Senders.check(field, s)).distinct().toList();
    }

    private Snapshot all() {
        Snapshot c = cache;
        if (c == null || System.nanoTime() - loadedAt > CACHE_NANOS) {
            c = load();
            cache = c;
            loadedAt = System.nanoTime();
        }
        return c;
    }

    private Snapshot load() {
        Map<Setting, String> values = new EnumMap<>(Setting.class);
        Set<Setting> unreadable = java.util.EnumSet.noneOf(Setting.class);
        List<?> rows = em.createNativeQuery("select name, setting_value from console_setting").getResultList();
        for (Object row : rows) {
            Object[] r = (Object[]) row;
            for (Setting s : Setting.values()) {
                if (s.variable().equals(r[0])) {
                    if (!s.secret()) {
                        values.put(s, (String) r[1]);
                        continue;
                    }
                    try {
                        values.put(s, SecretBox.installation().open(s.variable(), (String) r[1]));
                    } catch (SecretBox.UnreadableSecretException e) {
                        unreadable.add(s);
                    }
                }
            }
        }
        return new Snapshot(values, unreadable);
    }

    private String caller() {
        try {
            Principal principal = securityContext.getCallerPrincipal();
            return principal == null ? "system" : principal.getName();
        } catch (RuntimeException e) {
            return "system";
        }
    }
}
