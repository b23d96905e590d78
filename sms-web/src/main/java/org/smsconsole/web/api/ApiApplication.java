package org.smsconsole.web.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.smsconsole.web.api.audience.ContactsResource;
import org.smsconsole.web.api.audience.GroupsResource;
import org.smsconsole.web.api.audience.JobsResource;
import org.smsconsole.web.api.problem.ConflictMapper;
import org.smsconsole.web.api.problem.InvalidInputMapper;
import org.smsconsole.web.api.problem.JsonbExceptionMapper;
import org.smsconsole.web.api.problem.NotFoundMapper;
import org.smsconsole.web.api.problem.UnreadableBodyMapper;
import org.smsconsole.web.api.problem.WebApplicationExceptionMapper;
import org.smsconsole.web.api.sending.CampaignsResource;
import org.smsconsole.web.api.sending.MessagesResource;
import org.smsconsole.web.api.sending.SendingStatusResource;
import org.smsconsole.web.api.webhooks.SinchWebhookResource;
import org.smsconsole.web.api.webhooks.WebhookSubscriptionsResource;
import org.smsconsole.web.health.HealthResource;

import java.util.Set;

/**
 * The REST API, under /api: stateless, JSON, authenticated per request (see
 * ConsoleAuthenticationMechanism). Its classes are listed here because the WAR holds a second
 * JAX-RS application (the Sinch sandbox) and each would otherwise serve every resource.
 */
@ApplicationPath("api")
public class ApiApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(
                HealthResource.class, MetricsResource.class, TemplatesResource.class,
                ContactsResource.class, GroupsResource.class, JobsResource.class,
                MessagesResource.class, CampaignsResource.class, SendingStatusResource.class, SinchWebhookResource.class,
                org.smsconsole.web.api.receiving.InboundResource.class,
                WebhookSubscriptionsResource.class,
                InvalidInputMapper.class, NotFoundMapper.class, ConflictMapper.class, WebApplicationExceptionMapper.class,
                JsonbExceptionMapper.class, UnreadableBodyMapper.class);
    }
}
