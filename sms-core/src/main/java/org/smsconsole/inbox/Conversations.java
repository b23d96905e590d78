package org.smsconsole.inbox;

import static org.smsconsole.persistence.Jdbc.utc;
import static org.smsconsole.persistence.Jdbc.instant;
import static org.smsconsole.persistence.Jdbc.setString;
import jakarta.inject.Inject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.security.enterprise.SecurityContext;
import jakarta.transaction.Transactional;
import org.hibernate.Session;
import org.smsconsole.sinch.SinchJson;
import org.smsconsole.sinch.inbound.MediaInbound;

import java.security.Principal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The shared team inbox: one conversation per phone number that wrote to us ({@code from_number} of the MOs,
 * the recipient's number of what we sent), named after the contact with that number when there is one.
 * The {@code conversation} table is a summary kept current by {@link #received} (Inbounds, for each new MO) and
 * {@link #sent} (Messages, for each single message queued), so listing, ordering and the unread total read a
 * few index entries, never the message tables. Read state is global: the first operator to open a
 * conversation marks its MOs read, with who and when.
 */
@ApplicationScoped
@Transactional
public class Conversations {

    static final int SNIPPET = 200;

    private static final String COLUMNS = "select v.phone, c.name, v.last_at, v.last_text, v.last_inbound, v.unread, v.read_at, v.read_by"
            + " from conversation v left join contact c on c.phone = v.phone";

    @PersistenceContext(unitName = "sms")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    SecurityContext securityContext;

    /** An MO just stored for the first time. */
    public record Arrival(String phone, Instant at, String type, String body) {
    }

    /**
     * Called by {@code Inbounds} in its transaction with the MOs that were new: each one's conversation is created
     * or moves up with the MO as its newest message (unless a newer one is there: the poller may bring old MOs),
     * and counts one more unread.
     */
    public void received(List<Arrival> arrivals) {
        if (arrivals.isEmpty()) {
            return;
        }
        List<Arrival> sorted = new ArrayList<>(arrivals);
        sorted.sort(Comparator.comparing(Arrival::phone)); // one lock order: concurrent stores never deadlock
        OffsetDateTime now = utc(clock.instant());
        work(c -> {
            try (PreparedStatement update = c.prepareStatement("update conversation set unread = unread + 1,"
                    + " last_text = case when last_at <= ? then ? else last_text end,"
                    + " last_inbound = case when last_at <= ? then true else last_inbound end,"
                    + " last_at = case when last_at <= ? then ? else last_at end where phone = ?");
                 PreparedStatement insert = c.prepareStatement("insert into conversation (phone, last_at, last_text, last_inbound,"
                         + " unread, created_at) values (?, ?, ?, true, 1, ?) on conflict do nothing")) {
                for (Arrival a : sorted) {
                    OffsetDateTime at = utc(a.at() == null ? clock.instant() : a.at());
                    String snippet = snippet(a.type(), a.body());
                    boolean done = false;
                    for (int attempt = 0; attempt < 2 && !done; attempt++) {
                        if (moveUp(update, at, snippet, a.phone()) == 1) {
                            done = true;
                        } else {
                            insert.setString(1, a.phone());
                            insert.setObject(2, at);
                            setString(insert, 3, snippet);
                            insert.setObject(4, now);
                            done = insert.executeUpdate() == 1; // 0: created meanwhile by another store, update it
                        }
                    }
                }
            }
            return null;
        });
    }

    private static int moveUp(PreparedStatement update, OffsetDateTime at, String snippet, String phone) throws SQLException {
        update.setObject(1, at);
        setString(update, 2, snippet);
        update.setObject(3, at);
        update.setObject(4, at);
        update.setObject(5, at);
        update.setString(6, phone);
        return update.executeUpdate();
    }

    /**
     * Called by {@code Messages} for each single message it queues (a reply, a composed message, a STOP
     * confirmation): when the number has a conversation, the message becomes its newest. Numbers that never
     * wrote to us get no conversation.
     */
    public void sent(String phone, Instant at, String text) {
        OffsetDateTime when = utc(at);
        String snippet = cut(text);
        work(c -> {
            try (PreparedStatement ps = c.prepareStatement("update conversation set"
                    + " last_text = case when last_at <= ? then ? else last_text end,"
                    + " last_inbound = case when last_at <= ? then false else last_inbound end,"
                    + " last_at = case when last_at <= ? then ? else last_at end where phone = ?")) {
                moveUp(ps, when, snippet, phone);
            }
            return null;
        });
    }

    /**
     * A page of conversations, newest first. {@code search} matches the contact's name, the number, or the
     * text of an SMS from the number. Ask for one more than a page to learn whether another page follows:
     * nothing here counts all conversations.
     */
    public List<ConversationView> page(String search, int first, int size) {
        List<Object> values = new ArrayList<>();
        String where = where(search, values);
        values.add(size);
        values.add(first);
        return work(c -> {
            try (PreparedStatement ps = c.prepareStatement(COLUMNS + where + " order by v.last_at desc, v.phone desc limit ? offset ?")) {
                bind(ps, values);
                return views(ps);
            }
        });
    }

    public Optional<ConversationView> find(String phone) {
        if (phone == null || phone.isBlank()) {
            return Optional.empty();
        }
        return work(c -> {
            try (PreparedStatement ps = c.prepareStatement(COLUMNS + " where v.phone = ?")) {
                ps.setString(1, phone);
                return views(ps).stream().findFirst();
            }
        });
    }

    /** Inbound messages nobody has read yet, in every conversation (reads only conversations with some unread). */
    public long unreadTotal() {
        return work(c -> {
            try (PreparedStatement ps = c.prepareStatement("select coalesce(sum(unread), 0) from conversation where unread > 0");
                 ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        });
    }

    /**
     * Marks the conversation's inbound messages read by the caller, now. The conversation's row is locked
     * first: an MO stored meanwhile either is marked too or counts as unread afterwards, never lost between.
     *
     * @return how many messages were unread
     */
    public int markRead(String phone) {
        OffsetDateTime now = utc(clock.instant());
        String reader = caller();
        return work(c -> {
            try (PreparedStatement conversation = c.prepareStatement(
                    "update conversation set unread = 0, read_at = ?, read_by = ? where phone = ? and unread > 0")) {
                conversation.setObject(1, now);
                conversation.setString(2, reader);
                conversation.setString(3, phone);
                if (conversation.executeUpdate() == 0) {
                    return 0;
                }
            }
            try (PreparedStatement messages = c.prepareStatement(
                    "update inbound_message set read_at = ?, read_by = ? where from_number = ? and read_at is null")) {
                messages.setObject(1, now);
                messages.setString(2, reader);
                messages.setString(3, phone);
                return messages.executeUpdate();
            }
        });
    }

    /**
     * The newest {@code limit} messages with the number, both ways, oldest first: MOs by the time Sinch received
     * them, ours by the time they were queued.
     */
    public List<ThreadEntry> thread(String phone, int limit) {
        List<ThreadEntry> entries = work(c -> {
            List<ThreadEntry> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select id, type, body, udh, coalesce(received_at, stored_at), read_at, read_by"
                    + " from inbound_message where from_number = ? order by coalesce(received_at, stored_at) desc, id desc limit ?")) {
                ps.setString(1, phone);
                ps.setInt(2, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(inbound(rs));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("select m.id, m.body, m.media_url, m.state, m.delivery_status, m.delivery_code,"
                    + " m.reason, m.created_at, cp.name, cp.body from message m left join campaign cp on cp.id = m.campaign_id"
                    + " where m.phone = ? order by m.created_at desc, m.id desc limit ?")) {
                ps.setString(1, phone);
                ps.setInt(2, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(outbound(rs));
                    }
                }
            }
            return out;
        });
        entries.sort(Comparator.comparing(ThreadEntry::at).thenComparing(ThreadEntry::key));
        return entries.subList(Math.max(0, entries.size() - limit), entries.size());
    }

    /** The number the customer last wrote to (our number or short code, digits as Sinch gives them), if any. */
    public Optional<String> lastCalledNumber(String phone) {
        return work(c -> {
            try (PreparedStatement ps = c.prepareStatement("select to_number from inbound_message where from_number = ?"
                    + " order by coalesce(received_at, stored_at) desc, id desc limit 1")) {
                ps.setString(1, phone);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    private static ThreadEntry inbound(ResultSet rs) throws SQLException {
        String type = rs.getString(2);
        String body = rs.getString(3);
        String text = body;
        String subject = null;
        List<ThreadEntry.Media> media = List.of();
        if ("mo_binary".equals(type)) {
            text = describeBinary(body, rs.getString(4));
        } else if ("mo_media".equals(type)) {
            MediaInbound.Body mms = mms(body);
            if (mms == null) {
                text = body == null ? null : "An MMS that could not be read: " + body;
            } else {
                text = mms.message();
                subject = mms.subject();
                media = mms.media() == null ? List.of() : mms.media().stream()
                        .filter(m -> m != null && m.url() != null)
                        .map(m -> new ThreadEntry.Media(m.url(), m.contentType(), m.status(), isWebLink(m.url()))).toList();
            }
        }
        return new ThreadEntry("in-" + rs.getLong(1), true, type, instant(rs, 5), text, subject, media, null, null, null,
                instant(rs, 6), rs.getString(7));
    }

    private static ThreadEntry outbound(ResultSet rs) throws SQLException {
        String body = rs.getString(2);
        String mediaUrl = rs.getString(3);
        String campaign = rs.getString(9);
        if (body == null && campaign != null) {
            body = rs.getString(10); // a campaign's rows keep no text of their own
        }
        StringBuilder detail = new StringBuilder();
        if (rs.getString(5) != null) {
            detail.append(rs.getString(5));
        }
        int code = rs.getInt(6);
        if (!rs.wasNull()) {
            detail.append(detail.length() == 0 ? "" : " ").append("(code ").append(code).append(')');
        }
        if (rs.getString(7) != null) {
            detail.append(detail.length() == 0 ? "" : ": ").append(rs.getString(7));
        }
        List<ThreadEntry.Media> media = mediaUrl == null ? List.of() : List.of(new ThreadEntry.Media(mediaUrl, null, null, isWebLink(mediaUrl)));
        return new ThreadEntry("out-" + rs.getLong(1), false, ThreadEntry.OUTBOUND, instant(rs, 8), body, null, media,
                rs.getString(4), detail.toString(), campaign, null, null);
    }

    /** The MMS body as stored (the JSON of Sinch's {@code mo_media} body), or null when it is not readable. */
    static MediaInbound.Body mms(String json) {
        if (json == null || json.isBlank()) {
            return null;
        }
        try {
            return SinchJson.read(json, MediaInbound.Body.class);
        } catch (RuntimeException e) {
            return null; // cut to fit, or not JSON: shown as text instead
        }
    }

    /** Only http(s) addresses become links: a {@code javascript:} or {@code data:} URL in an MMS stays text. */
    static boolean isWebLink(String url) {
        String u = url.strip().toLowerCase(Locale.ROOT);
        return u.startsWith("https://") || u.startsWith("http://");
    }

    private static String describeBinary(String base64, String udh) {
        String size;
        try {
            size = Base64.getDecoder().decode(base64 == null ? "" : base64.strip()).length + " bytes";
        } catch (IllegalArgumentException e) {
            size = "not valid Base64";
        }
        return "Binary message (" + size + (udh == null || udh.isBlank() ? "" : ", UDH " + udh) + ")";
    }

    /** What the list shows of a message: its text, or what kind of message it was. */
    static String snippet(String type, String body) {
        if ("mo_binary".equals(type)) {
            return "Binary message";
        }
        if ("mo_media".equals(type)) {
            MediaInbound.Body mms = mms(body);
            String words = mms == null ? null : (mms.subject() != null && !mms.subject().isBlank() ? mms.subject() : mms.message());
            return cut("MMS" + (words == null || words.isBlank() ? "" : ": " + words));
        }
        return cut(body);
    }

    private static String cut(String text) {
        if (text == null) {
            return null;
        }
        String oneLine = text.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= SNIPPET ? oneLine : oneLine.substring(0, SNIPPET - 1) + "…";
    }

    private String where(String search, List<Object> values) {
        if (search == null || search.isBlank()) {
            return "";
        }
        String text = "%" + escape(search.strip().toLowerCase(Locale.ROOT)) + "%";
        String digits = search.replaceAll("[^0-9]", "");
        values.add(text);
        StringBuilder sql = new StringBuilder(" where (lower(c.name) like ?");
        if (!digits.isEmpty()) {
            // A search without digits must not match every number through "%%".
            sql.append(" or v.phone like ?");
            values.add("%" + digits + "%");
        }
        sql.append(" or v.phone in (select i.from_number from inbound_message i where i.type = 'mo_text' and lower(i.body) like ?))");
        values.add(text);
        return sql.toString();
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static List<ConversationView> views(PreparedStatement ps) throws SQLException {
        List<ConversationView> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new ConversationView(rs.getString(1), rs.getString(2), instant(rs, 3), rs.getString(4), rs.getBoolean(5),
                        rs.getInt(6), instant(rs, 7), rs.getString(8)));
            }
        }
        return out;
    }

    private static void bind(PreparedStatement ps, List<Object> values) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            ps.setObject(i + 1, values.get(i));
        }
    }




    private String caller() {
        Principal principal = securityContext.getCallerPrincipal();
        return principal == null ? "system" : principal.getName();
    }

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T work(Work<T> work) {
        return em.unwrap(Session.class).doReturningWork(work::run);
    }
}
