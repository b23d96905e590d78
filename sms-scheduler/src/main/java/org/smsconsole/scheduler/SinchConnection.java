package org.smsconsole.scheduler;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.smsconsole.config.SinchSettings;
import org.smsconsole.scheduler.metrics.ConsoleMetrics;
import org.smsconsole.sinch.SinchClient;
import org.smsconsole.sinch.SinchConfig;
import org.smsconsole.sinch.SinchJson;
import org.smsconsole.sinch.batch.BatchQuery;
import org.smsconsole.sinch.batch.BatchValidator;
import org.smsconsole.sinch.batch.TextRequest;

import java.util.Objects;
import java.util.Optional;

/**
 * The one Sinch client of this instance, built from {@link SinchSettings} and rebuilt when they change.
 * Empty while the sandbox's address is not known yet (see {@code LocalPort}). Its requests are measured
 * ({@link ConsoleMetrics}); the Settings screen's "Test connection" uses a client of its own, not measured.
 */
@ApplicationScoped
public class SinchConnection {

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(SinchConnection.class.getName());

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
            warmUp(client);
        }
        return Optional.of(client);
    }

    /**
     * A new client's first send loads the number rules (libphonenumber's metadata), JSON-B and the HTTP client and
     * opens a connection: half a second was seen here, enough for a paced batch to reach Sinch together with the
     * next second's. So a request is checked and written, and a read and a dry run (a POST that sends nothing) go
     * first, before any send has a slot (a failure here is nothing: the probe and the sends report their own).
     */
    private static void warmUp(SinchClient client) {
        try {
            TextRequest sample = TextRequest.builder().to("+447700900123", "15550100000").body("Hi ${name}")
                    .parameter("name", "+447700900123", "Ada").parameterDefault("name", "").build();
            BatchValidator.validate(sample, java.time.Instant.now());
            SinchJson.write(sample);
            client.batches().list(BatchQuery.all(), 0, 1);
            client.batches().dryRun(sample, false, null); // a POST with a body, which sends nothing
        } catch (RuntimeException e) {
            LOG.fine("Warming the Sinch client up: " + e);
        }
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
