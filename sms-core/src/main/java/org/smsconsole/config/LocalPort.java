package org.smsconsole.config;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP port this instance serves on, when no {@code SMS_PORT} says it: learned from the first
 * request (a server started on a random port, as in-container tests do). The sandbox and the
 * console's own webhook are reached through it.
 */
public final class LocalPort {

    private static final AtomicInteger LEARNED = new AtomicInteger();

    private LocalPort() {
    }

    public static void learn(int port) {
        if (port > 0) {
            LEARNED.compareAndSet(0, port);
        }
    }

    /** 0 while unknown. */
    public static int learned() {
        return LEARNED.get();
    }
}
