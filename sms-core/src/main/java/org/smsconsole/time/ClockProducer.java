package org.smsconsole.time;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;

import java.time.Clock;

/**
 * The one source of time for services, the scheduler and the sandbox ({@link ConsoleClock}),
 * so that tests can move time instead of waiting for it.
 */
@ApplicationScoped
public class ClockProducer {

    private final ConsoleClock clock = new ConsoleClock();

    @Produces
    Clock clock() {
        return clock;
    }

    @Produces
    @Typed(ConsoleClock.class) // else it would be a second Clock
    ConsoleClock consoleClock() {
        return clock;
    }
}
