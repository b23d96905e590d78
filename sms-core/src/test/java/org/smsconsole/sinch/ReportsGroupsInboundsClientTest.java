package org.smsconsole.sinch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.smsconsole.sinch.BatchesClientTest.BASE;
import static org.smsconsole.sinch.BatchesClientTest.ID;
import static org.smsconsole.sinch.BatchesClientTest.NOW;
import static org.smsconsole.sinch.BatchesClientTest.assertJson;
import static org.smsconsole.sinch.BatchesClientTest.vector;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smsconsole.sinch.group.AutoUpdate;
import org.smsconsole.sinch.group.Group;
import org.smsconsole.sinch.group.GroupRequest;
import org.smsconsole.sinch.group.GroupUpdate;
import org.smsconsole.sinch.inbound.BinaryInbound;
import org.smsconsole.sinch.inbound.Inbound;
import org.smsconsole.sinch.inbound.InboundQuery;
import org.smsconsole.sinch.inbound.MediaInbound;
import org.smsconsole.sinch.inbound.TextInbound;
import org.smsconsole.sinch.report.BatchDeliveryReport;
import org.smsconsole.sinch.report.DeliveryReportQuery;
import org.smsconsole.sinch.report.DeliveryReports;
import org.smsconsole.sinch.report.RecipientDeliveryReport;

/** Delivery reports, groups and inbounds against a real local HTTP server. */
class ReportsGroupsInboundsClientTest {
    /** The group of groups/group.json. */
    static final String GROUP = "01K9PDA23657G6H23HJJKRFVJM";

    FakeSinch sinch;
    SinchClient client;

    @BeforeEach
    void start() throws IOException {
        sinch = new FakeSinch();
        client = SinchClient.create(SinchConfig.builder().baseUrl(sinch.root() + "/").servicePlan("plan-1", "api-token-1").build());
    }

    @AfterEach
    void stop() {
        client.close();
        sinch.close();
    }

    @Test
    void batchReportWithKindStatusAndCodeFilters() {
        sinch.answer(200, vector("delivery-reports/batch-sms-full.json"));

        BatchDeliveryReport report = client.deliveryReports().forBatch(ID, DeliveryReports.Kind.FULL,
                List.of("Delivered", "Failed"), List.of(0, 402));

        FakeSinch.Received r = sinch.only("GET", BASE + "/batches/" + ID + "/delivery_report");
        assertEquals("type=full&status=Delivered,Failed&code=0,402", r.query());
        assertEquals("Bearer api-token-1", r.header("Authorization"));
        assertEquals(List.of("447700900123", "447700900456"), report.statuses().get(0).recipients());
        assertEquals(List.of("447700900321"), report.statuses().get(1).recipients());

        sinch.answer(200, vector("delivery-reports/batch-mms-summary.json"));
        assertEquals(BatchDeliveryReport.MMS, client.deliveryReports().forBatch(ID, DeliveryReports.Kind.SUMMARY).type());
        assertEquals("type=summary", sinch.only("GET", BASE + "/batches/" + ID + "/delivery_report").query());
    }

    @Test
    void recipientReportNormalisesTheNumberInThePath() {
        sinch.answer(200, vector("delivery-reports/recipient-sms.json"));
        RecipientDeliveryReport report = client.deliveryReports().forRecipient(ID, "+44 (7700) 900-123");
        sinch.only("GET", BASE + "/batches/" + ID + "/delivery_report/447700900123");
        assertEquals(0, report.code());
        assertEquals("Delivered", report.status());
        assertEquals(java.time.Instant.parse("2025-11-18T10:00:04.861Z"), report.at());
    }

    @Test
    void deliveryReportListAndStream() {
        sinch.answer(200, vector("delivery-reports/list-page-0.json"));
        sinch.answer(200, vector("delivery-reports/list-page-1.json"));

        DeliveryReportQuery query = DeliveryReportQuery.all().between(NOW, NOW.plus(Duration.ofHours(1)))
                .withStatuses("Dispatched").withCodes(401).withClientReference("rel-1");
        List<RecipientDeliveryReport> all = client.deliveryReports().stream(query, 2).toList();

        assertEquals(3, all.size());
        assertEquals(List.of(RecipientDeliveryReport.SMS, RecipientDeliveryReport.SMS, RecipientDeliveryReport.MMS),
                all.stream().map(RecipientDeliveryReport::type).toList());
        assertEquals(List.of(
                "page=0&page_size=2&start_date=2026-01-10T10:00:00.000Z&end_date=2026-01-10T11:00:00.000Z&status=Dispatched&code=401&client_reference=rel-1",
                "page=1&page_size=2&start_date=2026-01-10T10:00:00.000Z&end_date=2026-01-10T11:00:00.000Z&status=Dispatched&code=401&client_reference=rel-1"),
                sinch.received().stream().map(FakeSinch.Received::query).toList());
    }

    @Test
    void groupCreateListGetReplaceUpdateDeleteMembers() {
        String group = vector("groups/group.json");
        sinch.answer(201, group);
        AutoUpdate auto = new AutoUpdate("15551231234", AutoUpdate.Keywords.of("JOIN"), new AutoUpdate.Keywords("STOP", "NOW"));
        Group created = client.groups().create(new GroupRequest("VIP", List.of("15551231234"), List.of(GROUP), auto));
        assertJson("""
                {"name":"VIP","members":["15551231234"],"child_groups":["01K9PDA23657G6H23HJJKRFVJM"],
                 "auto_update":{"to":"15551231234","add":{"first_word":"JOIN"},"remove":{"first_word":"STOP","second_word":"NOW"}}}""",
                sinch.only("POST", BASE + "/groups").body());
        assertEquals("12025550100", created.autoUpdate().to());

        sinch.answer(200, vector("groups/list-page-0.json"));
        assertEquals(2, client.groups().list(0, 2).items().size());
        assertEquals("page=0&page_size=2", sinch.only("GET", BASE + "/groups").query());

        sinch.answer(200, group);
        assertEquals(2, client.groups().get(GROUP).size());
        sinch.only("GET", BASE + "/groups/" + GROUP);

        sinch.answer(200, group);
        client.groups().replace(GROUP, GroupRequest.of("Renamed", List.of("+1 555 123 1234")));
        assertJson("""
                {"name":"Renamed","members":["15551231234"]}""", sinch.only("PUT", BASE + "/groups/" + GROUP).body());

        sinch.answer(200, group);
        client.groups().update(GROUP, GroupUpdate.members(List.of("+1 555 123 0000"), List.of("0015551231234")).withoutName()
                .withGroups("01FC66621XXXXX119Z8PMV1AHY", null));
        assertJson("""
                {"name":null,"add":["15551230000"],"remove":["15551231234"],"add_from_group":"01FC66621XXXXX119Z8PMV1AHY"}""",
                sinch.only("POST", BASE + "/groups/" + GROUP).body());

        sinch.answer(204, "");
        client.groups().delete(GROUP);
        sinch.only("DELETE", BASE + "/groups/" + GROUP);

        sinch.answer(200, "[\"15551231234\",\"15551256344\"]");
        assertEquals(List.of("15551231234", "15551256344"), client.groups().members(GROUP));
        sinch.only("GET", BASE + "/groups/" + GROUP + "/members");
    }

    @Test
    void groupStreamStopsWhenCountIsReachedWithoutAnExtraRequest() {
        sinch.answer(200, vector("groups/list-page-0.json"));
        sinch.answer(200, vector("groups/list-page-1.json"));
        assertEquals(3, client.groups().stream(2).count());
        assertEquals(2, sinch.received().size());
    }

    @Test
    void inboundsListWithFiltersAndGetTyped() {
        sinch.answer(200, vector("inbounds/list-page-0.json"));
        List<Inbound> page = client.inbounds().list(InboundQuery.all().withTo("+1 120 345 3453", "11203453454")
                .withClientReference("c"), 1, 50).items();
        assertEquals("page=1&page_size=50&to=11203453453,11203453454&client_reference=c", sinch.only("GET", BASE + "/inbounds").query());
        assertInstanceOf(TextInbound.class, page.get(0));
        assertInstanceOf(BinaryInbound.class, page.get(1));

        sinch.answer(200, vector("inbounds/media.json"));
        MediaInbound media = assertInstanceOf(MediaInbound.class, client.inbounds().get("01KA9C9SJH392N2K4G33CQZS8N"));
        sinch.only("GET", BASE + "/inbounds/01KA9C9SJH392N2K4G33CQZS8N");
        assertEquals("image/jpeg", media.body().media().get(0).contentType());
    }

    @Test
    void unknownResponseFieldsAreIgnored() {
        sinch.answer(200, """
                {"id":"01FC66621XXXXX119Z8PMV1QPU","name":"n","size":1,"brand_new_feature":{"x":[1,2]}}""");
        assertEquals("n", client.groups().get(GROUP).name());
    }
}
