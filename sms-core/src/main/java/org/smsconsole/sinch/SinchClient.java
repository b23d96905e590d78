package org.smsconsole.sinch;

import org.smsconsole.sinch.batch.Batches;
import org.smsconsole.sinch.group.Groups;
import org.smsconsole.sinch.inbound.Inbounds;
import org.smsconsole.sinch.report.DeliveryReports;

import java.util.List;

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

    private SinchClient(SinchConfig config, List<Object> components) {
        this.config = config;
        this.transport = new SinchTransport(config, components);
        this.batches = new Batches(transport, config.clock());
        this.deliveryReports = new DeliveryReports(transport);
        this.groups = new Groups(transport);
        this.inbounds = new Inbounds(transport);
    }

    public static SinchClient create(SinchConfig config) {
        return new SinchClient(config, List.of());
    }

    /**
     * A client whose JAX-RS client also has these providers registered (filters, interceptors): how the console
     * measures its requests without this client knowing of any metrics. Each request carries
     * {@link SinchTransport#OPERATION}.
     */
    public static SinchClient create(SinchConfig config, Object... components) {
        return new SinchClient(config, List.of(components));
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
