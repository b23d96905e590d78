package db.migration;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.SQLException;
import java.sql.Statement;

/**
 * The dashboard's per-day figures and the retention of message bodies.
 *
 * <ul>
 *   <li>Indexes on the time columns the dashboard counts by ({@code sent_at}; {@code status_at} with the state, so
 *       that PostgreSQL answers delivered/failed per day from the index alone; an inbound's {@code received_at};
 *       a contact's consent and when it changed, for the latest opt-outs).</li>
 *   <li>{@code body_erased_at}: when retention erased a body, so that screens say so instead of showing nothing.</li>
 *   <li>{@code retention_state}: one row; the instance that moves {@code next_run_at} runs the hour's erasure.</li>
 *   <li>The rows retention still has to look at: on PostgreSQL partial indexes holding only rows with a body, so
 *       that a run never walks past the rows already erased (they leave the index). H2 has no partial
 *       indexes; its small development databases get a plain one.</li>
 * </ul>
 */
public class V16__dashboard_and_retention extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws SQLException {
        boolean postgres = context.getConnection().getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
        try (Statement s = context.getConnection().createStatement()) {
            s.execute("alter table message add column body_erased_at timestamp with time zone");
            s.execute("alter table inbound_message add column body_erased_at timestamp with time zone");
            // Partial on PostgreSQL: queueing a campaign inserts rows with neither time yet, and should not pay for them.
            String sent = postgres ? " where sent_at is not null" : "";
            String settled = postgres ? " where status_at is not null" : "";
            s.execute("create index message_sent_at_idx on message (sent_at)" + sent);
            s.execute("create index message_status_at_state_idx on message (status_at, state)" + settled);
            // inbound_message (received_at, id) comes from V13.
            s.execute("create index contact_consent_changed_idx on contact (consent, consent_changed_at)");
            s.execute("create table retention_state (id integer not null primary key, next_run_at timestamp with time zone,"
                    + " last_run_at timestamp with time zone, last_erased bigint not null)");
            s.execute("insert into retention_state (id, last_erased) values (1, 0)");
            if (postgres) {
                s.execute("create index message_body_kept_idx on message (created_at) where body is not null or media_url is not null");
                s.execute("create index inbound_message_body_kept_idx on inbound_message (received_at) where body is not null");
            } else {
                s.execute("create index message_created_idx on message (created_at)");
            }
        }
    }
}
