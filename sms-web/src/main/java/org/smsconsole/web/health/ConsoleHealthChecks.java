package org.smsconsole.web.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

import java.util.function.Predicate;

/**
 * The same report as {@code /api/health}, as MicroProfile Health checks (Payara serves them at {@code /health},
 * {@code /health/ready} and {@code /health/live}): ready while everything is up; live unless a background loop
 * has stopped or is stuck, which only a restart mends (a database that is away is not a reason to restart).
 */
@ApplicationScoped
public class ConsoleHealthChecks {

    @Inject
    ConsoleHealth health;

    @Produces
    @Readiness
    HealthCheck ready() {
        return () -> response("sms-console-ready", ConsoleHealth.Check::up);
    }

    @Produces
    @Liveness
    HealthCheck live() {
        return () -> response("sms-console-live", ConsoleHealth.Check::live);
    }

    private HealthCheckResponse response(String name, Predicate<ConsoleHealth.Check> passes) {
        ConsoleHealth.Report report = health.report();
        HealthCheckResponseBuilder b = HealthCheckResponse.named(name).status(report.checks().stream().allMatch(passes));
        for (ConsoleHealth.Check check : report.checks()) {
            Object reason = check.data().get("reason");
            b.withData(check.name(), passes.test(check) ? "UP" : "DOWN" + (reason == null ? "" : ": " + reason));
        }
        return b.build();
    }
}
