package org.smsconsole.web.it;

import jakarta.enterprise.inject.spi.CDI;
import org.smsconsole.time.ConsoleClock;

import java.time.Duration;
import java.time.Instant;

/** Moves the console's clock from in-container tests, which then never wait for real time. */
final class TestClock {

    private TestClock() {
    }

    static void stop() {
        clock().stopAt(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    }

    static void advance(Duration duration) {
        clock().advance(duration);
    }

    static void resume() {
        clock().resume();
    }

    private static ConsoleClock clock() {
        return CDI.current().select(ConsoleClock.class).get();
    }
}
