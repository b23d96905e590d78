package org.smsconsole.web.api.audience;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.smsconsole.contact.imports.ContactImports;

import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;

/** {@code /api/jobs/{id}}: an import's progress and its rejected rows (first 1000; all as CSV). */
@Path("jobs")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class JobsResource {

    static final int REJECTIONS_IN_JSON = 1000;

    @Inject
    ContactImports imports;

    @GET
    @Path("{id:[0-9]+}")
    public JsonObject job(@PathParam("id") long id) {
        var job = imports.job(id);
        JsonArrayBuilder rejections = Json.createArrayBuilder();
        imports.rejections(id, 0, REJECTIONS_IN_JSON).forEach(r -> rejections.add(Json.createObjectBuilder()
                .add("line", r.line()).add("reason", r.reason())));
        return AudienceJson.job(job).add("rejections", rejections)
                .add("rejections_truncated", job.rejected() > REJECTIONS_IN_JSON).build();
    }

    @GET
    @Path("{id:[0-9]+}/rejections")
    @Produces("text/csv")
    public Response rejections(@PathParam("id") long id) {
        imports.job(id);
        StreamingOutput body = out -> imports.writeRejections(id, new OutputStreamWriter(out, StandardCharsets.UTF_8));
        return Response.ok(body, "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"import-" + id + "-rejections.csv\"").build();
    }
}
