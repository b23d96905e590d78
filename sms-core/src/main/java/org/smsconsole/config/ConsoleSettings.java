package org.smsconsole.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Locale;

/** Console-wide settings read from MicroProfile Config (environment variables override). */
@ApplicationScoped
public class ConsoleSettings {

    @Inject
    @ConfigProperty(name = "SMS_DEFAULT_COUNTRY", defaultValue = "US")
    String defaultCountry;

    /** ISO 3166 alpha-2 region for phone numbers typed without a country code. */
    public String defaultCountry() {
        return defaultCountry.toUpperCase(Locale.ROOT);
    }
}
