package org.smsconsole.web.api.webhooks;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.spi.JsonProvider;
import jakarta.ws.rs.BadRequestException;
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
import org.smsconsole.user.Role;
import org.smsconsole.validation.InvalidInputException;
import org.smsconsole.validation.NotFoundException;
import org.smsconsole.web.api.ApiAccess;
import org.smsconsole.webhook.WebhookDelivery;
import org.smsconsole.webhook.WebhookEventType;
import org.smsconsole.webhook.WebhookSubscription;
import org.smsconsole.webhook.WebhookSubscriptions;

import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code /api/webhooks/subscriptions} (ADMIN): the outgoing webhooks, their delivery log, a test event, a retry.
 * The signing secret is answered once, by the request that made it (create, rotate). Bodies are read field by
 * field, unknown fields refused, so a wrong type or a misspelt name is a 400 naming it.
 */
@Path("webhooks/subscriptions")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class WebhookSubscriptionsResource {

    private static final JsonProvider JSON = JsonProvider.provider();
    private static final Set<String> FIELDS = Set.of("url", "description", "events", "enabled");

    @Inject
    WebhookSubscriptions subscriptions;

    @Context
    SecurityContext security;

    public record SubscriptionJson(long id, String url, String description, List<String> events, boolean enabled,
                                   @JsonbProperty("secret_hint") String secretHint,
                                   @JsonbProperty("created_by") String createdBy,
                                   @JsonbProperty("created_at") Instant createdAt,
                                   @JsonbProperty("updated_at") Instant updatedAt,
                                   /** Only in the answer that made it. */
                                   String secret) {
        static SubscriptionJson of(WebhookSubscription s, String secret) {
            return new SubscriptionJson(s.getId(), s.getUrl(), s.getDescription(), s.getEvents().stream().map(WebhookEventType::wire).toList(),
                    s.isEnabled(), s.getSecretHint(), s.getCreatedBy(), s.getCreatedAt(), s.getUpdatedAt(), secret);
        }
    }

    public record SubscriptionList(long count, List<SubscriptionJson> subscriptions) {
    }

    public record DeliveryJson(long id, @JsonbProperty("event_id") String eventId, @JsonbProperty("event_type") String eventType,
                               @JsonbProperty("occurred_at") Instant occurredAt, String state, int attempts,
                               @JsonbProperty("last_status") Integer lastStatus, @JsonbProperty("last_error") String lastError,
                               @JsonbProperty("last_attempt_at") Instant lastAttemptAt,
                               @JsonbProperty("next_attempt_at") Instant nextAttemptAt,
                               @JsonbProperty("delivered_at") Instant deliveredAt) {
        static DeliveryJson of(WebhookDelivery d) {
            return new DeliveryJson(d.id(), d.eventId(), d.eventType(), d.occurredAt(), d.state(), d.attempts(), d.lastStatus(),
                    d.lastError(), d.lastAttemptAt(), d.getNextAttempt(), d.deliveredAt());
        }
    }

    public record DeliveryList(long count, List<DeliveryJson> deliveries) {
    }

    public record TestJson(@JsonbProperty("event_id") String eventId) {
    }

    @GET
    public SubscriptionList list() {
        ApiAccess.require(security, Role.ADMIN);
        List<SubscriptionJson> all = subscriptions.all().stream().map(s -> SubscriptionJson.of(s, null)).toList();
        return new SubscriptionList(all.size(), all);
    }

    @GET
    @Path("{id}")
    public SubscriptionJson get(@PathParam("id") String id) {
        ApiAccess.require(security, Role.ADMIN);
        return SubscriptionJson.of(subscriptions.get(id(id)), null);
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response create(String body, @Context UriInfo uri) {
        ApiAccess.require(security, Role.ADMIN);
        Fields f = Fields.parse(body);
        WebhookSubscriptions.WithSecret created = subscriptions.create(f.url, f.description, f.events, f.enabled);
        SubscriptionJson json = SubscriptionJson.of(created.subscription(), created.secret());
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(json.id())).build()).entity(json).build();
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.WILDCARD)
    public SubscriptionJson replace(@PathParam("id") String id, String body) {
        ApiAccess.require(security, Role.ADMIN);
        long subscription = id(id);
        Fields f = Fields.parse(body);
        return SubscriptionJson.of(subscriptions.change(subscription, f.url, f.description, f.events, f.enabled), null);
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        ApiAccess.require(security, Role.ADMIN);
        subscriptions.remove(id(id));
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/rotate-secret")
    public SubscriptionJson rotate(@PathParam("id") String id) {
        ApiAccess.require(security, Role.ADMIN);
        WebhookSubscriptions.WithSecret rotated = subscriptions.rotate(id(id));
        return SubscriptionJson.of(rotated.subscription(), rotated.secret());
    }

    @POST
    @Path("{id}/test")
    public Response test(@PathParam("id") String id) {
        ApiAccess.require(security, Role.ADMIN);
        return Response.accepted(new TestJson(subscriptions.sendTest(id(id)))).build();
    }

    @GET
    @Path("{id}/deliveries")
    public DeliveryList deliveries(@PathParam("id") String id, @QueryParam("limit") String limit) {
        ApiAccess.require(security, Role.ADMIN);
        int n = 50;
        if (limit != null) {
            try {
                n = Integer.parseInt(limit.strip());
            } catch (NumberFormatException e) {
                n = 0;
            }
            if (n < 1 || n > 500) {
                throw new InvalidInputException("limit", "'limit' is a whole number from 1 to 500");
            }
        }
        List<DeliveryJson> items = subscriptions.deliveries(id(id), n).stream().map(DeliveryJson::of).toList();
        return new DeliveryList(items.size(), items);
    }

    @POST
    @Path("{id}/deliveries/{delivery}/retry")
    public DeliveryJson retry(@PathParam("id") String id, @PathParam("delivery") String delivery) {
        ApiAccess.require(security, Role.ADMIN);
        long subscription = id(id);
        long deliveryId = id(delivery);
        WebhookDelivery d = subscriptions.delivery(deliveryId).filter(x -> x.subscriptionId() == subscription)
                .orElseThrow(() -> new NotFoundException("Webhook delivery", deliveryId));
        return DeliveryJson.of(subscriptions.retryNow(d.id()));
    }

    /** Path ids are read as text: JAX-RS would answer 404 for one it cannot convert. */
    private static long id(String text) {
        try {
            long id = Long.parseLong(text);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new InvalidInputException("id", "'" + text + "' is not an id");
    }

    /** A subscription's fields as a client sent them. */
    static final class Fields {
        String url;
        String description;
        List<WebhookEventType> events = new ArrayList<>();
        boolean enabled = true;

        static Fields parse(String body) {
            if (body == null || body.isBlank()) {
                throw new BadRequestException("The request needs a JSON object");
            }
            JsonValue value;
            try (var reader = JSON.createReader(new StringReader(body))) {
                value = reader.readValue();
            } catch (JsonException e) {
                throw new BadRequestException("The request body is not valid JSON: " + e.getMessage());
            }
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new BadRequestException("The request body must be a JSON object");
            }
            JsonObject json = value.asJsonObject();
            for (String field : json.keySet()) {
                if (!FIELDS.contains(field)) {
                    throw new InvalidInputException(field, "Unknown field '" + field + "'; known are " + FIELDS.stream().sorted().toList());
                }
            }
            Fields f = new Fields();
            f.url = string(json, "url");
            f.description = string(json, "description");
            JsonValue events = json.get("events");
            if (events != null && events.getValueType() != JsonValue.ValueType.NULL) {
                if (!(events instanceof JsonArray array)) {
                    throw new InvalidInputException("events", "'events' must be an array of event names");
                }
                for (JsonValue e : array) {
                    if (!(e instanceof JsonString s)) {
                        throw new InvalidInputException("events", "'events' must be an array of event names");
                    }
                    f.events.add(WebhookEventType.fromWire("events", s.getString()));
                }
            }
            JsonValue enabled = json.get("enabled");
            if (enabled != null && enabled.getValueType() != JsonValue.ValueType.NULL) {
                if (enabled.getValueType() != JsonValue.ValueType.TRUE && enabled.getValueType() != JsonValue.ValueType.FALSE) {
                    throw new InvalidInputException("enabled", "'enabled' must be true or false");
                }
                f.enabled = enabled.getValueType() == JsonValue.ValueType.TRUE;
            }
            return f;
        }

        private static String string(JsonObject json, String field) {
            JsonValue v = json.get(field);
            if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
                return null;
            }
            if (v instanceof JsonString s) {
                return s.getString();
            }
            throw new InvalidInputException(field, "'" + field + "' must be a string");
        }
    }
}
