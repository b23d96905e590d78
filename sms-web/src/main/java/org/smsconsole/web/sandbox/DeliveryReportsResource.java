package org.smsconsole.web.sandbox;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.smsconsole.sinch.report.DeliveryReportList;
import org.smsconsole.sinch.report.DeliveryReportQuery;
import org.smsconsole.sinch.report.RecipientDeliveryReport;
import org.smsconsole.web.sandbox.engine.Slice;

/** {@code GET /xms/v1/{service_plan_id}/delivery_reports}: recipient reports, paged and filtered. */
@Path("xms/v1/{service_plan_id}/delivery_reports")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
public class DeliveryReportsResource {

    @Inject
    SandboxRuntime runtime;

    @GET
    public Response list(@QueryParam("page") String page, @QueryParam("page_size") String pageSize,
                         @QueryParam("start_date") String startDate, @QueryParam("end_date") String endDate,
                         @QueryParam("status") List<String> status, @QueryParam("code") List<String> code,
                         @QueryParam("client_reference") String clientReference) {
        DeliveryReportQuery query = new DeliveryReportQuery(SinchBodies.instant("start_date", startDate),
                SinchBodies.instant("end_date", endDate), SinchBodies.list(status), SinchBodies.codes(code), clientReference);
        Slice<RecipientDeliveryReport> slice = runtime.engine().listReports(query, SinchBodies.integer("page", page),
                SinchBodies.integer("page_size", pageSize));
        return SinchBodies.ok(new DeliveryReportList(slice.count(), slice.page(), slice.pageSize(), slice.items()));
    }
}
