package org.smsconsole.config;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;

/**
 * The data source the container pools as {@code java:app/jdbc/sms} (named by the web module's
 * {@code @DataSourceDefinition}): the database of {@link DatabaseSettings}, read when the pool
 * creates it.
 *
 * <p>It reads its settings itself rather than through {@code ${MPCONFIG=...}} placeholders in the
 * definition: Payara Server builds the persistence unit, and with it this pool, while it prepares the
 * EAR's web module, before MicroProfile Config knows which application is deploying; the placeholders
 * then stay unresolved ({@code ClassNotFoundException: ${MPCONFIG=...}}). Read here, the same
 * variables work on Payara Micro and Payara Server alike.
 */
public class ConsoleDataSource implements DataSource {

    private final DataSource database = DatabaseSettings.current().dataSource();

    @Override
    public Connection getConnection() throws SQLException {
        return database.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return database.getConnection(username, password);
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return database.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        database.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        database.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return database.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return database.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return type.isInstance(database) ? type.cast(database) : database.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(database) || database.isWrapperFor(type);
    }
}
