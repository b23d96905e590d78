package org.smsconsole.sinch.group;

import static org.smsconsole.sinch.SinchRules.groupId;
import static org.smsconsole.sinch.SinchRules.groupIds;
import static org.smsconsole.sinch.SinchRules.maxLength;
import static org.smsconsole.sinch.SinchRules.msisdns;
import static org.smsconsole.sinch.SinchRules.require;

import jakarta.json.bind.JsonbException;
import java.util.List;
import java.util.stream.Stream;
import org.smsconsole.sinch.Msisdn;
import org.smsconsole.sinch.Page;
import org.smsconsole.sinch.Paging;
import org.smsconsole.sinch.SinchRules;
import org.smsconsole.sinch.SinchTransport;

/** {@code /groups}: create, list, get, replace, update, delete, members. */
public final class Groups {
    public static final int MAX_NAME = 20;
    public static final int MAX_MEMBERS = 10_000;
    public static final int MAX_CHILD_GROUPS = 10;
    public static final int MAX_KEYWORD = 15;

    private final SinchTransport http;

    public Groups(SinchTransport http) {
        this.http = http;
    }

    /** {@code POST /groups} (201). */
    public Group create(GroupRequest request) {
        validate(request);
        return http.call("POST", "groups").body(normalized(request)).as(Group.class);
    }

    public Page<Group> list(int page, int pageSize) {
        Paging.checkPageSize(pageSize);
        return http.call("GET", "groups").query("page", page).query("page_size", pageSize).as(GroupList.class);
    }

    public Stream<Group> stream() {
        return stream(Paging.MAX_PAGE_SIZE);
    }

    public Stream<Group> stream(int pageSize) {
        return Paging.stream(page -> list(page, pageSize), pageSize);
    }

    public Group get(String groupId) {
        SinchRules.id("group_id", groupId);
        return http.call("GET", "groups/{id}").path("id", groupId).as(Group.class);
    }

    /** {@code PUT /groups/{id}}: everything replaced; what is omitted is gone. */
    public Group replace(String groupId, GroupRequest request) {
        SinchRules.id("group_id", groupId);
        validate(request);
        return http.call("PUT", "groups/{id}").path("id", groupId).body(normalized(request)).as(Group.class);
    }

    /** {@code POST /groups/{id}}: adds before removes; unknown removes and duplicate adds are fine. */
    public Group update(String groupId, GroupUpdate update) {
        SinchRules.id("group_id", groupId);
        require(update != null, "body", "an update is required");
        maxLength("name", update.name(), MAX_NAME);
        msisdns("add", update.add(), MAX_MEMBERS);
        msisdns("remove", update.remove(), MAX_MEMBERS);
        groupId("add_from_group", update.addFromGroup());
        groupId("remove_from_group", update.removeFromGroup());
        autoUpdate(update.autoUpdate());
        GroupUpdate sent = new GroupUpdate(update.name(), update.removeName(), digits(update.add()), digits(update.remove()),
                update.addFromGroup(), update.removeFromGroup(), update.autoUpdate());
        return http.call("POST", "groups/{id}").path("id", groupId).body(sent).as(Group.class);
    }

    public void delete(String groupId) {
        SinchRules.id("group_id", groupId);
        http.call("DELETE", "groups/{id}").path("id", groupId).send();
    }

    /** {@code GET /groups/{id}/members}: the MSISDNs, digits only. */
    public List<String> members(String groupId) {
        SinchRules.id("group_id", groupId);
        String json = http.call("GET", "groups/{id}/members").path("id", groupId).send();
        try {
            return List.of(org.smsconsole.sinch.SinchJson.read(json, String[].class));
        } catch (JsonbException e) {
            throw new IllegalStateException("members: not a JSON array of strings", e);
        }
    }

    /** Members go out as digits, the form Sinch returns them in. */
    private static GroupRequest normalized(GroupRequest r) {
        return new GroupRequest(r.name(), digits(r.members()), r.childGroups(), r.autoUpdate());
    }

    private static List<String> digits(List<String> msisdns) {
        return msisdns == null ? null : msisdns.stream().map(Msisdn::normalize).toList();
    }

    private static void validate(GroupRequest request) {
        require(request != null, "body", "a group is required");
        maxLength("name", request.name(), MAX_NAME);
        msisdns("members", request.members(), MAX_MEMBERS);
        groupIds("child_groups", request.childGroups(), MAX_CHILD_GROUPS);
        autoUpdate(request.autoUpdate());
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
        keyword(field + ".first_word", keywords.firstWord());
        keyword(field + ".second_word", keywords.secondWord());
    }

    private static void keyword(String field, String word) {
        if (word != null) {
            require(word.matches("\\S+"), field, "one word");
            maxLength(field, word, MAX_KEYWORD);
        }
    }
}
