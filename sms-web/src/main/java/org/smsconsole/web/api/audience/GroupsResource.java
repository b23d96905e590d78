package org.smsconsole.web.api.audience;

import org.smsconsole.web.api.Paging;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import jakarta.transaction.Transactional;
import org.smsconsole.contact.ContactQuery;
import org.smsconsole.contact.Contacts;
import org.smsconsole.group.GroupView;
import org.smsconsole.group.Groups;

import java.util.ArrayList;
import java.util.List;

/** {@code /api/groups}: the console's own groups and their members (by contact id or phone). */
@Path("groups")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class GroupsResource {

    @Inject
    Groups groups;

    @Inject
    Contacts contacts;

    @Inject
    ContactsResource contactsResource;

    @Context
    SecurityContext security;

    @Context
    UriInfo uri;

    @GET
    public JsonObject list(@QueryParam("page") String page, @QueryParam("page_size") String pageSize) {
        Paging paging = AudienceJson.paging(page, pageSize);
        int p = paging.page();
        int size = paging.size();
        List<GroupView> all = groups.list();
        JsonArrayBuilder items = Json.createArrayBuilder();
        all.stream().skip(paging.first()).limit(size).forEach(g -> items.add(AudienceJson.group(g)));
        return Json.createObjectBuilder().add("count", all.size()).add("page", p).add("page_size", size).add("groups", items).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(String body) {
        AudienceJson.requireOperator(security);
        GroupView created = groups.create(AudienceJson.string(AudienceJson.parse(body), "name"));
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(created.id())).build())
                .entity(AudienceJson.group(created)).build();
    }

    @GET
    @Path("{id:[0-9]+}")
    public JsonObject get(@PathParam("id") long id) {
        return AudienceJson.group(groups.get(id));
    }

    @PUT
    @Path("{id:[0-9]+}")
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonObject rename(@PathParam("id") long id, String body) {
        AudienceJson.requireOperator(security);
        groups.get(id);
        return AudienceJson.group(groups.rename(id, AudienceJson.string(AudienceJson.parse(body), "name")));
    }

    @DELETE
    @Path("{id:[0-9]+}")
    public Response delete(@PathParam("id") long id) {
        AudienceJson.requireOperator(security);
        groups.delete(id);
        return Response.noContent().build();
    }

    @GET
    @Path("{id:[0-9]+}/members")
    public JsonObject members(@PathParam("id") long id, @QueryParam("page") String page, @QueryParam("page_size") String pageSize) {
        groups.get(id);
        return contactsResource.page(new ContactQuery(null, null, null, id), "name", "asc", page, pageSize);
    }

    /** {@code {"contact_ids":[..], "phones":[..]}}: all or nothing, an unknown one refuses the request. */
    @POST
    @Path("{id:[0-9]+}/members")
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public JsonObject addMembers(@PathParam("id") long id, String body) {
        AudienceJson.requireOperator(security);
        groups.get(id);
        int added = groups.addMembers(id, ids(AudienceJson.parse(body)));
        return Json.createObjectBuilder().add("added", added).add("group", AudienceJson.group(groups.get(id))).build();
    }

    @POST
    @Path("{id:[0-9]+}/members/remove")
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public JsonObject removeMembers(@PathParam("id") long id, String body) {
        AudienceJson.requireOperator(security);
        groups.get(id);
        int removed = groups.removeMembers(id, ids(AudienceJson.parse(body)));
        return Json.createObjectBuilder().add("removed", removed).add("group", AudienceJson.group(groups.get(id))).build();
    }

    @DELETE
    @Path("{id:[0-9]+}/members/{contactId:[0-9]+}")
    public Response removeMember(@PathParam("id") long id, @PathParam("contactId") long contactId) {
        AudienceJson.requireOperator(security);
        groups.get(id);
        groups.removeMembers(id, List.of(contactId));
        return Response.noContent().build();
    }

    private List<Long> ids(JsonObject json) {
        List<Long> ids = new ArrayList<>(AudienceJson.longs(json, "contact_ids"));
        ids.addAll(contacts.idsOfPhones(AudienceJson.strings(json, "phones"), "phones"));
        if (ids.isEmpty()) {
            throw new org.smsconsole.validation.InvalidInputException("contact_ids", "Name members by contact_ids or phones");
        }
        return ids;
    }
}
