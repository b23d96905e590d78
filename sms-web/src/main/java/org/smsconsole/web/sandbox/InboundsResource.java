package org.smsconsole.web.sandbox;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.smsconsole.sinch.inbound.Inbound;
import org.smsconsole.sinch.inbound.InboundList;
import org.smsconsole.sinch.inbound.InboundQuery;
import org.smsconsole.web.sandbox.engine.Slice;

/** {@code /xms/v1/{service_plan_id}/inbounds}: the MOs the sandbox received (see the control API to simulate one). */
@Path("xms/v1/{service_plan_id}/inbounds")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
public class InboundsResource {

    @Inject
    SandboxRuntime runtime;

    @GET
    public Response list(@QueryParam("page") String page, @QueryParam("page_size") String pageSize,
                         @QueryParam("to") List<String> to, @QueryParam("start_date") String startDate,
                         @QueryParam("end_date") String endDate, @QueryParam("client_reference") String clientReference) {
        InboundQuery query = new InboundQuery(SinchBodies.list(to), SinchBodies.instant("start_date", startDate),
                SinchBodies.instant("end_date", endDate), clientReference);
        Slice<Inbound> slice = runtime.engine().listInbounds(query, SinchBodies.integer("page", page),
                SinchBodies.integer("page_size", pageSize));
        return SinchBodies.ok(new InboundList(slice.count(), slice.page(), slice.pageSize(), slice.items()));
    }

    @GET
    @Path("{inbound_id}")
    public Response get(@PathParam("inbound_id") String id) {
        return SinchBodies.ok(runtime.engine().inbound(id));
    }
}
