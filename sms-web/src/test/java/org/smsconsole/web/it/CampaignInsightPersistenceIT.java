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

import javax.sql.DataSource;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
 * What the campaign screens read and do beyond the release engine: the audience counted without queueing, its
 * countries and cost, prices, resend to failed recipients, clone, the recipients report and the per-minute
 * buckets. Runs on H2 and again on PostgreSQL (the bucketing and grouping SQL must work on both).
 */
@ExtendWith(ArquillianExtension.class)
class CampaignInsightPersistenceIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.console().addPackages(true, "org.awaitility", "org.hamcrest");
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
        return "+447400" + String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000));
    }
}
