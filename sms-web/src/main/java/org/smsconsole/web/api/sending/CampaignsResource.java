package org.smsconsole.web.api.sending;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.ws.rs.Consumes;
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
import org.smsconsole.campaign.Campaign;
import org.smsconsole.campaign.CampaignDraft;
import org.smsconsole.campaign.CampaignState;
import org.smsconsole.campaign.Campaigns;
import org.smsconsole.message.MessageState;
import org.smsconsole.message.Messages;
import org.smsconsole.scheduler.CampaignControl;
import org.smsconsole.user.Role;
import org.smsconsole.web.api.ApiAccess;
import org.smsconsole.web.api.IdempotentRequests;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.core.HttpHeaders;
import org.smsconsole.web.api.Paging;

import java.time.LocalTime;
import java.util.List;
import java.util.Set;

/**
 * {@code /api/campaigns}: drafts created and changed, then scheduled, paused, resumed or cancelled (409 when the
 * state does not allow it); each action answers the campaign with its message counts.
 */
@Path("campaigns")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class CampaignsResource {

    static final Set<String> FIELDS = Set.of("name", "template_id", "body", "group_ids", "from", "delivery_report", "send_at",
            "expire_at", "rate_per_second", "quiet_hours");
    static final Set<String> QUIET_HOURS_FIELDS = Set.of("from", "to");

    @Inject
    Campaigns campaigns;

    @Inject
    CampaignControl control;

    @Inject
    Messages messages;

    @Inject
    IdempotentRequests idempotent;

    @Context
    SecurityContext security;

    @Context
    UriInfo uri;

    public record CampaignPage(long count, int page, @JsonbProperty("page_size") int pageSize, List<CampaignJson> campaigns) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(String body, @HeaderParam(IdempotentRequests.HEADER) String key,
                           @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        ApiAccess.require(security, Role.OPERATOR);
        return idempotent.answer(ApiAccess.caller(security, authorization), key, "POST /api/campaigns\n" + body, () -> {
            Campaign created = campaigns.create(draft(body));
            return new IdempotentRequests.Answer(201, uri.getAbsolutePathBuilder().path(String.valueOf(created.getId())).build(),
                    withCounts(created));
        });
    }

    /** Newest first; without counts (one campaign's counts cost a scan of its messages). */
    @GET
    public CampaignPage list(@QueryParam("state") String state, @QueryParam("page") String page,
                             @QueryParam("page_size") String pageSize) {
        ApiAccess.require(security, Role.VIEWER);
        CampaignState s = QueryValues.state(CampaignState.class, state);
        Paging paging = QueryValues.paging(page, pageSize);
        List<CampaignJson> items = campaigns.page(s, paging.first(), paging.size()).stream().map(c -> CampaignJson.of(c, null)).toList();
        return new CampaignPage(campaigns.count(s), paging.page(), items.size(), items);
    }

    @GET
    @Path("{id:[0-9]+}")
    public CampaignJson get(@PathParam("id") long id) {
        ApiAccess.require(security, Role.VIEWER);
        return withCounts(campaigns.get(id));
    }

    /** Replaces a draft's fields (what is omitted is cleared, as PUT does). */
    @PUT
    @Path("{id:[0-9]+}")
    @Consumes(MediaType.APPLICATION_JSON)
    public CampaignJson change(@PathParam("id") long id, String body) {
        ApiAccess.require(security, Role.OPERATOR);
        campaigns.get(id);
        return withCounts(campaigns.change(id, draft(body)));
    }

    @POST
    @Path("{id:[0-9]+}/schedule")
    public Response schedule(@PathParam("id") long id, @HeaderParam(IdempotentRequests.HEADER) String key,
                             @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        ApiAccess.require(security, Role.OPERATOR);
        // Scheduling twice would be refused (409) anyway; with a key the retry gets the first answer instead.
        return idempotent.answer(ApiAccess.caller(security, authorization), key, "POST /api/campaigns/" + id + "/schedule\n",
                () -> new IdempotentRequests.Answer(200, null, withCounts(campaigns.schedule(id))));
    }

    @POST
    @Path("{id:[0-9]+}/pause")
    public CampaignJson pause(@PathParam("id") long id) {
        ApiAccess.require(security, Role.OPERATOR);
        return withCounts(campaigns.pause(id));
    }

    @POST
    @Path("{id:[0-9]+}/resume")
    public CampaignJson resume(@PathParam("id") long id) {
        ApiAccess.require(security, Role.OPERATOR);
        return withCounts(campaigns.resume(id));
    }

    /** Cancels what is queued here and the batches Sinch still holds for the campaign. */
    @POST
    @Path("{id:[0-9]+}/cancel")
    public CampaignJson cancel(@PathParam("id") long id) {
        ApiAccess.require(security, Role.OPERATOR);
        control.cancel(id);
        return withCounts(campaigns.get(id));
    }

    /** One row per recipient. */
    @GET
    @Path("{id:[0-9]+}/messages")
    public MessagesResource.MessagePage messages(@PathParam("id") long id, @QueryParam("state") String state,
                                                 @QueryParam("page") String page, @QueryParam("page_size") String pageSize) {
        ApiAccess.require(security, Role.VIEWER);
        MessageState s = QueryValues.state(MessageState.class, state);
        Paging paging = QueryValues.paging(page, pageSize);
        campaigns.get(id);
        return MessagesResource.page(id, s, paging, messages);
    }

    private CampaignJson withCounts(Campaign c) {
        return CampaignJson.of(c, campaigns.counts(c.getId()));
    }

    private static CampaignDraft draft(String body) {
        JsonFields json = JsonFields.parse(body, FIELDS);
        JsonFields quiet = json.object("quiet_hours", QUIET_HOURS_FIELDS);
        LocalTime quietFrom = quiet == null ? null : quiet.time("from");
        LocalTime quietTo = quiet == null ? null : quiet.time("to");
        return new CampaignDraft(json.string("name"), json.id("template_id"), json.string("body"), json.ids("group_ids"),
                json.string("from"), json.string("delivery_report"), json.instant("send_at"), json.instant("expire_at"),
                json.integer("rate_per_second"), quietFrom, quietTo);
    }
}
