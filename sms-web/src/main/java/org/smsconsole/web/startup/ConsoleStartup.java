package org.smsconsole.web.startup;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.smsconsole.user.InitialAdmin;

import java.util.Optional;
import java.util.logging.Logger;

/**
 * Defines the console's datasource (ConsoleDataSource reads SMS_DB_URL, SMS_DB_USER and
 * SMS_DB_PASSWORD and derives the driver from the URL), creates the first administrator, starts the import job
 * watch, and says where the console can be reached.
 */
@DataSourceDefinition(
        name = "java:app/jdbc/sms",
        className = "org.smsconsole.config.ConsoleDataSource",
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
    ImportJobWatch importJobWatch;

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
        initialAdmin.ensure();
        importJobWatch.start();
        String url = publicUrl.orElse("http://localhost:" + port + event.getServletContext().getContextPath() + "/");
        LOG.info(() -> "SMS console ready: " + url);
    }
}
