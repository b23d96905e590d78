package org.smsconsole.scheduler;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.smsconsole.config.SinchSettings;
import org.smsconsole.sinch.SinchClient;
import org.smsconsole.sinch.SinchConfig;

import java.util.Objects;
import java.util.Optional;

/**
 * The one Sinch client of this instance, built from {@link SinchSettings} and rebuilt when they change.
 * Empty while the sandbox's address is not known yet (see {@code LocalPort}).
 */
@ApplicationScoped
public class SinchConnection {

    @Inject
    SinchSettings settings;

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
            client = SinchClient.create(c);
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
