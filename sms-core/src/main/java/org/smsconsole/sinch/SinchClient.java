package org.smsconsole.sinch;

import org.smsconsole.sinch.batch.Batches;
import org.smsconsole.sinch.group.Groups;
import org.smsconsole.sinch.inbound.Inbounds;
import org.smsconsole.sinch.report.DeliveryReports;

/**
 * The Sinch SMS REST API, one class per resource. Thread-safe; close it to release the
 * JAX-RS client. Runs in the container (JAX-RS + JSON-B provided) or anywhere with Jersey and
 * Yasson on the class path.
 */
public final class SinchClient implements AutoCloseable {
    private final SinchConfig config;
    private final SinchTransport transport;
    private final Batches batches;
    private final DeliveryReports deliveryReports;
    private final Groups groups;
    private final Inbounds inbounds;

    private SinchClient(SinchConfig config) {
        this.config = config;
        this.transport = new SinchTransport(config);
        this.batches = new Batches(transport, config.clock());
        this.deliveryReports = new DeliveryReports(transport);
        this.groups = new Groups(transport);
        this.inbounds = new Inbounds(transport);
    }

    public static SinchClient create(SinchConfig config) {
        return new SinchClient(config);
    }

    public SinchConfig config() {
        return config;
    }

    public Batches batches() {
        return batches;
    }

    public DeliveryReports deliveryReports() {
        return deliveryReports;
    }

    public Groups groups() {
        return groups;
    }

    public Inbounds inbounds() {
        return inbounds;
    }

    @Override
    public void close() {
        transport.close();
    }
}
