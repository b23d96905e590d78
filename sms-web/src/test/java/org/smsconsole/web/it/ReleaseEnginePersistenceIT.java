package org.smsconsole.web.it;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.smsconsole.campaign.Campaign;
import org.smsconsole.campaign.CampaignDraft;
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
import org.smsconsole.message.MessageDraft;
import org.smsconsole.message.MessageState;
import org.smsconsole.message.Messages;
import org.smsconsole.scheduler.ReleaseLoop;
import org.smsconsole.scheduler.Releaser;
import org.smsconsole.scheduler.SendStream;
import org.smsconsole.scheduler.SinchConnection;
import org.smsconsole.sinch.SinchClient;

import javax.sql.DataSource;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The release engine in the container, with its real timer, the console's movable clock and the built-in
 * Sinch sandbox over HTTP: when messages leave, what never leaves (expired, opted out, suppressed, quiet
 * hours), pause, resume and cancel, exactly-once under four concurrent release loops, and the operators' metrics
 * endpoint watching a campaign run. Runs on H2 and again on PostgreSQL.
 */
@ExtendWith(ArquillianExtension.class)
class ReleaseEnginePersistenceIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    /** The container's SMS_METRICS_TOKEN (arquillian.xml). */
    private static final String METRICS_TOKEN = System.getProperty("SMS_METRICS_TOKEN");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final List<Long> SCRAPE_NANOS = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Deployment
    static WebArchive deployment() {
        return Deployments.console();
    }

    @ArquillianResource
    URL base;

    @Inject
    Contacts contacts;

    @Inject
    Groups groups;

    @Inject
    Campaigns campaigns;

    @Inject
    Messages messages;

    @Inject
    Suppressions suppressions;

    @Inject
    ReleaseLoop loop;

    @Inject
    Releaser releaser;

    @Inject
    org.smsconsole.scheduler.Pacer pacer;

    @Inject
    SinchConnection sinch;

    @Inject
    org.smsconsole.apikey.ApiKeys apiKeys;

    @Inject
    Clock clock;

    @Resource(lookup = "java:app/jdbc/sms")
    DataSource dataSource;

    SandboxControl sandbox;

    @BeforeEach
    void sandboxDispatchesAtOnce() {
        TestClock.resume();
        sandbox = new SandboxControl(base, apiKeys);
        sandbox.reset(); // its queue holds times of the clock the last test moved
        sandbox.patch("{\"messages_per_second\":0,\"dispatch_delay_ms\":0,\"delivery_delay_ms\":50}");
    }

    @Test
    void nothingLeavesBeforeSendAtAndAllThatIsDueLeavesWithinTwoTicks() {
        List<ContactView> people = people(3);
        Campaign campaign = scheduled(people, clock.instant().plus(Duration.ofMinutes(10)), null, null);

        long ticks = loop.ticks();
        await().atMost(WAIT).until(() -> loop.ticks() >= ticks + 2);
        assertEquals(3, messages.count(campaign.getId(), MessageState.QUEUED), "not due yet: still queued after two ticks");
        people.forEach(p -> assertEquals(0, sandbox.messagesTo(p.phone())));
        assertEquals(CampaignState.SCHEDULED, campaigns.get(campaign.getId()).getState());

        TestClock.advance(Duration.ofMinutes(10));
        long due = loop.ticks();
        await().atMost(WAIT).until(() -> messages.count(campaign.getId(), MessageState.SENT)
                + messages.count(campaign.getId(), MessageState.DELIVERED) == 3);
        assertTrue(loop.ticks() - due <= 2, "left within two ticks of being due (took " + (loop.ticks() - due) + ")");
        await().atMost(WAIT).untilAsserted(() -> people.forEach(p -> assertEquals(1, sandbox.messagesTo(p.phone()))));
        for (Message m : messages.page(campaign.getId(), null, 0, 10)) {
            assertNotNull(m.getBatchId(), "the batch id is stored on each message");
            assertNotNull(m.getClientReference());
            assertEquals(1, m.getAttempts());
        }
        await().atMost(WAIT).until(() -> campaigns.get(campaign.getId()).getState() == CampaignState.COMPLETED);
    }

    @Test
    void pastItsExpiryAMessageIsExpiredWithTheReasonAndNeverSent() {
        Instant now = clock.instant();
        String phone = mobile();
        Message single = messages.send(new MessageDraft(null, phone, "Your parcel arrives today", null, null, null, null,
                now.plus(Duration.ofHours(1)), now.plus(Duration.ofHours(2))));
        List<ContactView> people = people(2);
        Campaign campaign = scheduled(people, now.plus(Duration.ofHours(1)), now.plus(Duration.ofHours(2)), null);
        campaigns.pause(campaign.getId());

        TestClock.advance(Duration.ofHours(3));
        await().atMost(WAIT).until(() -> messages.get(single.getId()).getState() == MessageState.EXPIRED);
        assertTrue(messages.get(single.getId()).getReason().startsWith("Too old to send"), messages.get(single.getId()).getReason());
        await().atMost(WAIT).until(() -> messages.count(campaign.getId(), MessageState.EXPIRED) == 2);
        await().atMost(WAIT).until(() -> campaigns.get(campaign.getId()).getState() == CampaignState.COMPLETED);
        long ticks = loop.ticks();
        await().atMost(WAIT).until(() -> loop.ticks() >= ticks + 2);
        assertEquals(0, sandbox.messagesTo(phone));
        people.forEach(p -> assertEquals(0, sandbox.messagesTo(p.phone())));
    }

    @Test
    void optedOutAndSuppressedNumbersAreSkippedWithTheReason() {
        List<ContactView> people = people(4);
        contacts.consent(people.get(0).id(), Consent.OPTED_OUT, "operator", "asked by phone");
        Campaign campaign = scheduled(people, clock.instant().plus(Duration.ofMinutes(5)), null, null);
        assertEquals(1, messages.count(campaign.getId(), MessageState.SKIPPED), "known at scheduling: skipped at once");

        // Consent changes between scheduling and release are honoured at release.
        contacts.consent(people.get(1).id(), Consent.OPTED_OUT, "keyword", "STOP");
        suppressions.add(people.get(2).phone(), "complaint");
        TestClock.advance(Duration.ofMinutes(5));

        await().atMost(WAIT).until(() -> campaigns.get(campaign.getId()).getState() == CampaignState.COMPLETED);
        assertEquals(3, messages.count(campaign.getId(), MessageState.SKIPPED));
        List<String> reasons = messages.page(campaign.getId(), MessageState.SKIPPED, 0, 10).stream().map(Message::getReason).sorted().toList();
        assertEquals("On the suppression list", reasons.get(0));
        assertEquals("Opted out", reasons.get(1), "known at scheduling");
        assertTrue(reasons.get(2).matches("Opted out via keyword at 20[0-9-]+T[0-9:]+Z"), "at release, how and when: " + reasons.get(2));
        await().atMost(WAIT).until(() -> sandbox.messagesTo(people.get(3).phone()) == 1);
        for (int i = 0; i < 3; i++) {
            assertEquals(0, sandbox.messagesTo(people.get(i).phone()));
        }
    }

    @Test
    void pauseStopsTheReleaseAndResumeContinuesWithoutOneDuplicate() {
        List<ContactView> people = people(120);
        Campaign campaign = campaigns.create(draft(people, clock.instant(), null, 20, null, null));
        campaigns.schedule(campaign.getId());

        await().atMost(WAIT).until(() -> released(campaign) >= 20);
        campaigns.pause(campaign.getId());
        long atPause = released(campaign);
        long ticks = loop.ticks();
        await().atMost(WAIT).until(() -> loop.ticks() >= ticks + 2);
        long afterTwoTicks = released(campaign);
        assertTrue(afterTwoTicks <= atPause + 20, "at most the slice in flight at the pause leaves (" + atPause + " -> " + afterTwoTicks + ")");
        await().during(Duration.ofSeconds(2)).atMost(WAIT).until(() -> released(campaign) == afterTwoTicks);
        assertTrue(afterTwoTicks < 120, "paused before the end");

        campaigns.resume(campaign.getId());
        await().atMost(WAIT).until(() -> campaigns.get(campaign.getId()).getState() == CampaignState.COMPLETED);
        assertEquals(120, released(campaign));
        await().atMost(WAIT).untilAsserted(() -> people.forEach(p -> assertEquals(1, sandbox.messagesTo(p.phone()), p.phone())));
    }

    @Test
    void cancelStopsTheRest() {
        List<ContactView> people = people(100);
        Campaign campaign = campaigns.create(draft(people, clock.instant(), null, 10, null, null));
        campaigns.schedule(campaign.getId());
        await().atMost(WAIT).until(() -> released(campaign) >= 10);

        campaigns.cancel(campaign.getId());
        long cancelled = messages.count(campaign.getId(), MessageState.CANCELLED);
        assertTrue(cancelled > 0, "queued messages are cancelled");
        long ticks = loop.ticks();
        await().atMost(WAIT).until(() -> loop.ticks() >= ticks + 2);
        assertEquals(100, released(campaign) + messages.count(campaign.getId(), MessageState.CANCELLED));
        assertEquals(CampaignState.CANCELLED, campaigns.get(campaign.getId()).getState());
        // Batches Sinch still held were cancelled there too: what reached a phone is at most what was released, each once.
        long reached = people.stream().mapToLong(p -> sandbox.messagesTo(p.phone())).sum();
        assertTrue(reached <= released(campaign), reached + " reached, " + released(campaign) + " released");
        people.forEach(p -> assertTrue(sandbox.messagesTo(p.phone()) <= 1));
    }

    @Test
    void quietHoursInTheRecipientsZoneDeferTheMessage() {
        ContactView tokyo = contacts.add(new ContactDetails(mobile(), tag(), null, "Asia/Tokyo", Map.of()));
        ContactView london = contacts.add(new ContactDetails(mobile(), tag(), null, "Europe/London", Map.of()));
        Instant now = clock.instant();
        // Quiet from an hour ago until two hours from now, Tokyo time; London's clock is nine hours behind: free.
        LocalTime tokyoNow = now.atZone(ZoneId.of("Asia/Tokyo")).toLocalTime();
        LocalTime from = tokyoNow.minusHours(1).withSecond(0).withNano(0);
        LocalTime to = tokyoNow.plusHours(2).withSecond(0).withNano(0);
        Campaign campaign = campaigns.create(draft(List.of(tokyo, london), now, null, null, from, to));
        campaigns.schedule(campaign.getId());

        await().atMost(WAIT).until(() -> sandbox.messagesTo(london.phone()) == 1);
        await().atMost(WAIT).until(() -> "Deferred: quiet hours".equals(messageTo(campaign, tokyo).getReason()));
        Message deferred = messageTo(campaign, tokyo);
        assertEquals(MessageState.QUEUED, deferred.getState());
        Instant expected = now.atZone(ZoneId.of("Asia/Tokyo")).with(to).toInstant();
        if (expected.isBefore(now)) {
            expected = expected.plus(Duration.ofDays(1));
        }
        assertEquals(expected, deferred.getDueAt(), "deferred to the end of the quiet hours");
        assertEquals(0, sandbox.messagesTo(tokyo.phone()));

        TestClock.advance(Duration.between(now, expected).plusSeconds(1));
        await().atMost(WAIT).until(() -> sandbox.messagesTo(tokyo.phone()) == 1);
    }

    @Test
    void fourReleaseLoopsOverTenThousandRecipientsSendEachExactlyOnce() throws Exception {
        int recipients = 10_000;
        GroupView group = groups.create(tag());
        String prefix = bulkContacts(group.id(), recipients);
        // Scheduled a day ahead, so the console's own loop leaves it alone; its rows made due for the four loops below.
        Campaign campaign = campaigns.create(new CampaignDraft(tag(), null, "Hello ${name}, your code is ready", List.of(group.id()),
                null, null, clock.instant().plus(Duration.ofDays(1)), clock.instant().plus(Duration.ofDays(2)), null, null, null));
        campaigns.schedule(campaign.getId());
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("update message set due_at = ? where campaign_id = ?")) {
            ps.setObject(1, java.time.OffsetDateTime.ofInstant(clock.instant(), java.time.ZoneOffset.UTC));
            ps.setLong(2, campaign.getId());
            assertEquals(recipients, ps.executeUpdate());
        }
        SinchClient client = sinch.client().orElseThrow();
        SendStream stream = new SendStream(campaign.getId(), campaign.getBody(), null, campaign.getReportMode(), null, null);

        int loops = 4;
        AtomicLong[] claimed = new AtomicLong[loops];
        long[][] window = new long[loops][2];
        // Managed threads: each loop has its own transactions and connections, as on separate instances.
        ExecutorService pool = Executors.newFixedThreadPool(loops,
                javax.naming.InitialContext.<jakarta.enterprise.concurrent.ManagedThreadFactory>doLookup("java:comp/DefaultManagedThreadFactory"));
        try {
            List<Future<?>> done = new ArrayList<>();
            // All four start claiming together: a thread that starts late on a fast machine would find nothing left.
            java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(loops);
            for (int i = 0; i < loops; i++) {
                int loopNo = i;
                claimed[i] = new AtomicLong();
                done.add(pool.submit(() -> {
                    start.await(1, java.util.concurrent.TimeUnit.MINUTES);
                    window[loopNo][0] = System.nanoTime();
                    // An empty claim is not the end: on H2 a claim whose first rows another loop holds comes back
                    // empty (it skips them after the limit), so a loop keeps going while rows are still queued.
                    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
                    Releaser.Slice slice;
                    do {
                        slice = releaser.releaseOne(client, stream, 250);
                        claimed[loopNo].addAndGet(slice.claimed());
                        if (slice.claimed() > 0) {
                            window[loopNo][1] = System.nanoTime();
                        }
                    } while ((slice.progressed() || messages.count(campaign.getId(), MessageState.QUEUED) > 0)
                            && System.nanoTime() < deadline);
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        long total = 0;
        for (int i = 0; i < loops; i++) {
            assertTrue(claimed[i].get() > 0, "loop " + i + " claimed work");
            total += claimed[i].get();
        }
        // A row can be claimed twice without being sent twice: one put back to wait (a 429, a batch split up) is
        // claimed again later. Sent once each is asserted below, at Sinch.
        assertTrue(total >= recipients, "every row claimed: " + total);
        long latestStart = Math.max(Math.max(window[0][0], window[1][0]), Math.max(window[2][0], window[3][0]));
        long earliestEnd = Math.min(Math.min(window[0][1], window[1][1]), Math.min(window[2][1], window[3][1]));
        assertTrue(latestStart < earliestEnd, "the four loops claimed at the same time");
        // Handed to Sinch once each; the sandbox fails numbers ending in 666, and fast reports may have arrived already.
        assertEquals(recipients, countIn(campaign, "SENT", "DELIVERED", "FAILED"));

        await().atMost(Duration.ofMinutes(3)).untilAsserted(() -> {
            var perRecipient = sandbox.counters().getJsonObject("messages_per_recipient");
            long ours = 0;
            for (var e : perRecipient.entrySet()) {
                if (e.getKey().startsWith(prefix)) {
                    assertEquals(1, ((jakarta.json.JsonNumber) e.getValue()).longValue(), "exactly once: " + e.getKey());
                    ours++;
                }
            }
            assertEquals(recipients, ours, "every recipient reached Sinch");
        });
    }

    @Test
    void paceGrantsOfFourConcurrentReleasersNeverPutMoreThanTheRateInAnyRollingWindow() throws Exception {
        String scope = "test:" + UUID.randomUUID().toString().substring(0, 8);
        int rate = 200;
        List<org.smsconsole.scheduler.Pacer.Scope> scopes = List.of(new org.smsconsole.scheduler.Pacer.Scope(scope, rate));
        ExecutorService pool = Executors.newFixedThreadPool(4,
                javax.naming.InitialContext.<jakarta.enterprise.concurrent.ManagedThreadFactory>doLookup("java:comp/DefaultManagedThreadFactory"));
        AtomicLong granted = new AtomicLong();
        try {
            List<Future<?>> done = new ArrayList<>();
            long end = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            for (int i = 0; i < 4; i++) {
                done.add(pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        var grant = pacer.reserve(scopes, 1 + ThreadLocalRandom.current().nextInt(rate), 1000);
                        granted.addAndGet(grant.messages());
                        Thread.sleep(grant.granted() ? 5 : Math.min(grant.retryInMs(), 200));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        List<long[]> grants = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select slot_ms, messages from send_pace_grant where scope = ? and messages > 0 order by slot_ms")) {
            ps.setString(1, scope);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    grants.add(new long[] {rs.getLong(1), rs.getLong(2)});
                }
            }
        }
        assertTrue(granted.get() >= 2 * rate, "the releasers were granted several seconds' worth: " + granted.get());
        long most = 0;
        for (long[] start : grants) {
            long sum = grants.stream().filter(g -> g[0] >= start[0] && g[0] < start[0] + pacer.windowMs()).mapToLong(g -> g[1]).sum();
            most = Math.max(most, sum);
        }
        assertTrue(most <= rate, "at most " + rate + " in any window of " + pacer.windowMs() + " ms: " + most);
    }

    @Test
    void whileACampaignRunsTheMetricsShowTheQueueDrainAndTheReleasedCounterRise() throws Exception {
        List<ContactView> people = people(200);
        Instant sendAt = clock.instant().plus(Duration.ofMinutes(1));
        Campaign campaign = scheduled(people, sendAt, null, 25); // 8 s at 25 a second: several scrapes see it run
        PrometheusExposition before = scrape();
        double releasedBefore = before.value("sms_messages_released_total");
        double settledBefore = before.sum("sms_messages", "state=\"sent\"") + before.sum("sms_messages", "state=\"delivered\"")
                + before.sum("sms_messages", "state=\"failed\"");
        double postsBefore = before.sum("sms_sinch_requests_total", "operation=\"POST batches\"", "status=\"201\"");
        double reportsBefore = before.sum("sms_delivery_reports_ingested_total", "source=\"callback\"", "result=\"stored\"");
        double lagsBefore = before.sum("sms_delivery_report_lag_seconds_count", "source=\"callback\"");

        // Not due yet: the database-wide gauge (read at most every 5 s) counts the 200 queued.
        double[] peak = {0};
        double[] dueAtPeak = {0};
        await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).until(() -> {
            PrometheusExposition now = scrape();
            peak[0] = now.value("sms_messages{state=\"queued\"}");
            dueAtPeak[0] = now.value("sms_messages_due");
            return peak[0] >= 200;
        });
        assertTrue(dueAtPeak[0] <= peak[0] - 200, "queued for a minute from now is not due: " + dueAtPeak[0] + " of " + peak[0]);

        TestClock.advance(Duration.ofMinutes(1));
        List<Double> released = new ArrayList<>();
        List<Double> queued = new ArrayList<>();
        List<Double> due = new ArrayList<>();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).until(() -> {
            PrometheusExposition now = scrape();
            released.add(now.value("sms_messages_released_total"));
            queued.add(now.value("sms_messages{state=\"queued\"}"));
            due.add(now.value("sms_messages_due"));
            return released.get(released.size() - 1) >= releasedBefore + 200 && queued.get(queued.size() - 1) <= peak[0] - 200;
        });
        assertTrue(released.stream().anyMatch(r -> r > releasedBefore && r < releasedBefore + 200),
                "the counter rose while the campaign ran, not in one step: " + released);
        assertTrue(queued.stream().anyMatch(q -> q < peak[0] && q > peak[0] - 200),
                "a scrape saw the queue part drained: " + queued);
        assertTrue(due.stream().anyMatch(d -> d >= 25), "a scrape saw the campaign's rows due while it ran: " + due);
        assertEquals(200, released(campaign));

        await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            PrometheusExposition after = scrape();
            assertTrue(after.sum("sms_messages", "state=\"sent\"") + after.sum("sms_messages", "state=\"delivered\"")
                    + after.sum("sms_messages", "state=\"failed\"") >= settledBefore + 200, "sent, then delivered or failed");
            assertTrue(after.sum("sms_sinch_requests_total", "operation=\"POST batches\"", "status=\"201\"") >= postsBefore + 8,
                    "200 at 25 a second: a batch each second at least");
            assertTrue(after.sum("sms_delivery_reports_ingested_total", "source=\"callback\"", "result=\"stored\"") >= reportsBefore + 200,
                    "the sandbox's callbacks, one final report per recipient at least");
            assertTrue(after.sum("sms_delivery_report_lag_seconds_count", "source=\"callback\"") >= lagsBefore + 200);
            assertEquals(0.0, after.value("sms_sending_halted"));
        });
        // What a scrape cost while the campaign ran (every fifth second's first one reads the database, the rest the cache).
        List<Long> took = SCRAPE_NANOS.stream().sorted().toList();
        java.util.logging.Logger.getLogger(ReleaseEnginePersistenceIT.class.getName()).info(String.format(
                "%d scrapes of /api/metrics over HTTP: median %.1f ms, 90th percentile %.1f ms, slowest %.1f ms", took.size(),
                took.get(took.size() / 2) / 1e6, took.get(took.size() * 9 / 10) / 1e6, took.get(took.size() - 1) / 1e6));
    }

    @Test
    void theMetricsEndpointAnswersOnlyItsTokenWithValidPrometheusText() throws Exception {
        HttpResponse<String> none = metrics(null);
        assertEquals(401, none.statusCode(), none.body());
        assertEquals("Bearer realm=\"sms-console-metrics\"", none.headers().firstValue("WWW-Authenticate").orElse(null));
        assertEquals(401, metrics("Bearer not-the-metrics-token-at-all").statusCode());
        String admin = Base64.getEncoder().encodeToString("admin:arquillian-admin-pw".getBytes(StandardCharsets.UTF_8));
        assertEquals(401, metrics("Basic " + admin).statusCode(), "a staff password does not open the metrics");
        assertTrue(none.headers().allValues("Set-Cookie").isEmpty(), "no session for a scraper");

        HttpResponse<String> ok = metrics("Bearer " + METRICS_TOKEN);
        assertEquals(200, ok.statusCode());
        jakarta.ws.rs.core.MediaType format = jakarta.ws.rs.core.MediaType.valueOf(ok.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(format.isCompatible(jakarta.ws.rs.core.MediaType.TEXT_PLAIN_TYPE), format.toString());
        assertEquals("0.0.4", format.getParameters().get("version"), "Prometheus's text format, " + format);
        assertEquals("utf-8", format.getParameters().get("charset").toLowerCase(Locale.ROOT));
        PrometheusExposition text = PrometheusExposition.parse(ok.body());
        Map<String, String> documented = Map.ofEntries(Map.entry("sms_messages", "gauge"), Map.entry("sms_messages_due", "gauge"),
                Map.entry("sms_messages_released_total", "counter"),
                Map.entry("sms_sending_halted", "gauge"), Map.entry("sms_webhook_deliveries", "gauge"), Map.entry("sms_import_jobs", "gauge"),
                Map.entry("sms_metrics_database_read_seconds", "gauge"), Map.entry("jvm_memory_used_bytes", "gauge"),
                Map.entry("process_uptime_seconds", "gauge"));
        documented.forEach((family, type) -> assertEquals(type, text.type(family), family + " in docs/operations.md"));
        for (String state : List.of("queued", "sending", "sent", "delivered", "failed", "expired", "cancelled", "skipped")) {
            assertTrue(text.value("sms_messages{state=\"" + state + "\"}") >= 0, state);
        }
        assertTrue(text.value("sms_import_jobs{state=\"running\"}") >= 0);
        assertTrue(text.value("sms_webhook_deliveries{state=\"pending\"}") >= 0);
        assertTrue(text.value("sms_webhook_deliveries{state=\"failed\"}") >= 0);
        assertEquals("gauge", text.type("sms_background_loop_last_success_age_seconds"));
        assertEquals(1.0, text.value("sms_background_loop_interval_seconds{loop=\"release\"}"), "SMS_RELEASE_INTERVAL_MS 1000");
        assertTrue(text.value("sms_background_loop_last_success_age_seconds{loop=\"release\"}") < 10, "the release loop ticks every second");
        assertEquals(0.0, text.value("sms_background_loop_failures_in_a_row{loop=\"release\"}"));
        for (String loop : List.of("webhooks", "report-poll", "retention", "import-watch")) {
            assertTrue(text.sum("sms_background_loop_interval_seconds", "loop=\"" + loop + "\"") > 0, loop);
        }
        // Families that appear with their first event: a message through Sinch and its report.
        messages.send(new MessageDraft(null, mobile(), "Metrics", null, null, null, null, clock.instant(), null));
        await().atMost(WAIT).untilAsserted(() -> {
            PrometheusExposition later = scrape();
            assertEquals("histogram", later.type("sms_sinch_request_seconds"));
            assertEquals("counter", later.type("sms_sinch_requests_total"));
            assertEquals("counter", later.type("sms_delivery_reports_ingested_total"));
            assertEquals("histogram", later.type("sms_delivery_report_lag_seconds"));
        });
    }

    @Test
    void deletedContactsLeaveTheirMessagesBehindWithoutTheContact() {
        // message.contact_id has no foreign key (V17): each way of deleting contacts must clear it itself.
        List<ContactView> people = people(4);
        Campaign campaign = scheduled(people, clock.instant().plus(Duration.ofDays(1)), null, null);
        contacts.remove(people.get(0).id());
        contacts.removeAll(List.of(people.get(1).id()));
        contacts.removeMatching(org.smsconsole.contact.ContactQuery.text(people.get(2).name()));

        List<Message> queued = messages.page(campaign.getId(), null, 0, 10);
        assertEquals(4, queued.size(), "no message went with its contact");
        for (int i = 0; i < 3; i++) {
            String phone = people.get(i).phone();
            Message m = queued.stream().filter(q -> q.getPhone().equals(phone)).findFirst().orElseThrow();
            assertEquals(null, m.getContactId(), "deleted contact " + i + " is no longer referenced");
        }
        String kept = people.get(3).phone();
        assertEquals(people.get(3).id(), queued.stream().filter(q -> q.getPhone().equals(kept)).findFirst().orElseThrow().getContactId());
    }

    /** The metrics endpoint as Prometheus scrapes it, read and checked. */
    private PrometheusExposition scrape() throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> answer = metrics("Bearer " + METRICS_TOKEN);
        SCRAPE_NANOS.add(System.nanoTime() - started);
        assertEquals(200, answer.statusCode(), answer.body());
        return PrometheusExposition.parse(answer.body());
    }

    private HttpResponse<String> metrics(String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.toURI().resolve("api/metrics")).timeout(Duration.ofSeconds(30)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Messages that have left the queue. */
    private long released(Campaign campaign) {
        return countIn(campaign, "SENDING", "SENT", "DELIVERED", "FAILED");
    }

    /**
     * The campaign's messages in any of {@code states}, counted in one statement: counts one state after another
     * counted a message twice when a delivery report moved it from SENT to DELIVERED between them (120 read as 123).
     */
    private long countIn(Campaign campaign, String... states) {
        String in = String.join(", ", java.util.Collections.nCopies(states.length, "?"));
        try (Connection c = dataSource.getConnection();
             PreparedStatement p = c.prepareStatement("select count(*) from message where campaign_id = ? and state in (" + in + ")")) {
            p.setLong(1, campaign.getId());
            for (int i = 0; i < states.length; i++) {
                p.setString(i + 2, states[i]);
            }
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Message messageTo(Campaign campaign, ContactView contact) {
        return messages.page(campaign.getId(), null, 0, 100).stream().filter(m -> m.getPhone().equals(contact.phone())).findFirst().orElseThrow();
    }

    private Campaign scheduled(List<ContactView> people, Instant sendAt, Instant expireAt, Integer rate) {
        Campaign campaign = campaigns.create(draft(people, sendAt, expireAt, rate, null, null));
        return campaigns.schedule(campaign.getId());
    }

    private CampaignDraft draft(List<ContactView> people, Instant sendAt, Instant expireAt, Integer rate, LocalTime quietFrom, LocalTime quietTo) {
        GroupView group = groups.create(tag());
        groups.addMembers(group.id(), people.stream().map(ContactView::id).toList());
        return new CampaignDraft(tag(), null, "Hi ${name}, see you soon", List.of(group.id()), null, null, sendAt, expireAt, rate,
                quietFrom, quietTo);
    }

    private List<ContactView> people(int n) {
        List<ContactView> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(contacts.add(new ContactDetails(mobile(), tag())));
        }
        return out;
    }

    /** {@code n} contacts straight into the tables (fast), all in {@code group}; answers their numbers' common prefix (digits). */
    private String bulkContacts(long group, int n) throws Exception {
        String prefix = "4474" + (60 + ThreadLocalRandom.current().nextInt(40)) + ThreadLocalRandom.current().nextInt(10);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("insert into contact (id, phone, name, created_at, updated_at, version, consent)"
                    + " values (nextval('contact_seq'), ?, ?, ?, ?, 0, 'SUBSCRIBED')")) {
                var now = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC);
                for (int i = 0; i < n; i++) {
                    ps.setString(1, "+" + prefix + String.format("%05d", i));
                    ps.setString(2, "Bulk " + i);
                    ps.setObject(3, now);
                    ps.setObject(4, now);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (Statement s = c.createStatement()) {
                s.executeUpdate("insert into group_member (group_id, contact_id, added_at) select " + group
                        + ", id, created_at from contact where phone like '+" + prefix + "%'");
            }
            c.commit();
        }
        return prefix;
    }

    private static String tag() {
        return "t" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A valid random UK mobile (+44 740 to 745). */
    private static String mobile() {
        // 60 million numbers (+44 740 to 745): six random digits gave two tests of one run the same number
        return "+4474" + ThreadLocalRandom.current().nextInt(6) + String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000));
    }
}
