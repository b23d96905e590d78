package org.smsconsole.web.startup;

import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.smsconsole.scheduler.loops.BackgroundLoops;
import org.smsconsole.user.InitialAdmin;

import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Defines the console's datasource from MicroProfile Config (see DatabaseConfigSource, which
 * derives the driver from SMS_DB_URL), creates the first administrator, starts the background loops
 * and says where the console can be reached: only once all of that worked, so "ready" is never printed by a
 * console whose start-up failed.
 *
 * <p>The loops get their executor and thread factory from here, a web component, because that is where the
 * container's resources can always be injected (see {@link BackgroundLoops}).
 */
@DataSourceDefinition(
        name = "java:app/jdbc/sms",
        className = "${MPCONFIG=sms.db.datasource-class}",
        url = "${MPCONFIG=sms.db.url}",
        user = "${MPCONFIG=sms.db.user}",
        password = "${MPCONFIG=sms.db.password}",
        minPoolSize = 2,
        maxPoolSize = 32,
        initialPoolSize = 2,
        properties = {
                "fish.payara.is-connection-validation-required=true",
                "fish.payara.connection-validation-method=custom-validation",
                "fish.payara.validation-classname=org.glassfish.api.jdbc.validation.JDBC40ConnectionValidation",
                "fish.payara.fail-all-connections=true",
                "fish.payara.max-wait-time-in-millis=10000"
        })
@WebListener
public class ConsoleStartup implements ServletContextListener {

    private static final Logger LOG = Logger.getLogger(ConsoleStartup.class.getName());

    @Inject
    InitialAdmin initialAdmin;

    @Inject
    BackgroundLoops loops;

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ManagedScheduledExecutorService timer;

    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    ManagedThreadFactory threads;

    @Inject
    @ConfigProperty(name = "SMS_PUBLIC_URL")
    Optional<String> publicUrl;

    @Inject
    @ConfigProperty(name = "SMS_PORT", defaultValue = "8080")
    String port;

    @Inject
    @ConfigProperty(name = "SMS_SANDBOX_ONLY", defaultValue = "false")
    boolean sandboxOnly;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        if (sandboxOnly) {
            // Only the Sinch sandbox serves: no staff, so no admin and no password file on disk.
            LOG.info(() -> "Sinch sandbox only, at http://localhost:" + port + event.getServletContext().getContextPath() + "/sandbox");
            return;
        }
        try {
            initialAdmin.ensure();
            loops.start(timer, threads);
        } catch (RuntimeException e) {
            // Payara goes on to print its own "ready in ... ms": say plainly that this application is not.
            LOG.log(Level.SEVERE, "SMS console failed to start; it serves nothing until restarted", e);
            throw e;
        }
        String url = publicUrl.orElse("http://localhost:" + port + event.getServletContext().getContextPath() + "/");
        LOG.info(() -> "SMS console ready: " + url);
    }
}
