package org.smsconsole.web.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbProperty;
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
import org.smsconsole.contact.ContactView;
import org.smsconsole.contact.Contacts;
import org.smsconsole.template.TemplatePreview;
import org.smsconsole.template.TemplateView;
import org.smsconsole.template.Templates;
import org.smsconsole.user.Role;
import org.smsconsole.validation.InvalidInputException;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** {@code /api/templates}: templates, and what a body becomes and costs. */
@Path("templates")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TemplatesResource {

    @Inject
    Templates templates;

    @Inject
    Contacts contacts;

    @Context
    SecurityContext security;

    public record TemplateJson(Long id, String name, String body,
                               @JsonbProperty("created_at") Instant createdAt,
                               @JsonbProperty("updated_at") Instant updatedAt) {
        static TemplateJson of(TemplateView t) {
            return new TemplateJson(t.id(), t.name(), t.body(), t.createdAt(), t.updatedAt());
        }
    }

    public record TemplatePage(long count, int page, @JsonbProperty("page_size") int pageSize, List<TemplateJson> templates) {
    }

    public record PreviewRequest(String body, @JsonbProperty("contact_id") Long contactId) {
    }

    public record PreviewJson(String text, String encoding, int characters, int parts,
                              @JsonbProperty("units_left") int unitsLeft,
                              @JsonbProperty("ucs2_characters") List<String> ucs2Characters,
                              @JsonbProperty("gsm_replacements") Map<String, String> gsmReplacements,
                              @JsonbProperty("unknown_placeholders") List<String> unknownPlaceholders) {
        static PreviewJson of(TemplatePreview p) {
            return new PreviewJson(p.text(), p.count().encoding().name(), p.characters(), p.count().parts(), p.count().unitsLeft(),
                    p.count().ucs2Characters(), p.gsmReplacements(), p.unknownPlaceholders());
        }
    }

    @GET
    public TemplatePage list(@QueryParam("page") String page, @QueryParam("page_size") String pageSize) {
        Paging paging = Paging.parse(page, pageSize);
        List<TemplateJson> items = templates.page(paging.first(), paging.size()).stream().map(TemplateJson::of).toList();
        return new TemplatePage(templates.count(), paging.page(), items.size(), items);
    }

    @GET
    @Path("{id}")
    public TemplateJson get(@PathParam("id") long id) {
        return TemplateJson.of(templates.get(id));
    }

    @POST
    public Response create(TemplateJson json, @Context UriInfo uri) {
        ApiAccess.require(security, Role.OPERATOR);
        TemplateJson created = TemplateJson.of(templates.create(required(json).name(), json.body()));
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(created.id())).build()).entity(created).build();
    }

    @PUT
    @Path("{id}")
    public TemplateJson replace(@PathParam("id") long id, TemplateJson json) {
        ApiAccess.require(security, Role.OPERATOR);
        return TemplateJson.of(templates.change(id, required(json).name(), json.body()));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") long id) {
        ApiAccess.require(security, Role.OPERATOR);
        templates.remove(id);
        return Response.noContent().build();
    }

    @POST
    @Path("preview")
    public PreviewJson preview(PreviewRequest request) {
        if (request == null || request.body() == null) {
            throw new InvalidInputException("body", "A text to preview is required");
        }
        ContactView contact = request.contactId() == null ? null : contacts.get(request.contactId());
        return PreviewJson.of(templates.preview(request.body(), contact));
    }

    private static TemplateJson required(TemplateJson json) {
        if (json == null) {
            throw new InvalidInputException("body", "A JSON template is required");
        }
        return json;
    }
}
