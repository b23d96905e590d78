package org.smsconsole.web.sandbox;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.smsconsole.sinch.group.Group;
import org.smsconsole.sinch.group.GroupList;
import org.smsconsole.sinch.group.GroupRequest;
import org.smsconsole.sinch.group.GroupUpdate;
import org.smsconsole.web.sandbox.engine.Slice;

/** {@code /xms/v1/{service_plan_id}/groups}: create, list, get, replace, update, delete, members. */
@Path("xms/v1/{service_plan_id}/groups")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
public class GroupsResource {

    @Inject
    SandboxRuntime runtime;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(String body) {
        return SinchBodies.json(201, runtime.engine().createGroup(SinchBodies.read(body, GroupRequest.class)));
    }

    @GET
    public Response list(@QueryParam("page") String page, @QueryParam("page_size") String pageSize) {
        Slice<Group> slice = runtime.engine().listGroups(SinchBodies.integer("page", page),
                SinchBodies.integer("page_size", pageSize));
        return SinchBodies.ok(new GroupList(slice.count(), slice.page(), slice.pageSize(), slice.items()));
    }

    @GET
    @Path("{group_id}")
    public Response get(@PathParam("group_id") String id) {
        return SinchBodies.ok(runtime.engine().group(id));
    }

    @PUT
    @Path("{group_id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response replace(@PathParam("group_id") String id, String body) {
        return SinchBodies.ok(runtime.engine().replaceGroup(id, SinchBodies.read(body, GroupRequest.class)));
    }

    @POST
    @Path("{group_id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response update(@PathParam("group_id") String id, String body) {
        return SinchBodies.ok(runtime.engine().updateGroup(id, SinchBodies.read(body, GroupUpdate.class)));
    }

    @DELETE
    @Path("{group_id}")
    public Response delete(@PathParam("group_id") String id) {
        runtime.engine().deleteGroup(id);
        return Response.ok().build();
    }

    @GET
    @Path("{group_id}/members")
    public Response members(@PathParam("group_id") String id) {
        return SinchBodies.ok(runtime.engine().groupMembers(id));
    }
}
