package org.smsconsole.config;

import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.nio.file.Path;

/**
 * The database the console uses, from the three documented variables, so that {@code SMS_DB_URL},
 * {@code SMS_DB_USER} and {@code SMS_DB_PASSWORD} alone switch the console to PostgreSQL. Without
 * them the console uses an H2 file database under the data directory.
 *
 * <p>The vendor's data source is chosen from the URL: a person should not have to know its class.
 * Values come from system properties first, then the environment, the order MicroProfile Config
 * uses, so the names mean the same everywhere.
 */
public final class DatabaseSettings {

    private final String url;
    private final String user;

    private DatabaseSettings(String url, String user) {
        this.url = url;
        this.user = user;
    }

    /** The generated password, and for which database (the data folder, or the in-memory one). */
    private static volatile String[] generated;

    /** The settings as the environment gives them now. */
    public static DatabaseSettings current() {
        String url = configuredUrl();
        return new DatabaseSettings(url, setting("SMS_DB_USER", isH2(url) ? "sa" : ""));
    }

    /**
     * {@code SMS_DB_PASSWORD}; unset, the embedded H2 database's generated one ({@link H2Password}), made before H2
     * creates its file (the data folder is made private first). Before, an unset password reached the datasource
     * as the unresolved reference's own text, the same in every installation. Another database without a password
     * (PostgreSQL with trust or peer authentication) gets none: the server ignores what is sent.
     */
    static String password() {
        boolean defaultUrl = setting("SMS_DB_URL", "").isBlank();
        if (defaultUrl && !sandboxOnly()) {
            DataDirectory.ensurePrivate(DataDirectory.path()); // before H2 makes its file there
        }
        String configured = setting("SMS_DB_PASSWORD", "");
        if (!configured.isEmpty() || !defaultUrl) {
            return configured;
        }
        String database = sandboxOnly() ? "mem" : h2File().toString();
        synchronized (DatabaseSettings.class) {
            String[] g = generated;
            if (g == null || !g[0].equals(database)) {
                String p = sandboxOnly() ? H2Password.generate()
                        : H2Password.of(DataDirectory.path(), h2File(), configuredUrl(), setting("SMS_DB_USER", "sa"));
                g = new String[]{database, p};
                generated = g;
            }
            return g[1];
        }
    }

    public String url() {
        return url;
    }

    public String user() {
        return user;
    }

    /** A new, unpooled data source of the database's own driver; the container pools it. */
    public DataSource dataSource() {
        String password = password();
        if (isH2(url)) {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL(url);
            h2.setUser(user);
            h2.setPassword(password);
            return h2;
        }
        if (url.startsWith("jdbc:postgresql:")) {
            PGSimpleDataSource postgresql = new PGSimpleDataSource();
            postgresql.setURL(url);
            postgresql.setUser(user);
            postgresql.setPassword(password);
            return postgresql;
        }
        throw new IllegalStateException("SMS_DB_URL must start with jdbc:h2: or jdbc:postgresql:");
    }

    @Override
    public String toString() {
        return url + " as " + user; // never the password
    }

    private static String configuredUrl() {
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

    private static boolean isH2(String url) {
        return url.startsWith("jdbc:h2:");
    }

    static String setting(String name, String fallback) {
        String value = System.getProperty(name);
        if (value == null) {
            value = System.getenv(name);
        }
        return value == null ? fallback : value;
    }
}
