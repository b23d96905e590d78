package org.smsconsole.config;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import java.nio.file.Path;
import java.sql.Connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatabaseSettingsTest {

    @AfterEach
    void clear() {
        System.clearProperty("SMS_DB_URL");
        System.clearProperty("SMS_DB_USER");
        System.clearProperty("SMS_DB_PASSWORD");
        System.clearProperty("SMS_DATA_DIR");
        System.clearProperty("SMS_SANDBOX_ONLY");
    }

    @Test
    void theSandboxAloneKeepsItsDatabaseInMemory() {
        System.setProperty("SMS_SANDBOX_ONLY", "true");
        String url = DatabaseSettings.current().url();
        assertTrue(url.startsWith("jdbc:h2:mem:"), url);
        System.setProperty("SMS_DB_URL", "jdbc:postgresql://db:5432/sms");
        assertEquals("jdbc:postgresql://db:5432/sms", DatabaseSettings.current().url(), "an explicit URL still wins");
    }

    @Test
    void defaultsToAnEmbeddedH2FileUnderTheDataDirectory() {
        System.setProperty("SMS_DATA_DIR", "/var/lib/sms");
        DatabaseSettings settings = DatabaseSettings.current();
        assertTrue(settings.url().startsWith("jdbc:h2:file:/var/lib/sms/sms;MODE=PostgreSQL"), settings.url());
        assertFalse(settings.url().contains("AUTO_SERVER"), "no TCP port may be opened");
        assertEquals("sa", settings.user());
        assertInstanceOf(JdbcDataSource.class, settings.dataSource());
    }

    @Test
    void derivesThePostgreSqlDriverFromTheUrl() {
        System.setProperty("SMS_DB_URL", "jdbc:postgresql://db:5432/sms?currentSchema=console");
        System.setProperty("SMS_DB_USER", "sms");
        System.setProperty("SMS_DB_PASSWORD", "secret");
        DatabaseSettings settings = DatabaseSettings.current();
        PGSimpleDataSource postgresql = assertInstanceOf(PGSimpleDataSource.class, settings.dataSource());
        assertEquals("db", postgresql.getServerNames()[0]);
        assertEquals("sms", postgresql.getDatabaseName());
        assertEquals("console", postgresql.getCurrentSchema());
        assertEquals("sms", postgresql.getUser());
        assertEquals("secret", postgresql.getPassword());
    }

    @Test
    void refusesAnUnsupportedDatabaseAndNeverShowsThePassword() {
        System.setProperty("SMS_DB_URL", "jdbc:mysql://db/sms");
        System.setProperty("SMS_DB_PASSWORD", "secret");
        DatabaseSettings settings = DatabaseSettings.current();
        assertThrows(IllegalStateException.class, settings::dataSource);
        assertFalse(settings.toString().contains("secret"), settings::toString);
    }

    @Test
    void theConsoleDataSourceConnectsToTheConfiguredDatabase(@TempDir Path dir) throws Exception {
        System.setProperty("SMS_DATA_DIR", dir.toString());
        ConsoleDataSource dataSource = new ConsoleDataSource();
        try (Connection connection = dataSource.getConnection()) {
            assertTrue(connection.getMetaData().getURL().startsWith("jdbc:h2:file:" + dir.toAbsolutePath()), connection.getMetaData().getURL());
        }
        assertInstanceOf(JdbcDataSource.class, dataSource.unwrap(JdbcDataSource.class));
    }
}
