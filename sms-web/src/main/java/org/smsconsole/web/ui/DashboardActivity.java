package org.smsconsole.web.ui;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.smsconsole.dashboard.Dashboard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The dashboard's per-day counts, read at most every {@link #FRESH} per instance however many people look:
 * at a million messages in the window each count is an index-only range scan of about half a second on
 * PostgreSQL (docs/benchmarks.md). One read covers every viewer's zone and both the 14- and 30-day views
 * (quarter hours in UTC over the last {@link #DAYS_READ} days).
 */
@ApplicationScoped
public class DashboardActivity {

    static final Duration FRESH = Duration.ofSeconds(15);
    /** 30 days, plus the zones up to 14 hours ahead of or behind UTC. */
    static final int DAYS_READ = 32;

    @Inject
    Dashboard dashboard;

    @Inject
    Clock clock;

    private Dashboard.Activity activity;
    private Instant readAt;

    public synchronized Dashboard.Activity activity() {
        Instant now = clock.instant();
        if (activity == null || now.isBefore(readAt) || now.isAfter(readAt.plus(FRESH))) {
            Instant to = now.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(2));
            activity = dashboard.activity(to.minus(Duration.ofDays(DAYS_READ + 2L)), to);
            readAt = now;
        }
        return activity;
    }
}
