package org.smsconsole.web.it;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.smsconsole.audit.AuditLog;
import org.smsconsole.campaign.Campaign;
import org.smsconsole.campaign.CampaignAudience;
import org.smsconsole.campaign.CampaignDraft;
import org.smsconsole.campaign.CampaignReport;
import org.smsconsole.campaign.CampaignState;
import org.smsconsole.campaign.Campaigns;
import org.smsconsole.consent.Suppressions;
import org.smsconsole.contact.Consent;
import org.smsconsole.contact.ContactDetails;
import org.smsconsole.contact.ContactView;
import org.smsconsole.contact.Contacts;
import org.smsconsole.group.GroupView;
import org.smsconsole.group.Groups;
import org.smsconsole.message.Message;
import org.smsconsole.message.MessageState;
import org.smsconsole.message.Messages;
import org.smsconsole.pricing.CampaignCosts;
import org.smsconsole.pricing.CostEstimate;
import org.smsconsole.pricing.Prices;
import org.smsconsole.validation.InvalidInputException;

import org.smsconsole.config.Setting;
import org.smsconsole.config.StoredSettings;
import org.smsconsole.dashboard.Dashboard;
import org.smsconsole.retention.MessageRetention;
import org.smsconsole.scheduler.RetentionJob;

import javax.sql.DataSource;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the campaign screens and the dashboard read and do beyond the release engine: the audience counted without
 * queueing, its countries and cost, prices, resend to failed recipients, clone, the recipients report and the
 * per-minute buckets; the dashboard's per-day figures, rate and lists; the retention of message bodies. Runs on H2
 * and again on PostgreSQL (the bucketing and grouping SQL must work on both).
 */
@ExtendWith(ArquillianExtension.class)
class CampaignInsightPersistenceIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.console();
    }

    @Inject
    Contacts contacts;

    @Inject
    Groups groups;

    @Inject
    Campaigns campaigns;

    @Inject
    CampaignAudience audience;

    @Inject
    CampaignCosts costs;

    @Inject
    CampaignReport report;

    @Inject
    Prices prices;

    @Inject
    Messages messages;

    @Inject
    Suppressions suppressions;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    @Resource(lookup = "java:app/jdbc/sms")
    DataSource dataSource;

    @Inject
    Dashboard dashboard;

    @Inject
    StoredSettings settings;

    @Inject
    MessageRetention retention;

    @Inject
    RetentionJob retentionJob;

    @Test
    void theDashboardCountsEachDayInTheViewersZoneAndTheRateOfFinalReports() throws Exception {
        // Days of 2020, where no other test writes; Kolkata is UTC+05:30, so its days are not UTC's.
        ZoneId kolkata = ZoneId.of("Asia/Kolkata");
        LocalDate first = LocalDate.of(2020, 3, 2);
        Instant earlyOnFirst = first.atTime(0, 10).atZone(kolkata).toInstant(); // 2020-03-01T18:40Z: UTC's day before
        seedMessage("DELIVERED", earlyOnFirst, earlyOnFirst.plusSeconds(5), null);
        seedMessage("DELIVERED", earlyOnFirst, earlyOnFirst.plusSeconds(6), null);
        seedMessage("FAILED", earlyOnFirst, earlyOnFirst.plusSeconds(7), null);
        seedMessage("FAILED", null, earlyOnFirst, null); // refused before it was sent: failed, never sent
        seedMessage("SKIPPED", null, earlyOnFirst, null); // opted out: in no figure
        seedMessage("EXPIRED", null, earlyOnFirst, null);
        Instant lateOnThird = first.plusDays(2).atTime(23, 50).atZone(kolkata).toInstant();
        seedMessage("DELIVERED", lateOnThird, lateOnThird.plus(Duration.ofMinutes(15)), null); // delivered on the fourth
        seedMessage("SENT", lateOnThird, lateOnThird, null); // still waiting for its report
        seedInbound(earlyOnFirst.plusSeconds(60), "Yes please");
        seedInbound(lateOnThird.plusSeconds(60), "No thanks");

        List<Dashboard.Day> days = dashboard.perDay(kolkata, first.plusDays(3), 5);
        assertEquals(List.of(
                new Dashboard.Day(first.minusDays(1), 0, 0, 0, 0),
                new Dashboard.Day(first, 3, 2, 2, 1),
                new Dashboard.Day(first.plusDays(1), 0, 0, 0, 0),
                new Dashboard.Day(first.plusDays(2), 2, 0, 0, 1),
                new Dashboard.Day(first.plusDays(3), 0, 1, 0, 0)), days);
        assertEquals(0.6, Dashboard.deliveryRate(days).orElseThrow(), 1e-9, "3 delivered of 3 delivered + 2 failed");
        assertTrue(Dashboard.deliveryRate(dashboard.perDay(kolkata, first.minusDays(10), 5)).isEmpty(), "no final report: no rate");
        List<Dashboard.Day> utc = dashboard.perDay(ZoneOffset.UTC, first, 2);
        assertEquals(3, utc.get(0).sent(), "in UTC the early sends fall on the day before: " + utc);
    }

    @Test
    void theDashboardListsTheLatestRepliesWithTheirContactOptOutsAndCampaignsRunningAndNext() throws Exception {
        ContactView ann = contacts.add(new ContactDetails(ukMobile(), "Ann Reply"));
        ContactView olly = contacts.add(new ContactDetails(ukMobile(), "Olly Out"));
        TestClock.stop();
        try {
            TestClock.advance(Duration.ofDays(2)); // newer than anything else in the database
            Instant now = clock.instant();
            long known = seedInbound(now, "Count me in", ann.phone());
            long unknown = seedInbound(now.minusSeconds(1), "Who is this?", "+447400999111");
            contacts.consent(olly.id(), Consent.OPTED_OUT, "operator", "asked");

            List<Dashboard.Reply> replies = dashboard.recentReplies(10);
            assertEquals(new Dashboard.Reply(known, ann.phone(), ann.id(), "Ann Reply", "Count me in", now, false), replies.get(0));
            assertEquals(new Dashboard.Reply(unknown, "+447400999111", null, null, "Who is this?", now.minusSeconds(1), false), replies.get(1));
            Dashboard.OptOut optOut = dashboard.recentOptOuts(10).get(0);
            assertEquals(new Dashboard.OptOut(olly.id(), "Olly Out", olly.phone(), now, "operator"), optOut);
        } finally {
            TestClock.resume();
        }

        Campaign later = campaigns.create(new CampaignDraft(tag(), null, "Hello", List.of(group(ann).id()),
                null, null, clock.instant().plus(Duration.ofHours(3)), null, null, null, null));
        campaigns.schedule(later.getId());
        assertTrue(dashboard.nextScheduled(100).stream().anyMatch(c -> c.getId().equals(later.getId())), "scheduled: next");
        assertTrue(dashboard.running(100).stream().noneMatch(c -> c.getId().equals(later.getId())));
        campaigns.pause(later.getId());
        assertTrue(dashboard.running(100).stream().anyMatch(c -> c.getId().equals(later.getId())), "paused: still in progress");
        campaigns.cancel(later.getId());
        assertTrue(dashboard.running(100).stream().noneMatch(c -> c.getId().equals(later.getId())));
    }

    @Test
    void retentionErasesOldBodiesInBatchesKeepingEveryCountAndRunsOnceAnHourAcrossInstances() throws Exception {
        settings.save(Map.of(Setting.MESSAGE_RETENTION_DAYS, ""));
        for (String bad : List.of("0", "3651", "ten", "-5")) {
            InvalidInputException refused = assertThrows(InvalidInputException.class,
                    () -> settings.save(Map.of(Setting.MESSAGE_RETENTION_DAYS, bad)), bad);
            assertEquals("SMS_MESSAGE_RETENTION_DAYS", refused.field());
        }
        assertTrue(settings.stored(Setting.MESSAGE_RETENTION_DAYS).isEmpty(), "nothing stored");

        TestClock.stop();
        try {
            TestClock.advance(Duration.ofDays(1)); // past any claim made at the real time
            Instant now = clock.instant();
            // Claims, with no retention set (so the background job claims nothing meanwhile).
            assertTrue(retention.claimRun(now, Duration.ofHours(1)), "the first instance this hour runs");
            assertFalse(retention.claimRun(now.plus(Duration.ofMinutes(30)), Duration.ofHours(1)), "another instance, or later the same hour: not");
            assertTrue(retention.claimRun(now.plus(Duration.ofMinutes(61)), Duration.ofHours(1)), "the next hour");
            // The stopped clock stays before that claim's end: from here only this test erases.

            long oldText = seedMessage("DELIVERED", now.minus(Duration.ofDays(40)), now.minus(Duration.ofDays(40)), "Old secret text");
            long oldMedia = seedMessage("FAILED", now.minus(Duration.ofDays(35)), now.minus(Duration.ofDays(35)), null);
            setMedia(oldMedia, "https://example.com/old.png");
            long oldQueued = seedMessage("QUEUED", null, now.minus(Duration.ofDays(40)), "Still to send");
            long recent = seedMessage("DELIVERED", now.minus(Duration.ofDays(5)), now.minus(Duration.ofDays(5)), "Recent text");
            long oldReply = seedInbound(now.minus(Duration.ofDays(31)), "Old reply");
            long oldMms = seedInbound(now.minus(Duration.ofDays(31)), "{\"subject\":\"Pic\",\"message\":\"Look\"}", "+447400000001", "mo_media");
            long recentReply = seedInbound(now.minus(Duration.ofDays(29)), "Recent reply");
            List<Long> seeded = List.of(oldText, oldMedia, oldQueued, recent);
            Map<Long, String> statesBefore = messageStates(seeded);
            long messagesBefore = count("select count(*) from message");
            long inboundBefore = count("select count(*) from inbound_message");

            // Copies of message text elsewhere: the inbox's snippets and outgoing webhook payloads.
            String tag = Long.toString(System.nanoTime() % 1_000_000_000L);
            execute("insert into conversation (phone, last_at, last_text, last_inbound, unread, created_at) values (?, ?, 'Old snippet', true, 0, ?)",
                    "+4475" + tag, now.minus(Duration.ofDays(40)), now.minus(Duration.ofDays(40)));
            execute("insert into conversation (phone, last_at, last_text, last_inbound, unread, created_at) values (?, ?, 'Recent snippet', true, 0, ?)",
                    "+4476" + tag, now.minus(Duration.ofDays(2)), now.minus(Duration.ofDays(2)));
            execute("insert into webhook_event (id, type, occurred_at, payload) values (?, 'inbound.received', ?, '{\"text\":\"Old reply\"}')",
                    "old-" + tag, now.minus(Duration.ofDays(31)));
            execute("insert into webhook_event (id, type, occurred_at, payload) values (?, 'inbound.received', ?, '{\"text\":\"Recent reply\"}')",
                    "new-" + tag, now.minus(Duration.ofDays(29)));

            settings.save(Map.of(Setting.MESSAGE_RETENTION_DAYS, "30"));
            assertEquals(1, count("select count(*) from audit_entry where action = 'SETTING_CHANGED'"
                    + " and subject = 'SMS_MESSAGE_RETENTION_DAYS' and details = 'set to 30' and at = ?", now), "the change is audited");
            assertTrue(retentionJob.runIfDue().isEmpty(), "this hour's run is claimed already");

            RetentionJob.Run run = retentionJob.run(now, 30);
            assertEquals(now.minus(Duration.ofDays(30)), run.cutoff());
            assertTrue(run.outgoing() >= 2 && run.inbound() >= 2, run.toString());
            assertEquals(null, body("message", oldText));
            assertTrue(messages.get(oldText).isBodyErased());
            assertEquals(now, messages.get(oldText).getBodyErasedAt());
            assertEquals(null, messages.get(oldMedia).getMediaUrl());
            assertEquals("Still to send", body("message", oldQueued), "a queued message keeps its text for the engine");
            assertEquals("Recent text", body("message", recent));
            assertFalse(messages.get(recent).isBodyErased());
            assertEquals(null, body("inbound_message", oldReply));
            assertEquals(null, body("inbound_message", oldMms));
            assertEquals("Recent reply", body("inbound_message", recentReply));
            assertEquals(statesBefore, messageStates(seeded), "every state stays");
            assertEquals(messagesBefore, count("select count(*) from message"), "every message stays");
            assertEquals(inboundBefore, count("select count(*) from inbound_message"));
            assertEquals(1, count("select count(*) from inbound_message where id = " + oldReply + " and body_erased_at is not null"
                    + " and from_number = '+447400000001' and received_at is not null"), "phone and time stay");
            assertEquals(1, count("select count(*) from audit_entry where action = 'MESSAGE_BODIES_ERASED' and actor = 'system'"
                    + " and at = ?", now), "the run is audited");
            assertEquals(1, count("select count(*) from conversation where phone = '+4475" + tag + "' and last_text is null"), "old snippet erased");
            assertEquals(1, count("select count(*) from conversation where phone = '+4476" + tag + "' and last_text = 'Recent snippet'"));
            assertEquals(0, count("select count(*) from webhook_event where id = 'old-" + tag + "'"), "an old webhook payload goes");
            assertEquals(1, count("select count(*) from webhook_event where id = 'new-" + tag + "'"));
            assertEquals(new RetentionJob.Run(run.cutoff(), 0, 0), retentionJob.run(now, 30), "nothing is left to erase");
        } finally {
            settings.save(Map.of(Setting.MESSAGE_RETENTION_DAYS, ""));
            TestClock.resume();
        }
    }

    private void execute(String sql, Object... values) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                Object v = values[i];
                ps.setObject(i + 1, v instanceof Instant t ? java.time.OffsetDateTime.ofInstant(t, java.time.ZoneOffset.UTC) : v);
            }
            ps.executeUpdate();
        }
    }

    /** A message row as the engine leaves it, written directly: the engine's own paths are tested elsewhere. */
    private long seedMessage(String state, Instant sentAt, Instant statusAt, String body) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            long id;
            try (PreparedStatement ps = c.prepareStatement("select nextval('message_seq')"); java.sql.ResultSet rs = ps.executeQuery()) {
                rs.next();
                id = rs.getLong(1);
            }
            Instant created = sentAt != null ? sentAt.minusSeconds(1) : statusAt;
            try (PreparedStatement ps = c.prepareStatement("insert into message (id, phone, kind, body, state, due_at, expire_at, attempts,"
                    + " solo, sent_at, status_at, created_at) values (?, '+447400000001', 'DIRECT', ?, ?, ?, ?, 0, false, ?, ?, ?)")) {
                ps.setLong(1, id);
                ps.setString(2, body);
                ps.setString(3, state);
                // A queued row is due long after the test, so that the release engine neither takes nor expires it.
                Instant due = state.equals("QUEUED") ? created.plus(Duration.ofDays(50)) : created;
                ps.setObject(4, utc(due));
                ps.setObject(5, utc(due.plus(Duration.ofDays(1))));
                ps.setObject(6, sentAt == null ? null : utc(sentAt));
                ps.setObject(7, utc(statusAt));
                ps.setObject(8, utc(created));
                assertEquals(1, ps.executeUpdate());
            }
            return id;
        }
    }

    private void setMedia(long id, String url) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("update message set media_url = ? where id = ?")) {
            ps.setString(1, url);
            ps.setLong(2, id);
            assertEquals(1, ps.executeUpdate());
        }
    }

    private long seedInbound(Instant receivedAt, String body) throws Exception {
        return seedInbound(receivedAt, body, "+447400000001");
    }

    private long seedInbound(Instant receivedAt, String body, String from) throws Exception {
        return seedInbound(receivedAt, body, from, "mo_text");
    }

    /** An inbound message as the webhook stores it. */
    private long seedInbound(Instant receivedAt, String body, String from, String type) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            long id;
            try (PreparedStatement ps = c.prepareStatement("select nextval('inbound_message_seq')"); java.sql.ResultSet rs = ps.executeQuery()) {
                rs.next();
                id = rs.getLong(1);
            }
            try (PreparedStatement ps = c.prepareStatement("insert into inbound_message (id, sinch_id, type, from_number, to_number, body,"
                    + " received_at, stored_at) values (?, ?, ?, ?, '447400000000', ?, ?, ?)")) {
                ps.setLong(1, id);
                ps.setString(2, "test-" + UUID.randomUUID());
                ps.setString(3, type);
                ps.setString(4, from);
                ps.setString(5, body);
                ps.setObject(6, utc(receivedAt));
                ps.setObject(7, utc(receivedAt));
                assertEquals(1, ps.executeUpdate());
            }
            return id;
        }
    }

    private String body(String table, long id) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select body from " + table + " where id = ?")) {
            ps.setLong(1, id);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), table + " " + id);
                return rs.getString(1);
            }
        }
    }

    /** The rows' states (the release engine keeps moving other tests' rows meanwhile). */
    private Map<Long, String> messageStates(List<Long> ids) throws Exception {
        Map<Long, String> states = new java.util.TreeMap<>();
        for (long id : ids) {
            states.put(id, messages.get(id).getState().name());
        }
        return states;
    }

    private long count(String sql, Instant at) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, utc(at));
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private long count(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql); java.sql.ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static OffsetDateTime utc(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }

    @Test
    void theAudienceIsCountedOnceWithOptedOutAndSuppressedApartAndNothingIsQueued() {
        ContactView a = contacts.add(new ContactDetails(ukMobile(), "Ann"));
        ContactView b = contacts.add(new ContactDetails(ukMobile(), "Bob"));
        ContactView c = contacts.add(new ContactDetails(ukMobile(), "Cy"));
        ContactView d = contacts.add(new ContactDetails("+1650253" + String.format("%04d", ThreadLocalRandom.current().nextInt(10_000)), "Dee"));
        contacts.consent(b.id(), Consent.OPTED_OUT, "operator", "asked");
        suppressions.add(c.phone(), "complaint");
        GroupView one = group(a, b, c);
        GroupView two = group(a, d);
        long messagesBefore = messages.count(null, null);

        CampaignAudience.Count count = audience.count(List.of(one.id(), two.id()));
        assertEquals(new CampaignAudience.Count(4, 1, 1), count);
        assertEquals(2, count.deliverable());
        assertEquals(Map.of("GB", 1L, "US", 1L), audience.countries(List.of(one.id(), two.id())));
        assertEquals(new CampaignAudience.Count(0, 0, 0), audience.count(List.of()));
        assertEquals(messagesBefore, messages.count(null, null), "counting queues nothing");
    }

    @Test
    void theCostIsPartsTimesTheCountrysPriceAndACountryWithoutPriceIsNamed() {
        prices.set("gb", new BigDecimal("0.04"), "eur");
        GroupView uk = group(contacts.add(new ContactDetails(ukMobile(), "Al")), contacts.add(new ContactDetails(ukMobile(), "Bea")));
        CostEstimate estimate = costs.estimate(List.of(uk.id()), "Hi ${name} " + "x".repeat(160));
        assertTrue(estimate.exact());
        assertEquals(2, estimate.recipients());
        assertEquals(4, estimate.parts(), "two parts each");
        assertEquals(0, new BigDecimal("0.16").compareTo(estimate.moneyByCurrency().get("EUR")), estimate.toString());
        assertTrue(estimate.priced());

        prices.remove("GB");
        CostEstimate unpriced = costs.estimate(List.of(uk.id()), "Hi");
        assertEquals(List.of("GB"), unpriced.countriesWithoutPrice());
        assertTrue(unpriced.moneyByCurrency().isEmpty());
    }

    @Test
    void pricesAreCheckedNamingTheField() {
        assertEquals("country", assertThrows(InvalidInputException.class, () -> prices.set("XX", BigDecimal.ONE, "EUR")).field());
        assertEquals("price", assertThrows(InvalidInputException.class, () -> prices.set("FR", new BigDecimal("-1"), "EUR")).field());
        assertEquals("price", assertThrows(InvalidInputException.class, () -> prices.set("FR", new BigDecimal("0.000001"), "EUR")).field());
        assertEquals("currency", assertThrows(InvalidInputException.class, () -> prices.set("FR", BigDecimal.ONE, "EURO")).field());
        assertTrue(prices.perPart("FR").isEmpty(), "nothing stored");
        prices.set("fr", new BigDecimal("0.05"), "EUR");
        prices.set("FR", new BigDecimal("0.06"), "EUR");
        assertEquals(0, new BigDecimal("0.06").compareTo(prices.perPart("FR").orElseThrow().getPricePerPart()));
        assertTrue(audit.count("price FR") >= 2, "each change is audited");
        prices.remove("FR");
        assertTrue(audit.search("price FR", 0, 10).stream().anyMatch(a -> a.getAction().equals("PRICE_REMOVED")));
    }

    @Test
    void resendToFailedQueuesANewCampaignForTheFailedRecipientsOnly() throws Exception {
        ContactView ok = contacts.add(new ContactDetails(ukMobile(), "Fine"));
        ContactView failing = contacts.add(new ContactDetails(ukMobile(), "Failing"));
        Campaign original = campaigns.create(new CampaignDraft(tag(), null, "Hello ${name}", List.of(group(ok, failing).id()),
                null, null, clock.instant().plus(Duration.ofHours(1)), null, 5, null, null));
        campaigns.schedule(original.getId());
        assertEquals("campaign", assertThrows(InvalidInputException.class, () -> campaigns.resendFailed(original.getId())).field(),
                "nothing failed yet");
        markFailed(original.getId(), failing.phone());

        Campaign resend = campaigns.resendFailed(original.getId());
        assertTrue(resend.getName().endsWith("(resend to failed)"));
        assertTrue(resend.getState() == CampaignState.SCHEDULED || resend.getState() == CampaignState.RUNNING);
        assertEquals(1, resend.getRecipientCount());
        List<Message> rows = messages.page(resend.getId(), null, 0, 10);
        assertEquals(List.of(failing.phone()), rows.stream().map(Message::getPhone).toList());
        assertEquals(Integer.valueOf(5), resend.getRatePerSecond());
        assertEquals(1, messages.count(original.getId(), MessageState.FAILED), "the original keeps its figures");
        assertTrue(audit.search("campaign " + resend.getId(), 0, 10).stream().anyMatch(a -> a.getAction().equals("CAMPAIGN_RESENT")));
        campaigns.cancel(original.getId());
    }

    @Test
    void aCloneIsANewDraftWithTheSamePlan() {
        ContactView one = contacts.add(new ContactDetails(ukMobile(), "Clo"));
        GroupView g = group(one);
        Campaign original = campaigns.create(new CampaignDraft(tag(), null, "Hi ${name}", List.of(g.id()), null, null, null, null, 7,
                java.time.LocalTime.of(21, 0), java.time.LocalTime.of(8, 0)));
        Campaign copy = campaigns.cloneDraft(original.getId());
        assertEquals(CampaignState.DRAFT, copy.getState());
        assertEquals("Copy of " + original.getName(), copy.getName());
        assertEquals(original.getBody(), copy.getBody());
        assertEquals(original.getGroupIds(), copy.getGroupIds());
        assertEquals(original.getQuietHours(), copy.getQuietHours());
        assertEquals(Integer.valueOf(7), copy.getRatePerSecond());
    }

    @Test
    void recipientsAreSearchedByDigitsExportedAndBucketedPerMinute() throws Exception {
        ContactView x = contacts.add(new ContactDetails(ukMobile(), "Ex"));
        ContactView y = contacts.add(new ContactDetails(ukMobile(), "Why"));
        Campaign campaign = campaigns.create(new CampaignDraft(tag(), null, "Hello", List.of(group(x, y).id()),
                null, null, clock.instant().plus(Duration.ofHours(1)), null, null, null, null));
        campaigns.schedule(campaign.getId());
        long id = campaign.getId();
        assertEquals(2, report.countRecipients(id, null));
        String national = "0" + x.phone().substring(3);
        assertEquals(1, report.countRecipients(id, national.substring(0, 5) + " " + national.substring(5)));
        assertEquals(x.phone(), report.recipients(id, x.phone(), 0, 10).get(0).getPhone());

        Instant minute = Instant.parse("2026-01-01T10:00:00Z");
        markFailed(id, x.phone(), minute.plusSeconds(10), minute.plusSeconds(20));
        List<CampaignReport.Minute> perMinute = report.perMinute(id);
        assertEquals(List.of(new CampaignReport.Minute(minute, 1, 0, 1)), perMinute);

        StringWriter csv = new StringWriter();
        assertEquals(2, report.export(id, null, csv));
        List<String> lines = csv.toString().lines().toList();
        assertEquals("phone,state,delivery_status,delivery_code,reason,sent_at,status_at,batch_id", lines.get(0));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith(x.phone() + ",FAILED,")), csv.toString());
        assertFalse(lines.stream().anyMatch(l -> l.contains("Why")), "no names in the export");
        campaigns.cancel(id);
    }

    private void markFailed(long campaignId, String phone) throws Exception {
        Instant now = clock.instant();
        markFailed(campaignId, phone, now, now);
    }

    /** What a refusal by Sinch leaves behind, written directly: the engine's own paths are tested elsewhere. */
    private void markFailed(long campaignId, String phone, Instant sentAt, Instant statusAt) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("update message set state = 'FAILED', sent_at = ?, status_at = ?,"
                     + " delivery_status = 'Failed', delivery_code = 400, reason = 'refused' where campaign_id = ? and phone = ?")) {
            ps.setObject(1, OffsetDateTime.ofInstant(sentAt, ZoneOffset.UTC));
            ps.setObject(2, OffsetDateTime.ofInstant(statusAt, ZoneOffset.UTC));
            ps.setLong(3, campaignId);
            ps.setString(4, phone);
            assertEquals(1, ps.executeUpdate());
        }
    }

    private GroupView group(ContactView... members) {
        GroupView g = groups.create(tag());
        groups.addMembers(g.id(), java.util.Arrays.stream(members).map(ContactView::id).toList());
        return g;
    }

    private static String tag() {
        return "t" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String ukMobile() {
        // 60 million numbers (+44 740 to 745): six random digits gave two tests of one run the same number
        return "+4474" + ThreadLocalRandom.current().nextInt(6) + String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000));
    }
}
