package org.smsconsole.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.LocalTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Console-wide settings: the environment's (MicroProfile Config) values, else those stored on the Settings screen. */
@ApplicationScoped
public class ConsoleSettings {

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(ConsoleSettings.class.getName());

    @Inject
    StoredSettings stored;

    /** ISO 3166 alpha-2 region for phone numbers typed without a country code ({@code US} when set nowhere). */
    public String defaultCountry() {
        return stored.value(Setting.DEFAULT_COUNTRY).orElse("US").toUpperCase(Locale.ROOT);
    }

    /** The senders staff pick from when composing (empty: the service plan's default). */
    public List<String> senders() {
        return stored.senders();
    }

    /** Quiet hours a new campaign starts with, in the recipient's local time; empty when none are set. */
    public Optional<LocalTime> quietHoursFrom() {
        return stored.value(Setting.QUIET_HOURS_FROM).map(LocalTime::parse);
    }

    public Optional<LocalTime> quietHoursTo() {
        return stored.value(Setting.QUIET_HOURS_TO).map(LocalTime::parse);
    }

    /**
     * How many days message bodies are kept; empty keeps them forever. A value from the environment that is
     * not a whole number in range is ignored (logged): better to keep bodies than to erase by mistake.
     */
    public Optional<Integer> messageRetentionDays() {
        return stored.value(Setting.MESSAGE_RETENTION_DAYS).flatMap(v -> {
            try {
                return Optional.of(StoredSettings.retentionDays(Setting.MESSAGE_RETENTION_DAYS.variable(), v.strip()));
            } catch (org.smsconsole.validation.InvalidInputException e) {
                LOG.warning(() -> Setting.MESSAGE_RETENTION_DAYS.variable() + " ignored (" + e.getMessage() + "): bodies are kept");
                return Optional.empty();
            }
        });
    }
}
