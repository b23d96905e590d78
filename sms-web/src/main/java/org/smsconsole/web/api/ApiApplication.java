package org.smsconsole.web.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The REST API, under /api: stateless, JSON, authenticated per request (see ConsoleAuthenticationMechanism). */
@ApplicationPath("api")
public class ApiApplication extends Application {
}
