package org.smsconsole.web.api.sending;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import org.smsconsole.message.Message;
import org.smsconsole.message.MessageDraft;
import org.smsconsole.message.MessageState;
import org.smsconsole.message.Messages;
import org.smsconsole.user.Role;
import org.smsconsole.web.api.ApiAccess;
import org.smsconsole.web.api.IdempotentRequests;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.core.HttpHeaders;
import org.smsconsole.web.api.Paging;

import java.util.List;
import java.util.Set;

/** {@code /api/messages}: single messages, queued now and released by the scheduler at {@code send_at}. */
@Path("messages")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class MessagesResource {

    static final Set<String> FIELDS = Set.of("to", "contact_id", "body", "template_id", "from", "media_url", "send_at", "expire_at",
            "delivery_report");

    @Inject
    Messages messages;

    @Inject
    IdempotentRequests idempotent;

    @Context
    SecurityContext security;

    @Context
    UriInfo uri;

    public record MessagePage(long count, int page, @JsonbProperty("page_size") int pageSize, List<MessageJson> messages) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response send(String body, @HeaderParam(IdempotentRequests.HEADER) String key,
                         @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        ApiAccess.require(security, Role.OPERATOR);
        return idempotent.answer(ApiAccess.caller(security, authorization), key, "POST /api/messages\n" + body, () -> {
            JsonFields json = JsonFields.parse(body, FIELDS);
            Message sent = messages.send(new MessageDraft(json.id("contact_id"), json.string("to"), json.string("body"),
                    json.id("template_id"), json.string("from"), json.string("media_url"), json.string("delivery_report"),
                    json.instant("send_at"), json.instant("expire_at")));
            return new IdempotentRequests.Answer(201, uri.getAbsolutePathBuilder().path(String.valueOf(sent.getId())).build(),
                    MessageJson.of(sent));
        });
    }

    /** Any message, a campaign's too ({@code campaign_id} says whose). */
    @GET
    @Path("{id:[0-9]+}")
    public MessageJson get(@PathParam("id") long id) {
        ApiAccess.require(security, Role.VIEWER);
        return MessageJson.of(messages.get(id));
    }

    /** Single messages, newest first; a campaign's are under {@code /api/campaigns/{id}/messages}. */
    @GET
    public MessagePage list(@QueryParam("state") String state, @QueryParam("page") String page,
                            @QueryParam("page_size") String pageSize) {
        ApiAccess.require(security, Role.VIEWER);
        return page(null, QueryValues.state(MessageState.class, state), QueryValues.paging(page, pageSize), messages);
    }

    static MessagePage page(Long campaignId, MessageState state, Paging paging, Messages messages) {
        List<MessageJson> items = messages.page(campaignId, state, paging.first(), paging.size()).stream().map(MessageJson::of).toList();
        return new MessagePage(messages.count(campaignId, state), paging.page(), items.size(), items);
    }
}
