package org.smsconsole.web.sandbox;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/**
 * The Sinch SMS API sandbox under /sandbox: {@code /sandbox/xms/v1/{service_plan_id}/...} as
 * Sinch serves it, and {@code /sandbox/control/...} for tests and the panel. Lists its own
 * classes so that it does not also pick up the console's API (and the API not these).
 */
@ApplicationPath("sandbox")
public class SandboxApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(SandboxGate.class, SandboxErrors.class, SandboxErrors.Http.class,
                BatchesResource.class, DeliveryReportsResource.class, GroupsResource.class,
                InboundsResource.class, ControlResource.class);
    }
}
