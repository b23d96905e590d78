package org.smsconsole.web.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/**
 * The REST API, under /api: stateless, JSON, authenticated per request (see ConsoleAuthenticationMechanism).
 * It lists its classes because the WAR holds a second JAX-RS application (the Sinch sandbox under
 * /sandbox), and an application without {@code getClasses()} would serve every resource of the WAR.
 * Add each new API resource or provider here.
 */
@ApplicationPath("api")
public class ApiApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(HealthResource.class);
    }
}
