package db.migration;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.logging.Logger;

/**
 * PostgreSQL only: trigram indexes so that "name or number contains" searches stay fast at a
 * million contacts, and a case-insensitive index for attribute values. H2 has neither pg_trgm nor
 * expression indexes, and its small development databases do not need them: there this is a no-op.
 */
public class V4__contact_search_indexes extends BaseJavaMigration {

    private static final Logger LOG = Logger.getLogger(V4__contact_search_indexes.class.getName());

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        if (!connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres")) {
            return;
        }
        try (Statement s = connection.createStatement()) {
            s.execute("create index contact_attribute_value_lower_idx on contact_attribute (name, lower(value_text))");
            String schema = trigramSchema(connection, s);
            if (schema == null) {
                LOG.warning("pg_trgm is not available: contact searches will scan the table");
                return;
            }
            // The extension may live in another schema (it exists once per database): qualify its operator class.
            String ops = "\"" + schema + "\".gin_trgm_ops";
            s.execute("create index contact_name_trgm_idx on contact using gin (lower(name) " + ops + ")");
            s.execute("create index contact_phone_trgm_idx on contact using gin (phone " + ops + ")");
        }
    }

    /** The schema holding pg_trgm, installing it into the current schema when it is missing; null if it cannot be had. */
    private static String trigramSchema(Connection connection, Statement s) throws SQLException {
        String installed = installedIn(s);
        if (installed != null) {
            return installed;
        }
        Savepoint before = connection.setSavepoint();
        try {
            s.execute("create extension if not exists pg_trgm");
        } catch (SQLException e) {
            connection.rollback(before); // no privilege or not shipped: search still works, only slower
            LOG.warning("Cannot create extension pg_trgm: " + e.getMessage());
            return null;
        }
        return installedIn(s);
    }

    private static String installedIn(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("select n.nspname from pg_extension e join pg_namespace n on n.oid = e.extnamespace"
                + " where e.extname = 'pg_trgm'")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
