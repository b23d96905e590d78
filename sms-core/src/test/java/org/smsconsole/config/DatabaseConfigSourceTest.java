package org.smsconsole.config;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatabaseConfigSourceTest {

    private final DatabaseConfigSource source = new DatabaseConfigSource();

    @AfterEach
    void clear() {
        System.clearProperty("SMS_DB_URL");
        System.clearProperty("SMS_DB_USER");
        System.clearProperty("SMS_DATA_DIR");
        System.clearProperty("SMS_SANDBOX_ONLY");
    }

    @Test
    void theSandboxAloneKeepsItsDatabaseInMemory() {
        System.setProperty("SMS_SANDBOX_ONLY", "true");
        String url = source.getValue(DatabaseConfigSource.URL);
        assertTrue(url.startsWith("jdbc:h2:mem:"), url);
        System.setProperty("SMS_DB_URL", "jdbc:postgresql://db:5432/sms");
        assertEquals("jdbc:postgresql://db:5432/sms", source.getValue(DatabaseConfigSource.URL), "an explicit URL still wins");
    }

    @Test
    void defaultsToAnEmbeddedH2FileUnderTheDataDirectory() {
        System.setProperty("SMS_DATA_DIR", "/var/lib/sms");
        String url = source.getValue(DatabaseConfigSource.URL);
        assertTrue(url.startsWith("jdbc:h2:file:/var/lib/sms/sms;MODE=PostgreSQL"), url);
        assertFalse(url.contains("AUTO_SERVER"), "no TCP port may be opened");
        assertEquals("org.h2.jdbcx.JdbcDataSource", source.getValue(DatabaseConfigSource.DATASOURCE_CLASS));
        assertEquals("sa", source.getValue(DatabaseConfigSource.USER));
    }

    @Test
    void derivesThePostgreSqlDriverFromTheUrl() {
        System.setProperty("SMS_DB_URL", "jdbc:postgresql://db:5432/sms");
        System.setProperty("SMS_DB_USER", "sms");
        assertEquals("jdbc:postgresql://db:5432/sms", source.getValue(DatabaseConfigSource.URL));
        assertEquals("org.postgresql.ds.PGSimpleDataSource", source.getValue(DatabaseConfigSource.DATASOURCE_CLASS));
        assertEquals("sms", source.getValue(DatabaseConfigSource.USER));
    }

    @Test
    void refusesAnUnsupportedDatabaseAndNeverListsThePassword() {
        System.setProperty("SMS_DB_URL", "jdbc:mysql://db/sms");
        assertThrows(IllegalStateException.class, () -> source.getValue(DatabaseConfigSource.DATASOURCE_CLASS));
        System.clearProperty("SMS_DB_URL");
        assertFalse(source.getProperties().containsKey(DatabaseConfigSource.PASSWORD));
    }
}
