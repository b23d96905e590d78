package db.migration;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.SQLException;
import java.sql.Statement;

/**
 * Imports of a million contacts within 30 s on PostgreSQL (see docs/benchmarks.md).
 *
 * <ul>
 *   <li>{@code import_job.search_indexes_deferred}: the job dropped the contact search's trigram indexes and the name
 *       order's index to build them once at its end (see {@code DeferredContactIndexes}); whoever finds them missing
 *       and no such job running builds them again.</li>
 *   <li>PostgreSQL only: {@code contact_consent_changed_idx} (V16, the dashboard's latest opt-outs) holds only contacts
 *       whose consent has changed, which the dashboard asks for; an imported contact no longer pays for it.</li>
 *   <li>PostgreSQL only: {@code contact_attribute}'s foreign key becomes a statement-level delete trigger. The key
 *       checked every inserted attribute with a row-locking probe of {@code contact} (half the time of an imported
 *       attribute: 7 of 14 s per 2,000,000). Attributes are only ever written for a contact that exists in the same
 *       transaction (an import's own new rows, or a contact whose row the writer has locked or version-checked), so
 *       the check guarded nothing a test could break; the cascade on delete is what matters, and the trigger keeps
 *       it in the database for every path, one join per statement. H2 keeps the key.</li>
 * </ul>
 */
public class V18__bulk_import_indexes_and_attribute_cascade extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws SQLException {
        boolean postgres = context.getConnection().getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
        try (Statement s = context.getConnection().createStatement()) {
            s.execute("alter table import_job add column search_indexes_deferred boolean default false not null");
            if (postgres) {
                s.execute("drop index contact_consent_changed_idx");
                s.execute("create index contact_consent_changed_idx on contact (consent, consent_changed_at) where consent_changed_at is not null");
                s.execute("alter table contact_attribute drop constraint contact_attribute_contact_fk");
                s.execute("create function contact_attribute_cascade() returns trigger language plpgsql as $$"
                        + " begin delete from contact_attribute a using deleted_contact d where a.contact_id = d.id; return null; end $$");
                s.execute("create trigger contact_attribute_cascade after delete on contact"
                        + " referencing old table as deleted_contact for each statement execute function contact_attribute_cascade()");
            }
        }
    }
}
