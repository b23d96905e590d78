package db.migration;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Imports at scale. Everywhere: {@code import_job.heartbeat_at}, moved by the console running a job,
 * so that another instance (or the same one after a restart) can tell a job whose owner is gone.
 * PostgreSQL only: drops {@code contact_attribute_name_value_idx}, which V4's
 * {@code (name, lower(value_text))} index makes redundant there (searches compare lower(value_text),
 * lookups by name use either index's first column) while every imported attribute paid for it.
 * H2 has no V4 index, so it keeps this one.
 */
public class V9__import_heartbeat_and_lean_attribute_index extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        try (Statement s = connection.createStatement()) {
            s.execute("alter table import_job add column heartbeat_at timestamp with time zone");
            if (connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres")) {
                s.execute("drop index contact_attribute_name_value_idx");
            }
        }
    }
}
