package org.smsconsole.persistence;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.spi.BootstrapContext;
import org.hibernate.engine.jdbc.connections.spi.ConnectionProvider;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.integrator.spi.Integrator;
import org.hibernate.service.spi.SessionFactoryServiceRegistry;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies the Flyway migrations while Hibernate builds the session factory, before it
 * validates the schema. The container builds the persistence unit at deploy time, ahead of
 * any startup bean, so this hook is the only place early enough for {@code validate} to pass
 * on an empty database.
 */
public class SchemaMigrationIntegrator implements Integrator {

    private static final Logger LOG = Logger.getLogger(SchemaMigrationIntegrator.class.getName());
    private static final Pattern CURRENT_SCHEMA = Pattern.compile("[?&]currentSchema=([A-Za-z0-9_]+)");

    @Override
    public void integrate(Metadata metadata, BootstrapContext bootstrapContext, SessionFactoryImplementor sessionFactory) {
        DataSource dataSource = sessionFactory.getServiceRegistry()
                .requireService(ConnectionProvider.class).unwrap(DataSource.class);
        FluentConfiguration flyway = Flyway.configure(SchemaMigrationIntegrator.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .failOnMissingLocations(true)
                // ${name} is message-template syntax here, never a Flyway placeholder
                .placeholderReplacement(false);
        // A PostgreSQL URL may name its own schema (?currentSchema=x); create it on first start
        // so that a fresh schema is all a new installation or a test run needs.
        schemaOf(dataSource).ifPresent(schema -> flyway.schemas(schema).defaultSchema(schema).createSchemas(true));
        var result = flyway.load().migrate();
        LOG.info(() -> "Database schema at version " + result.targetSchemaVersion
                + " (" + result.migrationsExecuted + " migrations applied now)");
    }

    @Override
    public void disintegrate(SessionFactoryImplementor sessionFactory, SessionFactoryServiceRegistry serviceRegistry) {
        // nothing to release
    }

    private static java.util.Optional<String> schemaOf(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            Matcher m = CURRENT_SCHEMA.matcher(connection.getMetaData().getURL());
            return m.find() ? java.util.Optional.of(m.group(1)) : java.util.Optional.empty();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot reach the database to migrate it: " + e.getMessage(), e);
        }
    }
}
