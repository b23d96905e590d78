package org.smsconsole.config;

import org.junit.jupiter.api.Test;
import org.smsconsole.validation.InvalidInputException;

import java.time.Clock;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Environment variables (MicroProfile Config) win over stored settings; stored ones fill in when a variable is absent. */
class SettingsPrecedenceTest {

    private final Map<String, String> environment = new HashMap<>();
    private final Map<Setting, String> database = new EnumMap<>(Setting.class);

    private final java.util.Set<Setting> unreadable = java.util.EnumSet.noneOf(Setting.class);

    private final StoredSettings stored = new StoredSettings() {
        @Override
        public Optional<String> stored(Setting setting) {
            return Optional.ofNullable(database.get(setting));
        }

        @Override
        public boolean unreadable(Setting setting) {
            return !setByEnvironment(setting) && unreadable.contains(setting);
        }
    };

    {
        stored.environment = name -> Optional.ofNullable(environment.get(name));
    }

    private SinchSettings sinch() {
        SinchSettings sinch = new SinchSettings();
        sinch.stored = stored;
        sinch.clock = Clock.systemUTC();
        sinch.publicUrl = Optional.empty();
        sinch.port = Optional.of(8123);
        sinch.sandbox = new SandboxCredentials();
        sinch.sandbox.servicePlanId = Optional.of("sandbox-service-plan");
        sinch.sandbox.apiToken = Optional.of("sandbox-api-token");
        sinch.generated = new InstallationSecrets() {
            @Override
            public String get(String name, int length) {
                return name.equals(SINCH_CALLBACK_TOKEN) ? "callback-token" : "unexpected";
            }
        };
        return sinch;
    }

    private ConsoleSettings console() {
        ConsoleSettings settings = new ConsoleSettings();
        settings.stored = stored;
        return settings;
    }

    @Test
    void withNothingSetTheConsoleUsesItsSandboxAndTheUsDefaults() {
        SinchSettings sinch = sinch();
        assertTrue(sinch.sandboxMode());
        assertEquals("http://127.0.0.1:8123/sandbox/xms/v1/sandbox-service-plan", sinch.sinchConfig().orElseThrow().apiBase().toString());
        assertEquals("US", console().defaultCountry());
    }

    @Test
    void storedCredentialsAloneLeaveTheSandbox() {
        database.put(Setting.SINCH_REGION, "eu");
        database.put(Setting.SINCH_SERVICE_PLAN_ID, "stored-plan");
        database.put(Setting.SINCH_API_TOKEN, "stored-token");
        database.put(Setting.DEFAULT_COUNTRY, "GB");
        SinchSettings sinch = sinch();
        assertFalse(sinch.sandboxMode());
        var config = sinch.sinchConfig().orElseThrow();
        assertEquals("stored-plan", config.servicePlanId());
        assertEquals("stored-token", config.apiToken());
        assertTrue(config.apiBase().toString().contains("eu."), config.apiBase().toString());
        assertFalse(sinch.mmsAvailable(), "MMS is a US feature");
        assertEquals("GB", console().defaultCountry());
    }

    @Test
    void environmentVariablesWinOverStoredValues() {
        database.put(Setting.SINCH_SERVICE_PLAN_ID, "stored-plan");
        database.put(Setting.SINCH_API_TOKEN, "stored-token");
        database.put(Setting.DEFAULT_COUNTRY, "GB");
        database.put(Setting.SINCH_WEBHOOK_SECRET, "stored-secret");
        environment.put("SMS_SINCH_API_TOKEN", "env-token");
        environment.put("SMS_SINCH_BASE_URL", "http://127.0.0.1:9999/sinch");
        environment.put("SMS_DEFAULT_COUNTRY", "de");
        environment.put("SMS_SINCH_WEBHOOK_SECRET", "env-secret");
        SinchSettings sinch = sinch();
        var config = sinch.sinchConfig().orElseThrow();
        assertEquals("env-token", config.apiToken());
        assertEquals("stored-plan", config.servicePlanId(), "a variable that is absent falls back to the stored value");
        assertTrue(config.apiBase().toString().startsWith("http://127.0.0.1:9999/sinch"), config.apiBase().toString());
        assertEquals("env-secret", sinch.webhookSecret().orElseThrow());
        assertEquals("DE", console().defaultCountry());
        assertTrue(stored.setByEnvironment(Setting.DEFAULT_COUNTRY));
        assertFalse(stored.setByEnvironment(Setting.SINCH_SERVICE_PLAN_ID));
    }

    @Test
    void aStoredTokenThisKeyCannotOpenStillKeepsTheConsoleOutOfSandboxMode() {
        unreadable.add(Setting.SINCH_API_TOKEN);
        assertFalse(sinch().sandboxMode(), "a lost key must not switch the built-in sandbox on in front of a real account");
        unreadable.clear();
        unreadable.add(Setting.SINCH_WEBHOOK_SECRET);
        assertTrue(sinch().callbacksSigned(), "Sinch still signs with the secret we cannot read");
    }

    @Test
    void theCallbackUrlCarriesThisInstallationsSecretPath() {
        SinchSettings sinch = sinch();
        assertEquals("http://127.0.0.1:8123/api/webhooks/sinch/callback-token", sinch.callbackUrl().orElseThrow());
        sinch.publicUrl = Optional.of("https://sms.example.com/");
        assertEquals("https://sms.example.com/api/webhooks/sinch/callback-token", sinch.callbackUrl().orElseThrow());
        assertFalse(sinch.callbacksSigned());
    }

    @Test
    void aSettingSetByTheEnvironmentCannotBeStored() {
        environment.put("SMS_DEFAULT_COUNTRY", "DE");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> stored.save(Map.of(Setting.DEFAULT_COUNTRY, "GB")));
        assertEquals("SMS_DEFAULT_COUNTRY", e.field());
    }

    @Test
    void valuesAreCheckedBeforeTheyAreStored() {
        assertEquals("GB", StoredSettings.check(Setting.DEFAULT_COUNTRY, "gb"));
        assertThrows(InvalidInputException.class, () -> StoredSettings.check(Setting.DEFAULT_COUNTRY, "XX"));
        assertEquals("eu", StoredSettings.check(Setting.SINCH_REGION, "EU"));
        assertThrows(InvalidInputException.class, () -> StoredSettings.check(Setting.SINCH_REGION, "asia"));
        assertThrows(InvalidInputException.class, () -> StoredSettings.check(Setting.SINCH_BASE_URL, "not a url"));
        assertEquals("21:00", StoredSettings.check(Setting.QUIET_HOURS_FROM, "21:00"));
        assertThrows(InvalidInputException.class, () -> StoredSettings.check(Setting.QUIET_HOURS_TO, "8 am"));
        assertEquals("+447700900123,ACME", StoredSettings.check(Setting.SENDERS, "+447700900123\nACME\n\nACME"));
        assertThrows(InvalidInputException.class, () -> StoredSettings.check(Setting.SENDERS, "ACME\nfar too long a name"));
        assertThrows(InvalidInputException.class, () -> StoredSettings.check(Setting.SINCH_API_TOKEN, "x".repeat(1001)),
                "a secret must fit its column once sealed");
    }
}
