package org.smsconsole.web.api.webhooks;

import org.smsconsole.log.LogText;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.smsconsole.inbound.Inbounds;
import org.smsconsole.message.DeliveryReceipt;
import org.smsconsole.message.DeliveryReceipts;
import org.smsconsole.scheduler.metrics.ConsoleMetrics;
import org.smsconsole.scheduler.metrics.ReportSource;
import org.smsconsole.sinch.SinchValidationException;
import org.smsconsole.sinch.inbound.Inbound;
import org.smsconsole.sinch.report.BatchDeliveryReport;
import org.smsconsole.sinch.report.RecipientDeliveryReport;
import org.smsconsole.sinch.webhook.WebhookEvent;
import org.smsconsole.sinch.webhook.WebhookParser;
import org.smsconsole.sinch.webhook.WebhookSignature;
import org.smsconsole.validation.InvalidInputException;
import org.smsconsole.web.api.problem.Problem;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code POST /api/webhooks/sinch}: what Sinch posts to our callback URL (delivery reports, inbound messages).
 * Public (no login) but signed when {@code SMS_SINCH_WEBHOOK_SECRET} is set. Sinch treats 2xx as done, retries
 * 5xx and 429 for almost a day and drops other 4xx, so: 2xx only once stored (a duplicate is stored already),
 * 401 for a bad signature and 400 for a body that no retry could fix (both store nothing), 503 when the
 * database could not store it, so that Sinch tries again.
 */
@Path("webhooks/sinch")
@ApplicationScoped // no per-request state; creating and injecting an instance per callback showed in the profile
public class SinchWebhookResource {

    private static final Logger LOG = Logger.getLogger(SinchWebhookResource.class.getName());
    /** A full batch report of 1000 recipients is about 20 kB. */
    static final int MAX_BODY_BYTES = 1 << 20;

    @Inject
    CallbackSignature signature;

    @Inject
    DeliveryReceipts receipts;

    @Inject
    Inbounds inbounds;

    @Inject
    ConsoleMetrics metrics;

    @Inject
    Clock clock;

    @POST
    @Consumes(MediaType.WILDCARD) // Sinch says application/json; a callback is never refused for its content type
    public Response receive(InputStream in, @Context HttpHeaders headers) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            return Problem.of(Response.Status.REQUEST_ENTITY_TOO_LARGE, "A callback body is at most " + MAX_BODY_BYTES + " bytes");
        }
        WebhookSignature.Result check = signature.check(body, headers::getHeaderString);
        if (check != WebhookSignature.Result.VALID) {
            LOG.warning(() -> "Sinch callback refused: signature " + check);
            return Problem.of(Response.Status.UNAUTHORIZED, "The x-sinch-webhook-signature headers do not verify (" + check + ")");
        }
        WebhookEvent event;
        try {
            event = WebhookParser.parse(new String(body, StandardCharsets.UTF_8));
        } catch (SinchValidationException e) {
            return badRequest(e.field(), e.getMessage());
        }
        try {
            return Response.ok(store(event), MediaType.APPLICATION_JSON_TYPE).build();
        } catch (InvalidInputException e) {
            return badRequest(e.field(), e.getMessage());
        } catch (RuntimeException e) {
            // Whatever kept it from being stored (database down, a failed commit, a bug): 5xx, so Sinch retries
            // until it is stored rather than dropping the report.
            LOG.log(Level.WARNING, "Sinch callback not stored; answering 503 so that Sinch retries", e);
            return Problem.of(Response.Status.SERVICE_UNAVAILABLE, "Not stored; try again later");
        }
    }

    private String store(WebhookEvent event) {
        DeliveryReceipt receipt;
        if (event instanceof RecipientDeliveryReport report) {
            receipt = receipts.ingest(report);
            metrics.reportsIngested(ReportSource.CALLBACK, receipt, clock.instant());
        } else if (event instanceof BatchDeliveryReport report) {
            receipt = receipts.ingest(report);
            metrics.reportsIngested(ReportSource.CALLBACK, receipt, clock.instant());
        } else {
            boolean fresh = inbounds.store((Inbound) event);
            receipt = new DeliveryReceipt(fresh ? 1 : 0, fresh ? 0 : 1, 0);
        }
        // Written by hand: Json.createObjectBuilder() looks its provider up anew on every call (a jar scan).
        return "{\"stored\":" + receipt.stored() + ",\"duplicates\":" + receipt.duplicates()
                + ",\"messages_changed\":" + receipt.messagesChanged() + "}";
    }

    private static Response badRequest(String field, String message) {
        LOG.info(() -> "Sinch callback refused: " + LogText.of(field) + ": " + LogText.of(message));
        return Problem.of(Response.Status.BAD_REQUEST, "Not a Sinch callback this console understands", Map.of(field, message));
    }
}
