package org.smsconsole.contact;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.hibernate.Session;
import org.smsconsole.audit.AuditLog;
import org.smsconsole.csv.CsvWriter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Any search as CSV, streamed row by row from a database cursor, so a million contacts never sit
 * in memory. Attributes become columns named after them, so the file imports back as it is.
 */
@ApplicationScoped
@Transactional
public class ContactExport {

    public static final List<String> FIXED_COLUMNS = List.of("phone", "name", "language", "time_zone", "consent",
            "consent_changed_at", "consent_reason", "created_at", "updated_at");

    @PersistenceContext(unitName = "sms")
    EntityManager em;

    @Inject
    AuditLog audit;

    /** Writes the contacts {@code query} finds, ordered by id; returns how many. */
    public long write(ContactQuery query, Writer out) {
        ContactSearch search = new ContactSearch(query);
        long written = em.unwrap(Session.class).doReturningWork(connection -> {
            List<String> attributeNames = new ArrayList<>();
            try (ResultSet rs = connection.createStatement().executeQuery("select distinct name from contact_attribute order by name")) {
                while (rs.next()) {
                    attributeNames.add(rs.getString(1));
                }
            }
            CsvWriter csv = new CsvWriter(out);
            List<String> header = new ArrayList<>(FIXED_COLUMNS);
            header.addAll(attributeNames);
            csv.row(header);
            List<Object> values = new ArrayList<>();
            String where = search.jdbcWhere(values);
            try (PreparedStatement select = connection.prepareStatement("select c.id, c.phone, c.name, c.language, c.time_zone,"
                    + " c.consent, c.consent_changed_at, c.consent_reason, c.created_at, c.updated_at, a.name, a.value_text"
                    + " from contact c left join contact_attribute a on a.contact_id = c.id" + where + " order by c.id")) {
                for (int i = 0; i < values.size(); i++) {
                    select.setObject(i + 1, values.get(i));
                }
                select.setFetchSize(2000); // a cursor on PostgreSQL (the transaction keeps autocommit off)
                try (ResultSet rs = select.executeQuery()) {
                    return writeRows(rs, csv, attributeNames);
                }
            }
        });
        flush(out);
        audit.record("CONTACTS_EXPORTED", written + " contacts", "matching " + query.describe());
        return written;
    }

    private static long writeRows(ResultSet rs, CsvWriter csv, List<String> attributeNames) throws java.sql.SQLException {
        long count = 0;
        long currentId = -1;
        List<String> fixed = null;
        Map<String, String> attributes = new HashMap<>();
        while (rs.next()) {
            long id = rs.getLong(1);
            if (id != currentId) {
                if (fixed != null) {
                    csv.row(line(fixed, attributes, attributeNames));
                    count++;
                }
                currentId = id;
                attributes.clear();
                fixed = List.of(rs.getString(2), nz(CsvWriter.text(rs.getString(3))), nz(rs.getString(4)), nz(rs.getString(5)),
                        rs.getString(6).toLowerCase(java.util.Locale.ROOT), instant(rs.getTimestamp(7)),
                        nz(CsvWriter.text(rs.getString(8))), instant(rs.getTimestamp(9)), instant(rs.getTimestamp(10)));
            }
            if (rs.getString(11) != null) {
                attributes.put(rs.getString(11), rs.getString(12));
            }
        }
        if (fixed != null) {
            csv.row(line(fixed, attributes, attributeNames));
            count++;
        }
        return count;
    }

    private static List<String> line(List<String> fixed, Map<String, String> attributes, List<String> names) {
        List<String> line = new ArrayList<>(fixed);
        for (String name : names) {
            line.add(nz(CsvWriter.text(attributes.get(name))));
        }
        return line;
    }

    private static String instant(Timestamp t) {
        return t == null ? "" : t.toInstant().toString();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static void flush(Writer out) {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
