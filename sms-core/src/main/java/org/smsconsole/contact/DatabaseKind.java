package org.smsconsole.contact;

import jakarta.persistence.EntityManager;
import org.hibernate.Session;

import java.util.concurrent.atomic.AtomicReference;

/** Whether we run on PostgreSQL (estimates, ANALYZE, bulk id reservation) or H2. Asked once. */
public final class DatabaseKind {

    private static final AtomicReference<Boolean> POSTGRES = new AtomicReference<>();

    private DatabaseKind() {
    }

    public static boolean isPostgres(EntityManager em) {
        Boolean known = POSTGRES.get();
        if (known == null) {
            known = em.unwrap(Session.class).doReturningWork(c -> c.getMetaData().getDatabaseProductName()
                    .toLowerCase(java.util.Locale.ROOT).contains("postgres"));
            POSTGRES.set(known);
        }
        return known;
    }

    public static boolean isPostgres(java.sql.Connection connection) throws java.sql.SQLException {
        Boolean known = POSTGRES.get();
        if (known == null) {
            known = connection.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres");
            POSTGRES.set(known);
        }
        return known;
    }
}
