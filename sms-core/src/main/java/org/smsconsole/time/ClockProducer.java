package org.smsconsole.time;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import java.time.Clock;

/**
 * The one source of time for services, the scheduler and the sandbox, so that tests can
 * replace it (a CDI alternative) instead of waiting for real time to pass.
 */
@ApplicationScoped
public class ClockProducer {

    @Produces
    Clock clock() {
        return Clock.systemUTC();
    }
}
