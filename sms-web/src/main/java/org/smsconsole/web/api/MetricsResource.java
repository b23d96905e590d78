package org.smsconsole.web.api;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.smsconsole.scheduler.metrics.ConsoleMetrics;
import org.smsconsole.web.api.problem.Problem;
import org.smsconsole.web.security.MetricsToken;

import java.util.Optional;
import java.util.logging.Logger;

/**
 * {@code GET /api/metrics}: the console's metrics in Prometheus text format, for a scraper holding a token of
 * {@code SMS_METRICS_TOKEN} (Bearer); off (403) while none is set. Not Payara's own {@code /metrics}, which is
 * open to anyone by default and secured only with the server's own users: see docs/operations.md.
 */
@Path("metrics")
@ApplicationScoped
public class MetricsResource {

    private static final Logger LOG = Logger.getLogger(MetricsResource.class.getName());
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    @Inject
    @ConfigProperty(name = "SMS_METRICS_TOKEN")
    Optional<String> tokenSetting;

    @Inject
    ConsoleMetrics metrics;

    private MetricsToken token;

    @PostConstruct
    void readToken() {
        token = MetricsToken.of(tokenSetting);
        token.ignored().forEach(why -> LOG.warning("SMS_METRICS_TOKEN: ignored " + why));
    }

    @GET
    public Response scrape(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return switch (token.check(authorization)) {
            case OFF -> Problem.of(Response.Status.FORBIDDEN, "Metrics are off: set SMS_METRICS_TOKEN (docs/operations.md)");
            case REFUSED -> Response.fromResponse(Problem.of(Response.Status.UNAUTHORIZED, "Send Authorization: Bearer <a token of SMS_METRICS_TOKEN>"))
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"sms-console-metrics\"").build();
            case ALLOWED -> Response.ok(metrics.scrape(), PROMETHEUS_TEXT).header("Cache-Control", "no-store").build();
        };
    }
}
