package org.smsconsole.web.api.audience;

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
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import org.smsconsole.config.ConsoleSettings;
import org.smsconsole.contact.Consent;
import org.smsconsole.contact.ContactCount;
import org.smsconsole.contact.ContactDetails;
import org.smsconsole.contact.ContactExport;
import org.smsconsole.contact.ContactPrivacy;
import org.smsconsole.contact.ContactQuery;
import org.smsconsole.contact.ContactSort;
import org.smsconsole.contact.ContactView;
import org.smsconsole.contact.Contacts;
import org.smsconsole.contact.imports.ColumnMapping;
import org.smsconsole.contact.imports.ContactImports;
import org.smsconsole.contact.imports.CsvInspection;
import org.smsconsole.contact.imports.ImportJobView;
import org.smsconsole.contact.imports.ImportSettings;
import org.smsconsole.csv.CsvFormatException;
import org.smsconsole.group.Groups;
import org.smsconsole.validation.InvalidInputException;
import org.smsconsole.web.api.Paging;
import org.smsconsole.validation.NotFoundException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;

/** {@code /api/contacts}: search, create, read, replace, delete, export (CSV) and import (CSV, 202 and a job). */
@Path("contacts")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ContactsResource {

    @Inject
    Contacts contacts;

    @Inject
    ContactExport export;

    @Inject
    ContactPrivacy privacy;

    @Inject
    ContactImports imports;

    @Inject
    Groups groups;

    @Inject
    ConsoleSettings settings;

    @Context
    SecurityContext security;

    @Context
    UriInfo uri;

    @GET
    public JsonObject search(@QueryParam("q") String text, @QueryParam("attribute") String attribute,
                             @QueryParam("attribute_value") String attributeValue, @QueryParam("group_id") Long groupId,
                             @QueryParam("sort") String sort, @QueryParam("order") String order,
                             @QueryParam("page") String page, @QueryParam("page_size") String pageSize) {
        return page(new ContactQuery(text, attribute, attributeValue, groupId), sort, order, page, pageSize);
    }

    JsonObject page(ContactQuery query, String sort, String order, String page, String pageSize) {
        Paging paging = AudienceJson.paging(page, pageSize);
        int p = paging.page();
        int size = paging.size();
        ContactSort by = switch (sort == null ? "name" : sort) {
            case "name" -> ContactSort.NAME;
            case "phone" -> ContactSort.PHONE;
            case "created_at" -> ContactSort.CREATED;
            default -> throw new InvalidInputException("sort", "sort is name, phone or created_at");
        };
        if (order != null && !order.equals("asc") && !order.equals("desc")) {
            throw new InvalidInputException("order", "order is asc or desc");
        }
        ContactCount count = contacts.countMatching(query);
        JsonArrayBuilder items = Json.createArrayBuilder();
        contacts.page(query, count, by, !"desc".equals(order), paging.first(), size).forEach(c -> items.add(AudienceJson.contact(c)));
        return Json.createObjectBuilder().add("count", count.value()).add("count_exact", count.exact())
                .add("page", p).add("page_size", size).add("contacts", items).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(String body) {
        AudienceJson.requireOperator(security);
        JsonObject json = AudienceJson.parse(body);
        ContactDetails details = details(json);
        Consent consent = consent(json);
        ContactView created = contacts.add(details);
        if (consent != null) {
            created = contacts.consent(created.id(), consent, "api", AudienceJson.string(json, "consent_reason"));
        }
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(created.id())).build())
                .entity(AudienceJson.contact(created)).build();
    }

    @GET
    @Path("{id:[0-9]+}")
    public JsonObject get(@PathParam("id") long id) {
        return AudienceJson.contact(contacts.get(id));
    }

    @PUT
    @Path("{id:[0-9]+}")
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonObject replace(@PathParam("id") long id, String body) {
        AudienceJson.requireOperator(security);
        contacts.get(id);
        JsonObject json = AudienceJson.parse(body);
        ContactDetails details = details(json);
        Consent consent = consent(json);
        ContactView changed = contacts.change(id, details);
        if (consent != null) {
            changed = contacts.consent(id, consent, "api", AudienceJson.string(json, "consent_reason"));
        }
        return AudienceJson.contact(changed);
    }

    /** Everything held about one person (their right of access). */
    @GET
    @Path("{id:[0-9]+}/personal-data")
    public JsonObject personalData(@PathParam("id") long id) {
        AudienceJson.requireOperator(security);
        return privacy.export(id);
    }

    /** Erases a contact for good, with its number in the history (their right to erasure). */
    @POST
    @Path("{id:[0-9]+}/erase")
    public Response erase(@PathParam("id") long id) {
        AudienceJson.requireOperator(security);
        privacy.erase(id);
        return Response.noContent().build();
    }

    @DELETE
    @Path("{id:[0-9]+}")
    public Response delete(@PathParam("id") long id) {
        AudienceJson.requireOperator(security);
        contacts.remove(id);
        return Response.noContent().build();
    }

    @GET
    @Path("export")
    @Produces("text/csv")
    public Response export(@QueryParam("q") String text, @QueryParam("attribute") String attribute,
                           @QueryParam("attribute_value") String attributeValue, @QueryParam("group_id") Long groupId) {
        ContactQuery query = new ContactQuery(text, attribute, attributeValue, groupId);
        StreamingOutput body = out -> {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            export.write(query, writer);
        };
        return Response.ok(body, "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"contacts.csv\"").build();
    }

    /** A CSV body; columns are mapped from the header (phone, name, language, time_zone; others become attributes). */
    @POST
    @Path("import")
    @Consumes("text/csv")
    public Response importCsv(InputStream body, @QueryParam("default_country") String defaultCountry,
                              @QueryParam("existing") String existing, @QueryParam("group_id") Long groupId,
                              @QueryParam("file_name") String fileName) throws IOException {
        AudienceJson.requireOperator(security);
        boolean update = switch (existing == null ? "skip" : existing) {
            case "skip" -> false;
            case "update" -> true;
            default -> throw new InvalidInputException("existing", "existing is update or skip");
        };
        if (groupId != null) {
            try {
                groups.get(groupId);
            } catch (NotFoundException e) {
                throw new InvalidInputException("group_id", "There is no group " + groupId);
            }
        }
        java.nio.file.Path file = Files.createTempFile("sms-import-", ".csv");
        boolean started = false;
        try {
            Files.copy(body, file, StandardCopyOption.REPLACE_EXISTING);
            CsvInspection inspection;
            try {
                inspection = CsvInspection.of(file);
            } catch (CsvFormatException e) {
                throw new InvalidInputException("file", e.getMessage());
            }
            String country = defaultCountry == null ? settings.defaultCountry() : defaultCountry.toUpperCase(Locale.ROOT);
            ImportSettings importSettings = new ImportSettings(ColumnMapping.guess(inspection.header()), country, update, groupId);
            ImportJobView job = imports.start(file, fileName, inspection, importSettings);
            started = true;
            return Response.accepted(AudienceJson.job(job).build())
                    .location(uri.getBaseUriBuilder().path("jobs").path(String.valueOf(job.id())).build()).build();
        } finally {
            if (!started) {
                Files.deleteIfExists(file);
            }
        }
    }

    private static ContactDetails details(JsonObject json) {
        return new ContactDetails(AudienceJson.string(json, "phone"), AudienceJson.string(json, "name"),
                AudienceJson.string(json, "language"), AudienceJson.string(json, "time_zone"), AudienceJson.attributes(json));
    }

    private static Consent consent(JsonObject json) {
        String consent = AudienceJson.string(json, "consent");
        String reason = AudienceJson.string(json, "consent_reason");
        if (reason != null && reason.length() > 500) {
            throw new InvalidInputException("consent_reason", "A reason has at most 500 characters");
        }
        return consent == null ? null : Consent.fromApi(consent);
    }

    static List<ContactView> none() {
        return List.of();
    }
}
