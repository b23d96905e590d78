package org.smsconsole.sinch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.smsconsole.sinch.BatchesClientTest.NOW;

import java.io.IOException;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.smsconsole.sinch.batch.BinaryRequest;
import org.smsconsole.sinch.batch.MediaBody;
import org.smsconsole.sinch.batch.MediaRequest;
import org.smsconsole.sinch.batch.TextRequest;
import org.smsconsole.sinch.batch.TextUpdate;
import org.smsconsole.sinch.group.AutoUpdate;
import org.smsconsole.sinch.group.GroupRequest;

/** The client refuses what Sinch would refuse, names the field, and sends nothing. */
class ValidationTest {
    FakeSinch sinch;
    SinchClient client;

    @BeforeEach
    void start() throws IOException {
        sinch = new FakeSinch();
        client = SinchClient.create(SinchConfig.builder().baseUrl(sinch.root()).servicePlan("p", "t")
                .clock(new MutableClock(NOW)).build());
    }

    @AfterEach
    void stop() {
        client.close();
        sinch.close();
    }

    private void refused(String field, Executable call) {
        SinchValidationException e = assertThrows(SinchValidationException.class, call);
        assertEquals(field, e.field(), e.getMessage());
        assertTrue(sinch.received().isEmpty(), "nothing may be sent");
    }

    private static TextRequest.Builder text() {
        return TextRequest.builder().to("15551231234").body("Hi");
    }

    @Test
    void recipients() {
        refused("to", () -> client.batches().send(TextRequest.builder().body("Hi").build()));
        List<String> many = IntStream.range(0, 1001).mapToObj(i -> "1555123" + String.format("%04d", i)).toList();
        refused("to", () -> client.batches().send(TextRequest.builder().to(many).body("Hi").build()));
        refused("to[1]", () -> client.batches().send(TextRequest.builder().to("15551231234", "12").body("Hi").build()));
        refused("to[0]", () -> client.batches().send(TextRequest.builder().to("not a number").body("Hi").build()));
        refused("to_add[0]", () -> client.batches().update("id", TextUpdate.builder().toAdd("+999").build()));
        refused("recipients[1]", () -> client.batches().deliveryFeedback("id", List.of("15551231234", "1")));
    }

    @Test
    void thousandRecipientsAndGroupIdsPass() {
        List<String> thousand = IntStream.range(0, 999).mapToObj(i -> "1555123" + String.format("%04d", i)).toList();
        TextRequest ok = TextRequest.builder().to(thousand).to("01FC66621XXXXX119Z8PMV1AHY").body("Hi").build();
        sinch.answer(400, "{\"code\":\"x\",\"text\":\"stop here\"}");
        assertThrows(SinchException.class, () -> client.batches().dryRun(ok, false, null));
        assertEquals(1, sinch.received().size());
    }

    @Test
    void bodies() {
        refused("body", () -> client.batches().send(TextRequest.builder().to("15551231234").build()));
        refused("body", () -> client.batches().send(text().body("x".repeat(2001)).build()));
        refused("body", () -> client.batches().send(BinaryRequest.builder().to("15551231234").body("%%%").build()));
        refused("udh", () -> client.batches().send(BinaryRequest.builder().to("15551231234").body("AA==").udh("xyz").build()));
        String bytes135 = java.util.Base64.getEncoder().encodeToString(new byte[135]);
        refused("body", () -> client.batches().send(BinaryRequest.builder().to("15551231234").body(bytes135)
                .udh("050003010201").build()));
        refused("body.url", () -> client.batches().send(MediaRequest.builder().to("15551231234")
                .body(new MediaBody(null, "m", null)).build()));
        refused("body.url", () -> client.batches().send(MediaRequest.builder().to("15551231234")
                .body(MediaBody.of("ftp://x/y.png")).build()));
        refused("parameters.first name", () -> client.batches().send(text().parameterDefault("first name", "x").build()));
        refused("parameters.name.default", () -> client.batches().send(text().parameterDefault("name", "x".repeat(161)).build()));
    }

    @Test
    void sendAndExpiryTimes() {
        refused("expire_at", () -> client.batches().send(text().sendAt(NOW.plusSeconds(600)).expireAt(NOW.plusSeconds(600)).build()));
        refused("expire_at", () -> client.batches().send(text().expireAt(NOW.minusSeconds(1)).build()));
        refused("expire_at", () -> client.batches().send(text().sendAt(NOW.plusSeconds(60))
                .expireAt(NOW.plusSeconds(60).plus(Duration.ofDays(3)).plusMillis(1)).build()));
        sinch.answer(400, "{}");
        assertThrows(SinchException.class, () -> client.batches().send(text().sendAt(NOW.plusSeconds(60))
                .expireAt(NOW.plusSeconds(60).plus(Duration.ofDays(3))).build()));
    }

    @Test
    void otherFields() {
        refused("callback_url", () -> client.batches().send(text().callbackUrl("callback url").build()));
        refused("client_reference", () -> client.batches().send(text().clientReference("r".repeat(2049)).build()));
        refused("from_ton", () -> client.batches().send(text().fromTon(7).build()));
        refused("from_npi", () -> client.batches().send(text().fromNpi(19).build()));
        refused("max_number_of_message_parts", () -> client.batches().send(text().maxNumberOfMessageParts(0).build()));
        assertThrows(IllegalStateException.class, () -> MediaRequest.builder().flashMessage(true).build());
        refused("page_size", () -> client.batches().list(org.smsconsole.sinch.batch.BatchQuery.all(), 0, 101));
        refused("recipient_msisdn", () -> client.deliveryReports().forRecipient("id", "12"));
    }

    @Test
    void groups() {
        refused("name", () -> client.groups().create(GroupRequest.of("x".repeat(21), null)));
        refused("members[0]", () -> client.groups().create(GroupRequest.of("ok", List.of("abc"))));
        refused("members", () -> client.groups().create(GroupRequest.of("ok", Collections.nCopies(10_001, "15551231234"))));
        refused("child_groups", () -> client.groups().create(new GroupRequest("ok", null,
                Collections.nCopies(11, "01FC66621XXXXX119Z8PMV1AHY"), null)));
        refused("auto_update.add.first_word", () -> client.groups().create(new GroupRequest("ok", null, null,
                new AutoUpdate("15551231234", AutoUpdate.Keywords.of("two words"), null))));
        refused("auto_update.remove.second_word", () -> client.groups().create(new GroupRequest("ok", null, null,
                new AutoUpdate("15551231234", null, new AutoUpdate.Keywords("STOP", "x".repeat(16))))));
    }
}
