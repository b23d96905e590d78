package org.smsconsole.scheduler;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.smsconsole.config.SinchSettings;
import org.smsconsole.scheduler.metrics.ConsoleMetrics;
import org.smsconsole.sinch.SinchClient;
import org.smsconsole.sinch.SinchConfig;

import java.util.Objects;
import java.util.Optional;

/**
 * The one Sinch client of this instance, built from {@link SinchSettings} and rebuilt when they change.
 * Empty while the sandbox's address is not known yet (see {@code LocalPort}). Its requests are measured
 * ({@link ConsoleMetrics}); the Settings screen's "Test connection" uses a client of its own, not measured.
 */
@ApplicationScoped
public class SinchConnection {

    @Inject
    SinchSettings settings;

    @Inject
    ConsoleMetrics metrics;

    private SinchClient client;
    private String key;

    /** @throws org.smsconsole.sinch.SinchValidationException when the settings are incomplete */
    public synchronized Optional<SinchClient> client() {
        Optional<SinchConfig> config = settings.sinchConfig();
        if (config.isEmpty()) {
            return Optional.empty();
        }
        SinchConfig c = config.get();
        String k = c.apiBase() + "|" + Objects.hash(c.servicePlanId(), c.apiToken(), c.projectId(), c.keyId(), c.keySecret());
        if (!k.equals(key)) {
            close();
            client = SinchClient.create(c, metrics.sinchRequestMeter()); // measured from outside: docs/operations.md
            key = k;
        }
        return Optional.of(client);
    }

    @PreDestroy
    synchronized void close() {
        if (client != null) {
            client.close();
            client = null;
            key = null;
        }
    }
}
