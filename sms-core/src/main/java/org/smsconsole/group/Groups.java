package org.smsconsole.group;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.smsconsole.audit.AuditLog;
import org.smsconsole.contact.ContactQuery;
import org.smsconsole.contact.ContactSearch;
import org.smsconsole.contact.Contacts;
import org.smsconsole.validation.InvalidInputException;
import org.smsconsole.validation.NotFoundException;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** The use cases of groups: create, rename, delete, list with counts, add and remove members. */
@ApplicationScoped
@Transactional
public class Groups {

    public static final int MAX_NAME = 100;

    @PersistenceContext(unitName = "sms")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    AuditLog audit;

    @Inject
    Contacts contacts;

    public GroupView create(String name) {
        String clean = cleanName(name, null);
        ContactGroup group = new ContactGroup(clean, clock.instant());
        em.persist(group);
        em.flush();
        audit.record("GROUP_CREATED", subject(group), null);
        return view(group);
    }

    public GroupView rename(long id, String name) {
        ContactGroup group = find(id);
        String clean = cleanName(name, id);
        String before = group.getName();
        group.rename(clean, clock.instant());
        em.flush();
        audit.record("GROUP_RENAMED", subject(group), "was " + before);
        return view(group);
    }

    /** Deletes the group; its contacts stay. */
    public void delete(long id) {
        ContactGroup group = find(id);
        em.remove(group);
        audit.record("GROUP_DELETED", subject(group), null);
    }

    public GroupView get(long id) {
        return view(find(id));
    }

    /** All groups by name with their member counts (groups are few; members may be millions). */
    public List<GroupView> list() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select g.id, g.name, (select count(*) from group_member m where m.group_id = g.id),"
                + " g.created_at, g.updated_at from contact_group g order by lower(g.name), g.id").getResultList();
        return rows.stream().map(r -> new GroupView(((Number) r[0]).longValue(), (String) r[1], ((Number) r[2]).longValue(),
                instant(r[3]), instant(r[4]))).toList();
    }

    /** Adds these contacts (unknown ids refuse everything, naming {@code contact_ids}); returns how many were new members. */
    public int addMembers(long groupId, Collection<Long> contactIds) {
        ContactGroup group = find(groupId);
        contacts.requireExisting(contactIds, "contact_ids");
        int added = 0;
        Instant now = clock.instant();
        for (Long contactId : contactIds.stream().distinct().toList()) {
            added += em.createNativeQuery("insert into group_member (group_id, contact_id, added_at) select :g, :c, :at"
                            + " where not exists (select 1 from group_member where group_id = :g and contact_id = :c)")
                    .setParameter("g", groupId).setParameter("c", contactId).setParameter("at", now).executeUpdate();
        }
        audit.record("GROUP_MEMBERS_ADDED", subject(group), added + " contacts");
        return added;
    }

    /** Adds every contact a search finds, in one statement. */
    public int addMatching(long groupId, ContactQuery query) {
        ContactGroup group = find(groupId);
        ContactSearch search = new ContactSearch(query);
        int added = search.bind(em.createNativeQuery("insert into group_member (group_id, contact_id, added_at)"
                        + " select :g, c.id, :at from contact c" + search.where()
                        + " and not exists (select 1 from group_member x where x.group_id = :g and x.contact_id = c.id)"))
                .setParameter("g", groupId).setParameter("at", clock.instant()).executeUpdate();
        audit.record("GROUP_MEMBERS_ADDED", subject(group), added + " contacts matching " + query.describe());
        return added;
    }

    public int removeMembers(long groupId, Collection<Long> contactIds) {
        ContactGroup group = find(groupId);
        contacts.requireExisting(contactIds, "contact_ids");
        int removed = contactIds.isEmpty() ? 0 : em.createNativeQuery("delete from group_member where group_id = :g and contact_id in (:ids)")
                .setParameter("g", groupId).setParameter("ids", contactIds.stream().distinct().toList()).executeUpdate();
        audit.record("GROUP_MEMBERS_REMOVED", subject(group), removed + " contacts");
        return removed;
    }

    public int removeMatching(long groupId, ContactQuery query) {
        ContactGroup group = find(groupId);
        ContactSearch search = new ContactSearch(query);
        int removed = search.bind(em.createNativeQuery("delete from group_member where group_id = :g and contact_id in"
                        + " (select c.id from contact c" + search.where() + ")"))
                .setParameter("g", groupId).executeUpdate();
        audit.record("GROUP_MEMBERS_REMOVED", subject(group), removed + " contacts matching " + query.describe());
        return removed;
    }

    private static String subject(ContactGroup group) {
        return "group " + group.getId() + " " + group.getName();
    }

    private GroupView view(ContactGroup group) {
        long members = ((Number) em.createNativeQuery("select count(*) from group_member where group_id = :g")
                .setParameter("g", group.getId()).getSingleResult()).longValue();
        return new GroupView(group.getId(), group.getName(), members, group.getCreatedAt(), group.getUpdatedAt());
    }

    private ContactGroup find(long id) {
        ContactGroup group = em.find(ContactGroup.class, id);
        if (group == null) {
            throw new NotFoundException("Group", id);
        }
        return group;
    }

    private String cleanName(String name, Long exceptId) {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("name", "A group needs a name");
        }
        String clean = name.strip();
        if (clean.length() > MAX_NAME) {
            throw new InvalidInputException("name", "A group name has at most " + MAX_NAME + " characters");
        }
        List<Long> owners = em.createQuery("select g.id from ContactGroup g where lower(g.name) = lower(:n)", Long.class)
                .setParameter("n", clean).getResultList();
        if (owners.stream().anyMatch(o -> !o.equals(exceptId))) {
            throw new InvalidInputException("name", "There is already a group called " + clean);
        }
        return clean;
    }

    private static Instant instant(Object value) {
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        return value instanceof Instant i ? i : null;
    }
}
