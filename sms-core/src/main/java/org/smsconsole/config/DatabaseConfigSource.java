package org.smsconsole.config;

import org.eclipse.microprofile.config.spi.ConfigSource;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * Derives the datasource settings from the three documented variables, so that
 * {@code SMS_DB_URL}, {@code SMS_DB_USER} and {@code SMS_DB_PASSWORD} alone switch the console
 * to PostgreSQL. Without them the console uses an H2 file database under the data directory.
 *
 * <p>The datasource definition needs the driver's data source class, which a person should not
 * have to know: it is read off the URL here. Values come from system properties first, then the
 * environment, the same order MicroProfile Config uses.
 */
public class DatabaseConfigSource implements ConfigSource {

    public static final String URL = "sms.db.url";
    public static final String USER = "sms.db.user";
    public static final String PASSWORD = "sms.db.password";
    public static final String DATASOURCE_CLASS = "sms.db.datasource-class";

    @Override
    public Set<String> getPropertyNames() {
        return Set.of(URL, USER, PASSWORD, DATASOURCE_CLASS);
    }

    @Override
    public String getValue(String name) {
        return switch (name) {
            case URL -> url();
            case USER -> setting("SMS_DB_USER", isH2(url()) ? "sa" : "");
            case PASSWORD -> password();
            case DATASOURCE_CLASS -> dataSourceClass(url());
            default -> null;
        };
    }

    @Override
    public Map<String, String> getProperties() {
        // Never list the password here: some tools print every property of every source.
        return Map.of(URL, url(), DATASOURCE_CLASS, dataSourceClass(url()));
    }

    @Override
    public String getName() {
        return "sms-database-defaults";
    }

    @Override
    public int getOrdinal() {
        return 50; // below system properties (400), environment (300) and microprofile-config.properties (100)
    }

    /** The generated password, and for which database (the data folder, or the in-memory one). */
    private static volatile String[] generated;

    /**
     * {@code SMS_DB_PASSWORD}; unset, the embedded H2 database's generated one ({@link H2Password}). Never empty for
     * H2: an empty value is no value to MicroProfile Config, and the datasource then got the reference's own text.
     * Another database without a password (PostgreSQL with trust or peer authentication) answers null: the server
     * ignores what is sent.
     */
    static String password() {
        boolean defaultUrl = setting("SMS_DB_URL", "").isBlank();
        if (defaultUrl && !sandboxOnly()) {
            DataDirectory.ensurePrivate(DataDirectory.path()); // before H2 makes its file there
        }
        String configured = setting("SMS_DB_PASSWORD", "");
        if (!configured.isEmpty()) {
            return configured;
        }
        if (!defaultUrl) {
            return null;
        }
        String database = sandboxOnly() ? "mem" : h2File().toString();
        synchronized (DatabaseConfigSource.class) {
            String[] g = generated;
            if (g == null || !g[0].equals(database)) {
                String p = sandboxOnly() ? H2Password.generate()
                        : H2Password.of(DataDirectory.path(), h2File(), url(), setting("SMS_DB_USER", "sa"));
                g = new String[]{database, p};
                generated = g;
            }
            return g[1];
        }
    }

    static String url() {
        String url = setting("SMS_DB_URL", "");
        if (!url.isBlank()) {
            return url;
        }
        if (sandboxOnly()) {
            // The WAR running only the Sinch sandbox keeps nothing: no database file on disk.
            return "jdbc:h2:mem:sms;DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        }
        // Plain embedded mode: no AUTO_SERVER, so no TCP port is opened on any interface.
        return "jdbc:h2:file:" + h2File() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    }

    /** The default database file (H2 adds {@code .mv.db}) in the data folder. */
    private static Path h2File() {
        return DataDirectory.path().resolve("sms").toAbsolutePath();
    }

    private static boolean sandboxOnly() {
        return Boolean.parseBoolean(setting("SMS_SANDBOX_ONLY", "false"));
    }

    static boolean isH2(String url) {
        return url.startsWith("jdbc:h2:");
    }

    static String dataSourceClass(String url) {
        if (isH2(url)) {
            return "org.h2.jdbcx.JdbcDataSource";
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return "org.postgresql.ds.PGSimpleDataSource";
        }
        throw new IllegalStateException("SMS_DB_URL must start with jdbc:h2: or jdbc:postgresql:");
    }

    static String setting(String name, String fallback) {
        String value = System.getProperty(name);
        if (value == null) {
            value = System.getenv(name);
        }
        return value == null ? fallback : value;
    }
}
