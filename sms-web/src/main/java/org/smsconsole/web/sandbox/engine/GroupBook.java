package org.smsconsole.web.sandbox.engine;

import static org.smsconsole.sinch.SinchRules.groupIds;
import static org.smsconsole.sinch.SinchRules.maxLength;
import static org.smsconsole.sinch.SinchRules.msisdns;
import static org.smsconsole.sinch.SinchRules.require;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.smsconsole.sinch.Msisdn;
import org.smsconsole.sinch.group.AutoUpdate;
import org.smsconsole.sinch.group.Group;
import org.smsconsole.sinch.group.GroupRequest;
import org.smsconsole.sinch.group.GroupUpdate;
import org.smsconsole.sinch.group.Groups;

/** Sinch groups: members, child groups and the MO keywords that add or remove members. Guarded by the engine's lock. */
final class GroupBook {

    private static final class StoredGroup {
        final String id;
        final long sequence;
        final Instant createdAt;
        Instant modifiedAt;
        String name;
        final Set<String> members = new LinkedHashSet<>();
        List<String> childGroups = List.of();
        AutoUpdate autoUpdate;

        StoredGroup(String id, long sequence, Instant createdAt) {
            this.id = id;
            this.sequence = sequence;
            this.createdAt = createdAt;
            this.modifiedAt = createdAt;
        }

        Group view() {
            return new Group(id, name, members.size(), createdAt, modifiedAt, List.copyOf(childGroups), autoUpdate);
        }
    }

    private final Map<String, StoredGroup> groups = new LinkedHashMap<>();
    private long sequence;

    Group create(GroupRequest request, Instant now) {
        validate(request);
        StoredGroup group = new StoredGroup(SinchIds.next(now), sequence++, now);
        fill(group, request);
        groups.put(group.id, group);
        return group.view();
    }

    Group get(String id) {
        return find(id).view();
    }

    Slice<Group> list(Integer page, Integer pageSize) {
        List<Group> all = groups.values().stream().sorted(Comparator.comparingLong((StoredGroup g) -> g.sequence).reversed())
                .map(StoredGroup::view).toList();
        return Slice.of(all, page, pageSize);
    }

    Group replace(String id, GroupRequest request, Instant now) {
        StoredGroup group = find(id);
        validate(request);
        group.name = null;
        group.members.clear();
        group.childGroups = List.of();
        group.autoUpdate = null;
        fill(group, request);
        group.modifiedAt = now;
        return group.view();
    }

    Group update(String id, GroupUpdate update, Instant now) {
        StoredGroup group = find(id);
        if (update == null) {
            throw SandboxException.constraint("an update is required");
        }
        Rules.check(() -> {
            maxLength("name", update.name(), Groups.MAX_NAME);
            msisdns("add", update.add(), Groups.MAX_MEMBERS);
            msisdns("remove", update.remove(), Groups.MAX_MEMBERS);
            autoUpdate(update.autoUpdate());
        });
        Set<String> fromGroup = update.addFromGroup() == null ? Set.of() : find(update.addFromGroup()).members;
        Set<String> minusGroup = update.removeFromGroup() == null ? Set.of() : find(update.removeFromGroup()).members;
        if (update.removeName()) {
            group.name = null;
        } else if (update.name() != null) {
            group.name = update.name();
        }
        // Adds before removes; duplicate adds and unknown removes are no errors.
        if (update.add() != null) {
            update.add().stream().map(Msisdn::normalize).forEach(group.members::add);
        }
        group.members.addAll(fromGroup);
        if (update.remove() != null) {
            update.remove().stream().map(Msisdn::normalize).forEach(group.members::remove);
        }
        group.members.removeAll(new ArrayList<>(minusGroup));
        if (group.members.size() > Groups.MAX_MEMBERS) {
            throw SandboxException.constraint("a group has at most " + Groups.MAX_MEMBERS + " members");
        }
        if (update.autoUpdate() != null) {
            group.autoUpdate = normalized(update.autoUpdate());
        }
        group.modifiedAt = now;
        return group.view();
    }

    void delete(String id) {
        find(id);
        groups.remove(id);
    }

    List<String> members(String id) {
        return List.copyOf(find(id).members);
    }

    boolean exists(String id) {
        return groups.containsKey(id);
    }

    /** Members and child groups' members, as Sinch resolves a group when a batch is sent; a deleted group is empty. */
    Set<String> resolve(String id) {
        Set<String> out = new LinkedHashSet<>();
        StoredGroup group = groups.get(id);
        if (group != null) {
            out.addAll(group.members);
            for (String child : group.childGroups) {
                StoredGroup c = groups.get(child);
                if (c != null) {
                    out.addAll(c.members);
                }
            }
        }
        return out;
    }

    /** Applies the keywords of every group whose {@code auto_update.to} is the MO's {@code to}. */
    void applyKeywords(String from, String to, String body, Instant now) {
        String[] words = body == null ? new String[0] : body.trim().split("\\s+");
        String first = words.length > 0 ? words[0] : "";
        String second = words.length > 1 ? words[1] : null;
        for (StoredGroup group : groups.values()) {
            AutoUpdate auto = group.autoUpdate;
            if (auto == null || !Msisdn.normalizeLenient(auto.to()).equals(to)) {
                continue;
            }
            boolean changed = false;
            if (matches(auto.add(), first, second)) {
                changed = group.members.add(from);
            } else if (matches(auto.remove(), first, second)) {
                changed = group.members.remove(from);
            }
            if (changed) {
                group.modifiedAt = now;
            }
        }
    }

    void clear() {
        groups.clear();
    }

    private static boolean matches(AutoUpdate.Keywords keywords, String first, String second) {
        if (keywords == null || keywords.firstWord() == null) {
            return false;
        }
        boolean firstOk = keywords.firstWord().toLowerCase(Locale.ROOT).equals(first.toLowerCase(Locale.ROOT));
        return firstOk && (keywords.secondWord() == null
                || (second != null && keywords.secondWord().equalsIgnoreCase(second)));
    }

    private void fill(StoredGroup group, GroupRequest request) {
        for (String child : request.childGroups() == null ? List.<String>of() : request.childGroups()) {
            if (!groups.containsKey(child)) {
                throw new SandboxException(403, "unknown_group", "child group '" + child + "' not found");
            }
        }
        group.name = request.name();
        if (request.members() != null) {
            request.members().stream().map(Msisdn::normalize).forEach(group.members::add);
        }
        group.childGroups = request.childGroups() == null ? List.of() : List.copyOf(request.childGroups());
        group.autoUpdate = normalized(request.autoUpdate());
    }

    private static AutoUpdate normalized(AutoUpdate auto) {
        return auto == null ? null : new AutoUpdate(Msisdn.normalizeLenient(auto.to()), auto.add(), auto.remove());
    }

    private StoredGroup find(String id) {
        StoredGroup group = groups.get(id);
        if (group == null) {
            throw SandboxException.notFound("group", id);
        }
        return group;
    }

    private static void validate(GroupRequest request) {
        if (request == null) {
            throw SandboxException.constraint("a group is required");
        }
        Rules.check(() -> {
            maxLength("name", request.name(), Groups.MAX_NAME);
            msisdns("members", request.members(), Groups.MAX_MEMBERS);
            groupIds("child_groups", request.childGroups(), Groups.MAX_CHILD_GROUPS);
            autoUpdate(request.autoUpdate());
        });
    }

    private static void autoUpdate(AutoUpdate auto) {
        if (auto == null) {
            return;
        }
        require(auto.to() != null && auto.to().matches("\\+?[0-9]+"), "auto_update.to", "a number or short code is required");
        keywords("auto_update.add", auto.add());
        keywords("auto_update.remove", auto.remove());
    }

    private static void keywords(String field, AutoUpdate.Keywords keywords) {
        if (keywords == null) {
            return;
        }
        require(keywords.firstWord() != null, field + ".first_word", "is required");
        for (String word : new String[] {keywords.firstWord(), keywords.secondWord()}) {
            if (word != null) {
                require(word.matches("\\S+"), field, "one word");
                maxLength(field, word, Groups.MAX_KEYWORD);
            }
        }
    }
}
