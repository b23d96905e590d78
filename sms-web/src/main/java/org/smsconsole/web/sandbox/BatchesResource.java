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
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.smsconsole.sinch.batch.Batch;
import org.smsconsole.sinch.batch.BatchList;
import org.smsconsole.sinch.batch.BatchQuery;
import org.smsconsole.sinch.batch.BatchRequest;
import org.smsconsole.sinch.batch.BatchUpdate;
import org.smsconsole.sinch.batch.DeliveryFeedback;
import org.smsconsole.web.sandbox.engine.SandboxEngine;
import org.smsconsole.web.sandbox.engine.SandboxException;
import org.smsconsole.web.sandbox.engine.Slice;

/** {@code /xms/v1/{service_plan_id}/batches}: send, dry run, list, get, update, replace, cancel, feedback, batch reports. */
@Path("xms/v1/{service_plan_id}/batches")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
public class BatchesResource {

    @Inject
    SandboxRuntime runtime;

    private SandboxEngine engine() {
        return runtime.engine();
    }

    /**
     * 201 with the batch. With {@code send_answer_delay_ms} set the batch is stored at once but
     * the answer waits, so a test can kill a client while Sinch has the batch and the client no id.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public void send(String body, @Suspended AsyncResponse answer) {
        Response response;
        try {
            response = SinchBodies.json(201, engine().send(SinchBodies.<BatchRequest>read(body, BatchRequest.class)));
        } catch (SandboxException e) {
            answer.resume(e);
            return;
        }
        long delay = engine().settings().sendAnswerDelayMs();
        if (delay <= 0) {
            answer.resume(response);
        } else {
            runtime.executor().schedule(() -> answer.resume(response), delay, TimeUnit.MILLISECONDS);
        }
    }

    @POST
    @Path("dry_run")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response dryRun(String body, @QueryParam("per_recipient") String perRecipient,
                           @QueryParam("number_of_recipients") String numberOfRecipients) {
        BatchRequest request = SinchBodies.read(body, BatchRequest.class);
        return SinchBodies.ok(engine().dryRun(request, Boolean.parseBoolean(perRecipient),
                SinchBodies.integer("number_of_recipients", numberOfRecipients)));
    }

    @GET
    public Response list(@QueryParam("page") String page, @QueryParam("page_size") String pageSize,
                         @QueryParam("from") String from, @QueryParam("start_date") String startDate,
                         @QueryParam("end_date") String endDate, @QueryParam("client_reference") String clientReference) {
        BatchQuery query = new BatchQuery(from, SinchBodies.instant("start_date", startDate),
                SinchBodies.instant("end_date", endDate), clientReference);
        Slice<Batch> slice = engine().listBatches(query, SinchBodies.integer("page", page),
                SinchBodies.integer("page_size", pageSize));
        return SinchBodies.ok(new BatchList(slice.count(), slice.page(), slice.pageSize(), slice.items()));
    }

    @GET
    @Path("{batch_id}")
    public Response get(@PathParam("batch_id") String id) {
        return SinchBodies.ok(engine().batch(id));
    }

    @POST
    @Path("{batch_id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response update(@PathParam("batch_id") String id, String body) {
        return SinchBodies.ok(engine().update(id, SinchBodies.<BatchUpdate>read(body, BatchUpdate.class)));
    }

    @PUT
    @Path("{batch_id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response replace(@PathParam("batch_id") String id, String body) {
        return SinchBodies.ok(engine().replace(id, SinchBodies.<BatchRequest>read(body, BatchRequest.class)));
    }

    @DELETE
    @Path("{batch_id}")
    public Response cancel(@PathParam("batch_id") String id) {
        return SinchBodies.ok(engine().cancel(id));
    }

    @POST
    @Path("{batch_id}/delivery_feedback")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response deliveryFeedback(@PathParam("batch_id") String id, String body) {
        DeliveryFeedback feedback = SinchBodies.read(body, DeliveryFeedback.class);
        engine().deliveryFeedback(id, feedback.recipients());
        return Response.accepted().build();
    }

    @GET
    @Path("{batch_id}/delivery_report")
    public Response batchReport(@PathParam("batch_id") String id, @QueryParam("type") String type,
                                @QueryParam("status") List<String> status, @QueryParam("code") List<String> code) {
        return SinchBodies.ok(engine().batchReport(id, type, SinchBodies.list(status), SinchBodies.codes(code)));
    }

    @GET
    @Path("{batch_id}/delivery_report/{recipient_msisdn}")
    public Response recipientReport(@PathParam("batch_id") String id, @PathParam("recipient_msisdn") String msisdn) {
        return SinchBodies.ok(engine().recipientReport(id, msisdn));
    }
}
