package org.smsconsole.web.health;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.smsconsole.scheduler.SendingHalt;
import org.smsconsole.scheduler.loops.BackgroundLoops;
import org.smsconsole.scheduler.loops.LoopStatus;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What this instance can truthfully say about itself, read at one moment: the database answers, and every
 * background loop that should run here runs and succeeds (see {@code LoopHealth}). Sending halted (an account
 * error, a Sinch outage) is reported as degraded, not down: the instance still serves its screens and the
 * engine resumes by itself, so a load balancer should keep it.
 *
 * <p>One report feeds {@code /api/health} and MicroProfile Health's {@code /health/ready} and
 * {@code /health/live}, so they never disagree.
 */
@ApplicationScoped
public class ConsoleHealth {

    private static final Logger LOG = Logger.getLogger(ConsoleHealth.class.getName());

    @Resource(lookup = "java:app/jdbc/sms")
    DataSource dataSource;

    @Inject
    BackgroundLoops loops;

    @Inject
    SendingHalt halt;

    /** One check: its name, whether it is up, whether it is alive (false: a restart is what would help), details. */
    public record Check(String name, boolean up, boolean live, Map<String, Object> data) {
    }

    /** Every check at one moment; {@code degraded} while sending is halted. */
    public record Report(List<Check> checks, boolean degraded) {
        public boolean up() {
            return checks.stream().allMatch(Check::up);
        }

        public boolean live() {
            return checks.stream().allMatch(Check::live);
        }
    }

    public Report report() {
        List<Check> checks = new ArrayList<>();
        boolean database = databaseAnswers();
        checks.add(new Check("database", database, true, Map.of()));
        for (BackgroundLoops.Judged judged : loops.health()) {
            checks.add(loopCheck(judged));
        }
        boolean degraded = false;
        if (database) {
            Map<String, Object> data = new LinkedHashMap<>();
            try {
                SendingHalt.State state = halt.state();
                degraded = state.halted();
                data.put("halted", state.halted());
                if (state.halted()) {
                    data.put("reason", state.reason());
                    data.put("halted_at", String.valueOf(state.since()));
                }
            } catch (RuntimeException e) {
                data.put("error", "could not read the sending state: " + e.getMessage());
            }
            checks.add(new Check("sending", true, true, data));
        }
        return new Report(List.copyOf(checks), degraded);
    }

    private static Check loopCheck(BackgroundLoops.Judged judged) {
        LoopStatus s = judged.status();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("enabled", s.enabled());
        if (s.enabled()) {
            data.put("running", s.running());
            put(data, "last_success_at", s.lastSuccessAt());
            put(data, "last_failure_at", s.lastFailureAt());
            data.put("failures_in_a_row", s.failuresInARow());
            data.put("ticks", s.ticks());
        }
        if (judged.verdict().reason() != null) {
            data.put("reason", judged.verdict().reason());
        }
        return new Check("loop:" + s.name(), judged.verdict().up(), judged.verdict().live(), data);
    }

    private static void put(Map<String, Object> data, String key, Instant value) {
        if (value != null) {
            data.put(key, value.toString());
        }
    }

    private boolean databaseAnswers() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(2);
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "Health check: the database does not answer: {0}", e.getMessage());
            return false;
        }
    }
}
