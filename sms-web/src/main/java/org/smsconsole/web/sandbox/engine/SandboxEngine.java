package org.smsconsole.web.sandbox.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.smsconsole.sinch.Msisdn;
import org.smsconsole.sinch.SinchJson;
import org.smsconsole.sinch.batch.Batch;
import org.smsconsole.sinch.batch.BatchQuery;
import org.smsconsole.sinch.batch.BatchRequest;
import org.smsconsole.sinch.batch.BatchUpdate;
import org.smsconsole.sinch.batch.BatchValidator;
import org.smsconsole.sinch.batch.DryRunRecipient;
import org.smsconsole.sinch.batch.DryRunResult;
import org.smsconsole.sinch.batch.MediaBatch;
import org.smsconsole.sinch.batch.TextBatch;
import org.smsconsole.sinch.group.Group;
import org.smsconsole.sinch.group.GroupRequest;
import org.smsconsole.sinch.group.GroupUpdate;
import org.smsconsole.sinch.inbound.Inbound;
import org.smsconsole.sinch.inbound.InboundQuery;
import org.smsconsole.sinch.inbound.TextInbound;
import org.smsconsole.sinch.report.BatchDeliveryReport;
import org.smsconsole.sinch.report.DeliveryReportQuery;
import org.smsconsole.sinch.report.RecipientDeliveryReport;
import org.smsconsole.text.PlaceholderRenderer;
import org.smsconsole.text.SegmentCount;
import org.smsconsole.text.SegmentCounter;
import org.smsconsole.text.SmsEncoding;

/**
 * The Sinch SMS API's behaviour without HTTP: batches held until {@code send_at}, released into
 * one FIFO paced at the service plan's messages per second, each recipient moving
 * Queued → Dispatched → a final status; expiry, cancel, parameters, groups, inbounds and the
 * callbacks each step causes. Time comes only from the {@link Clock}; nothing happens between
 * calls to {@link #tick()}, which the container calls often and tests call after moving the clock.
 * All state is in memory, bounded, and guarded by this object's lock.
 */
public final class SandboxEngine {
    static final Duration LIST_WINDOW = Duration.ofDays(14);
    static final Duration DEFAULT_LOOKBACK = Duration.ofHours(24);
    private static final int DRY_RUN_DEFAULT_RECIPIENTS = 100;

    private final Clock clock;
    private final Callback.Sink callbacks;
    private final SandboxSettings initialSettings;
    private final Counters counters = new Counters();
    private final Random random = new Random();
    private volatile SandboxSettings settings;

    private final Map<String, SandboxBatch> batches = new LinkedHashMap<>();
    private final Set<SandboxBatch> waiting = new LinkedHashSet<>();
    private final Set<SandboxBatch> open = new LinkedHashSet<>();
    private final Deque<RecipientState> fifo = new ArrayDeque<>();
    private final List<RecipientState> inFlight = new ArrayList<>();
    private final Deque<Inbound> inbounds = new ArrayDeque<>();
    private final GroupBook groups = new GroupBook();
    private Instant nextSlot = Instant.MIN;
    private long sequence;

    public SandboxEngine(Clock clock, SandboxSettings settings, Callback.Sink callbacks) {
        this.clock = clock;
        this.initialSettings = settings.validated();
        this.settings = settings;
        this.callbacks = callbacks;
    }

    // ---- settings, faults, counters ----

    public SandboxSettings settings() {
        return settings;
    }

    public void configure(SandboxSettings changed) {
        settings = changed.validated();
    }

    public Counters counters() {
        return counters;
    }

    /** Forgets every batch, group, inbound and counter, and restores the configured settings. */
    public synchronized void reset() {
        batches.clear();
        waiting.clear();
        open.clear();
        fifo.clear();
        inFlight.clear();
        inbounds.clear();
        groups.clear();
        nextSlot = Instant.MIN;
        counters.clear();
        settings = initialSettings;
    }

    /** Fault injection: throws the configured 401/403/429/5xx for the next N requests, or at the configured rate. */
    public synchronized void checkFault() {
        SandboxSettings s = settings;
        boolean fault = false;
        if (s.faultNextRequests() > 0) {
            settings = s.withFaultNextRequests(s.faultNextRequests() - 1);
            fault = true;
        } else if (s.faultRate() > 0 && random.nextDouble() < s.faultRate()) {
            fault = true;
        }
        if (fault) {
            counters.count("faults_injected");
            int status = s.faultStatus();
            throw switch (status) {
                case 401 -> new SandboxException(401, "unauthorized", "Invalid credentials (sandbox fault injection)");
                case 403 -> new SandboxException(403, "blocked_account", "The account is blocked (sandbox fault injection)");
                case 429 -> new SandboxException(429, "too_many_requests", "Too many requests (sandbox fault injection)");
                default -> new SandboxException(status, "internal_error", "Service unavailable (sandbox fault injection)");
            };
        }
    }

    // ---- batches ----

    public synchronized Batch send(BatchRequest request) {
        Instant now = clock.instant();
        checkBatch(request, now);
        String id = SinchIds.next(now);
        SandboxBatch stored = new SandboxBatch(id, sequence++, BatchRecords.create(id, request, now, now));
        addDirectRecipients(stored, now);
        batches.put(id, stored);
        waiting.add(stored);
        counters.count("batches_accepted");
        evictBatches();
        return stored.batch;
    }

    public synchronized DryRunResult dryRun(BatchRequest request, Boolean perRecipient, Integer numberOfRecipients) {
        Instant now = clock.instant();
        checkBatch(request, now);
        int detail = numberOfRecipients == null ? DRY_RUN_DEFAULT_RECIPIENTS : numberOfRecipients;
        if (detail < 0 || detail > BatchValidator.MAX_RECIPIENTS) {
            throw SandboxException.constraint("number_of_recipients must be 0 to 1000, was " + detail);
        }
        Batch batch = BatchRecords.create("dry-run", request, now, now);
        List<DryRunRecipient> details = new ArrayList<>();
        int recipients = 0;
        int messages = 0;
        for (String recipient : resolve(batch.to())) {
            Rendering r = render(batch, recipient);
            if (r.abortCode != 0) {
                continue; // Sinch would abort this recipient, so it sends nothing
            }
            recipients++;
            messages += r.parts;
            if (Boolean.TRUE.equals(perRecipient) && details.size() < detail) {
                details.add(new DryRunRecipient(recipient, r.parts, r.body, r.encoding.dryRunName(), null));
            }
        }
        return new DryRunResult(recipients, messages, Boolean.TRUE.equals(perRecipient) ? details : null);
    }

    public synchronized Batch batch(String id) {
        return find(id).batch;
    }

    /** Newest first; {@code start_date} defaults to 24 hours ago and never reaches back more than 14 days. */
    public synchronized Slice<Batch> listBatches(BatchQuery query, Integer page, Integer pageSize) {
        Instant now = clock.instant();
        Instant start = window(query.startDate(), now);
        Instant end = query.endDate() == null ? now : query.endDate();
        Set<String> from = commaSet(query.from(), true);
        List<Batch> matches = batches.values().stream()
                .sorted(Comparator.comparingLong((SandboxBatch b) -> b.sequence).reversed())
                .map(b -> b.batch)
                .filter(b -> !b.createdAt().isBefore(start) && !b.createdAt().isAfter(end))
                .filter(b -> from.isEmpty() || (b.from() != null && from.contains(b.from())))
                .filter(b -> query.clientReference() == null || query.clientReference().equals(b.clientReference()))
                .toList();
        return Slice.of(matches, page, pageSize);
    }

    public synchronized Batch update(String id, BatchUpdate update) {
        Instant now = clock.instant();
        SandboxBatch stored = find(id);
        requireNotDispatched(stored);
        Rules.check(() -> BatchValidator.validate(update, now));
        Batch merged = BatchRecords.update(stored.batch, update, now);
        checkBatch(BatchRecords.asRequest(merged), now);
        stored.batch = merged;
        Set<String> keep = new HashSet<>(merged.to());
        stored.recipients.keySet().removeIf(r -> !keep.contains(r));
        addDirectRecipients(stored, now);
        return merged;
    }

    /** Cancel and send anew under the same id and creation time; what is omitted returns to its default. */
    public synchronized Batch replace(String id, BatchRequest request) {
        Instant now = clock.instant();
        SandboxBatch stored = find(id);
        requireNotDispatched(stored);
        checkBatch(request, now);
        stored.batch = BatchRecords.create(id, request, stored.batch.createdAt(), now);
        stored.recipients.clear();
        addDirectRecipients(stored, now);
        return stored.batch;
    }

    /** Works any time: what has not left yet is Cancelled (407); messages already dispatched may still arrive. */
    public synchronized Batch cancel(String id) {
        Instant now = clock.instant();
        SandboxBatch stored = find(id);
        if (!Boolean.TRUE.equals(stored.batch.canceled())) {
            stored.batch = BatchRecords.canceled(stored.batch, now);
            for (RecipientState r : stored.recipients.values()) {
                if (!r.isFinal() && !r.isDispatched()) {
                    r.move("Cancelled", 407, now);
                    recipientCallback(r);
                }
            }
            fifo.removeIf(r -> r.batch == stored);
            if (waiting.remove(stored)) {
                stored.released = true;
                open.add(stored);
            }
            closeFinishedBatches();
        }
        return stored.batch;
    }

    public synchronized void deliveryFeedback(String id, List<String> recipients) {
        SandboxBatch stored = find(id);
        if (!feedbackEnabled(stored.batch)) {
            throw SandboxException.constraint("delivery feedback needs feedback_enabled on the batch");
        }
        if (recipients == null) {
            throw SandboxException.constraint("recipients is required");
        }
        Rules.check(() -> org.smsconsole.sinch.SinchRules.msisdns("recipients", recipients, BatchValidator.MAX_RECIPIENTS));
        List<String> normalized = BatchRecords.normalizedList(recipients);
        for (String recipient : normalized) {
            RecipientState r = stored.recipients.get(recipient);
            // Feedback confirms delivery: a message still on its way is Delivered now.
            if (r != null && "Dispatched".equals(r.status)) {
                inFlight.remove(r);
                r.move("Delivered", 0, clock.instant());
                recipientCallback(r);
            }
        }
        stored.feedback.addAll(normalized);
        counters.count("delivery_feedback");
        closeFinishedBatches();
    }

    // ---- delivery reports ----

    public synchronized BatchDeliveryReport batchReport(String id, String type, Collection<String> statuses,
                                                        Collection<Integer> codes) {
        SandboxBatch stored = find(id);
        String kind = type == null ? "summary" : type;
        if (!kind.equals("summary") && !kind.equals("full")) {
            throw SandboxException.format("type must be summary or full, was '" + type + "'");
        }
        return ReportBuilder.batch(stored, kind.equals("full"), statuses, codes);
    }

    public synchronized RecipientDeliveryReport recipientReport(String id, String msisdn) {
        SandboxBatch stored = find(id);
        RecipientState r = stored.recipients.get(Msisdn.normalizeLenient(msisdn));
        if (r == null) {
            throw SandboxException.notFound("recipient", msisdn);
        }
        return ReportBuilder.recipient(r, settings.defaultOriginator());
    }

    /** Recipient reports, newest first, filtered on their time ({@code at}), status, code and the batch's client reference. */
    public synchronized Slice<RecipientDeliveryReport> listReports(DeliveryReportQuery query, Integer page, Integer pageSize) {
        Instant now = clock.instant();
        Instant start = window(query.startDate(), now);
        Instant end = query.endDate() == null ? now : query.endDate();
        List<String> statuses = query.statuses() == null ? List.of() : query.statuses();
        List<Integer> codes = query.codes() == null ? List.of() : query.codes();
        List<RecipientDeliveryReport> matches = batches.values().stream()
                .filter(b -> query.clientReference() == null || query.clientReference().equals(b.batch.clientReference()))
                .flatMap(b -> b.recipients.values().stream())
                .filter(r -> !r.at.isBefore(start) && !r.at.isAfter(end))
                .filter(r -> statuses.isEmpty() || statuses.contains(r.status))
                .filter(r -> codes.isEmpty() || codes.contains(r.code))
                .sorted(Comparator.comparing((RecipientState r) -> r.at).reversed())
                .map(r -> ReportBuilder.recipient(r, settings.defaultOriginator()))
                .toList();
        return Slice.of(matches, page, pageSize);
    }

    // ---- groups ----

    public synchronized Group createGroup(GroupRequest request) {
        return groups.create(request, clock.instant());
    }

    public synchronized Group group(String id) {
        return groups.get(id);
    }

    public synchronized Slice<Group> listGroups(Integer page, Integer pageSize) {
        return groups.list(page, pageSize);
    }

    public synchronized Group replaceGroup(String id, GroupRequest request) {
        return groups.replace(id, request, clock.instant());
    }

    public synchronized Group updateGroup(String id, GroupUpdate update) {
        return groups.update(id, update, clock.instant());
    }

    public synchronized void deleteGroup(String id) {
        groups.delete(id);
    }

    public synchronized List<String> groupMembers(String id) {
        return groups.members(id);
    }

    // ---- inbounds ----

    /**
     * An SMS arrives from {@code from} to the service plan's number {@code to}: stored as an
     * {@code mo_text}, group keywords applied, posted to the default callback URL.
     */
    public synchronized TextInbound receive(String from, String to, String body) {
        Instant now = clock.instant();
        Rules.check(() -> {
            org.smsconsole.sinch.SinchRules.msisdn("from", from);
            org.smsconsole.sinch.SinchRules.require(to != null && Msisdn.normalizeLenient(to).matches("[0-9]{3,15}"),
                    "to", "a number or short code is required");
            org.smsconsole.sinch.SinchRules.require(body != null && !body.isEmpty(), "body", "a text is required");
            org.smsconsole.sinch.SinchRules.maxLength("body", body, BatchValidator.MAX_TEXT_LENGTH);
        });
        TextInbound mo = new TextInbound(SinchIds.next(now), Msisdn.normalize(from), Msisdn.normalizeLenient(to), body,
                now, now, ReportBuilder.OPERATOR, null);
        inbounds.addFirst(mo);
        while (inbounds.size() > settings.maxInbounds()) {
            inbounds.removeLast();
        }
        groups.applyKeywords(mo.from(), mo.to(), body, now);
        counters.count("inbounds_received");
        String url = settings.callbackUrl();
        if (url != null) {
            callbacks.accept(new Callback(url, TextInbound.TYPE, SinchJson.write(mo)));
        }
        return mo;
    }

    public synchronized Inbound inbound(String id) {
        return inbounds.stream().filter(i -> i.id().equals(id)).findFirst()
                .orElseThrow(() -> SandboxException.notFound("inbound", id));
    }

    public synchronized Slice<Inbound> listInbounds(InboundQuery query, Integer page, Integer pageSize) {
        Instant now = clock.instant();
        Instant start = window(query.startDate(), now);
        Instant end = query.endDate() == null ? now : query.endDate();
        Set<String> to = new HashSet<>();
        if (query.to() != null) {
            query.to().forEach(t -> to.addAll(commaSet(t, true)));
        }
        List<Inbound> matches = inbounds.stream()
                .filter(i -> !i.receivedAt().isBefore(start) && !i.receivedAt().isAfter(end))
                .filter(i -> to.isEmpty() || to.contains(i.to()))
                .filter(i -> query.clientReference() == null || query.clientReference().equals(i.clientReference()))
                .toList();
        return Slice.of(matches, page, pageSize);
    }

    // ---- for the sandbox panel ----

    public synchronized List<BatchSummary> recentBatches(int limit) {
        List<SandboxBatch> all = new ArrayList<>(batches.values());
        List<BatchSummary> out = new ArrayList<>();
        for (int i = all.size() - 1; i >= 0 && out.size() < limit; i--) {
            SandboxBatch b = all.get(i);
            Map<String, Integer> statuses = new LinkedHashMap<>();
            b.recipients.values().forEach(r -> statuses.merge(r.status, 1, Integer::sum));
            String text = b.batch instanceof org.smsconsole.sinch.batch.TextBatch t ? t.body() : b.batch.getType();
            out.add(new BatchSummary(b.id, b.batch.createdAt(), b.batch.to().size(), b.batch.clientReference(),
                    Boolean.TRUE.equals(b.batch.canceled()), statuses, b.batch.to().stream().limit(3).toList(), text));
        }
        return out;
    }

    public synchronized List<Inbound> recentInbounds(int limit) {
        return inbounds.stream().limit(limit).toList();
    }

    /** A batch as the panel lists it: {@code firstRecipients} up to three, {@code text} the body of a text batch (else its type). */
    public record BatchSummary(String id, Instant createdAt, int recipients, String clientReference, boolean canceled,
                               Map<String, Integer> statuses, List<String> firstRecipients, String text) {
    }

    // ---- the network ----

    /** Moves everything that is due by now: releases batches, dispatches from the FIFO, delivers, reports. */
    public synchronized void tick() {
        Instant now = clock.instant();
        releaseDueBatches(now);
        dispatchFromFifo(now);
        expireWaitingMessages(now); // after dispatching: what got a slot before expire_at has left
        deliverDueMessages(now);
        closeFinishedBatches();
    }

    private void releaseDueBatches(Instant now) {
        List<SandboxBatch> due = waiting.stream().filter(b -> !b.dueAt().isAfter(now))
                .sorted(Comparator.comparing(SandboxBatch::dueAt).thenComparingLong(b -> b.sequence)).toList();
        for (SandboxBatch b : due) {
            waiting.remove(b);
            b.released = true;
            open.add(b);
            Instant at = b.dueAt();
            for (String member : resolve(b.batch.to())) {
                b.recipients.computeIfAbsent(member, m -> new RecipientState(b, m, at));
            }
            for (RecipientState r : b.recipients.values()) {
                Rendering rendering = render(b.batch, r.recipient);
                r.encoding = rendering.encoding;
                r.parts = rendering.parts;
                if (rendering.abortCode != 0) {
                    r.move("Aborted", rendering.abortCode, at);
                    recipientCallback(r);
                } else {
                    r.readyAt = at.plus(settings.dispatchDelay());
                    fifo.add(r);
                }
            }
        }
    }

    private void expireWaitingMessages(Instant now) {
        Iterator<RecipientState> it = fifo.iterator();
        while (it.hasNext()) {
            RecipientState r = it.next();
            Instant expireAt = r.batch.batch.expireAt();
            if (expireAt != null && !now.isBefore(expireAt)) {
                it.remove();
                r.move("Expired", 406, expireAt);
                recipientCallback(r);
            }
        }
    }

    /** Strict FIFO: a message leaves at its ready time or at the next free slot of the plan's rate, whichever is later. */
    private void dispatchFromFifo(Instant now) {
        SandboxSettings s = settings;
        Duration interval = s.messagesPerSecond() <= 0 ? Duration.ZERO : Duration.ofNanos(1_000_000_000L / s.messagesPerSecond());
        Iterator<RecipientState> it = fifo.iterator();
        while (it.hasNext()) {
            RecipientState r = it.next();
            Instant slot = r.readyAt.isAfter(nextSlot) ? r.readyAt : nextSlot;
            Instant expireAt = r.batch.batch.expireAt();
            if (expireAt != null && !slot.isBefore(expireAt)) {
                continue; // its turn comes too late; it stays until expireWaitingMessages expires it
            }
            if (slot.isAfter(now)) {
                return;
            }
            it.remove();
            nextSlot = slot.plus(interval);
            r.move("Dispatched", 401, slot);
            counters.messageTo(r.recipient);
            SandboxSettings.Outcome outcome = s.outcomes().stream()
                    .filter(o -> r.recipient.endsWith(o.suffix())).findFirst().orElse(null);
            r.finalStatus = outcome == null ? "Delivered" : outcome.status();
            r.finalCode = outcome == null ? 0 : outcome.code();
            r.finalAt = slot.plus(s.deliveryDelay());
            inFlight.add(r);
            recipientCallback(r);
        }
    }

    private void deliverDueMessages(Instant now) {
        List<RecipientState> due = inFlight.stream().filter(r -> !r.finalAt.isAfter(now))
                .sorted(Comparator.comparing((RecipientState r) -> r.finalAt)).toList();
        for (RecipientState r : due) {
            inFlight.remove(r);
            if (!r.isFinal()) {
                r.move(r.finalStatus, r.finalCode, r.finalAt);
                recipientCallback(r);
            }
        }
    }

    /** summary/full: one report per batch, once every recipient is final. */
    private void closeFinishedBatches() {
        Iterator<SandboxBatch> it = open.iterator();
        while (it.hasNext()) {
            SandboxBatch b = it.next();
            if (!b.allFinal()) {
                continue;
            }
            it.remove();
            String mode = b.reportMode();
            if ((mode.equals("summary") || mode.equals("full")) && !b.batchReportSent) {
                b.batchReportSent = true;
                post(b, BatchDeliveryReport.SMS, ReportBuilder.batch(b, mode.equals("full"), List.of(), List.of()));
            }
        }
    }

    private void recipientCallback(RecipientState r) {
        String mode = r.batch.reportMode();
        if (mode.equals("per_recipient") || (mode.equals("per_recipient_final") && r.isFinal())) {
            post(r.batch, RecipientDeliveryReport.SMS, ReportBuilder.recipient(r, settings.defaultOriginator()));
        }
    }

    private void post(SandboxBatch b, String kind, Object payload) {
        String url = b.batch.callbackUrl() != null ? b.batch.callbackUrl() : settings.callbackUrl();
        if (url != null) {
            callbacks.accept(new Callback(url, kind, SinchJson.write(payload)));
        }
    }

    // ---- helpers ----

    private void checkBatch(BatchRequest request, Instant now) {
        if (request == null) {
            throw SandboxException.constraint("a batch is required");
        }
        Rules.check(() -> BatchValidator.validate(request, now));
        for (String to : request.to()) {
            if (Msisdn.isGroupId(to) && !groups.exists(to)) {
                throw new SandboxException(403, "unknown_group", "group '" + to + "' not found");
            }
        }
        String report = request.deliveryReport() == null ? "none" : request.deliveryReport();
        String url = request.callbackUrl() != null ? request.callbackUrl() : settings.callbackUrl();
        if (!report.equals("none") && url == null) {
            throw new SandboxException(403, "missing_callback_url",
                    "delivery_report '" + report + "' needs a callback_url and the service plan has no default");
        }
        if (request.callbackUrl() != null && !CallbackHosts.allowed(request.callbackUrl(), settings.callbackHosts())) {
            throw SandboxException.constraint("callback_url: the sandbox posts only to loopback or allow-listed hosts");
        }
    }

    private void requireNotDispatched(SandboxBatch stored) {
        if (stored.released || Boolean.TRUE.equals(stored.batch.canceled())) {
            throw new SandboxException(403, "batch_already_dispatched", "batch '" + stored.id + "' was already dispatched");
        }
    }

    private void addDirectRecipients(SandboxBatch stored, Instant now) {
        for (String to : stored.batch.to()) {
            if (!Msisdn.isGroupId(to)) {
                stored.recipients.computeIfAbsent(to, m -> new RecipientState(stored, m, now));
            }
        }
    }

    private Set<String> resolve(List<String> to) {
        Set<String> out = new LinkedHashSet<>();
        for (String entry : to) {
            if (Msisdn.isGroupId(entry)) {
                out.addAll(groups.resolve(entry));
            } else {
                out.add(entry);
            }
        }
        return out;
    }

    private record Rendering(String body, SmsEncoding encoding, int parts, int abortCode) {
    }

    /** The text one recipient gets, with the client's own rules: placeholders, encoding and parts. */
    private static Rendering render(Batch batch, String recipient) {
        String body;
        Map<String, Map<String, String>> parameters;
        if (batch instanceof TextBatch t) {
            body = t.body();
            parameters = t.parameters();
        } else if (batch instanceof MediaBatch m) {
            body = m.body() == null || m.body().message() == null ? "" : m.body().message();
            parameters = m.parameters();
        } else {
            return new Rendering(null, SmsEncoding.GSM7, 1, 0); // binary: one part of at most 140 bytes
        }
        try {
            body = PlaceholderRenderer.render(body, parameters, recipient);
        } catch (PlaceholderRenderer.UnmatchedParameterException e) {
            return new Rendering(null, SmsEncoding.GSM7, 0, 405);
        }
        if (batch instanceof MediaBatch) {
            return new Rendering(body, SmsEncoding.GSM7, 1, 0);
        }
        SegmentCount count = SegmentCounter.count(body);
        TextBatch t = (TextBatch) batch;
        Integer max = t.maxNumberOfMessageParts();
        if (max != null && count.parts() > max && !Boolean.TRUE.equals(t.truncateConcat())) {
            return new Rendering(body, count.encoding(), count.parts(), 411);
        }
        int parts = max != null && count.parts() > max ? max : count.parts();
        return new Rendering(body, count.encoding(), parts, 0);
    }

    private static boolean feedbackEnabled(Batch batch) {
        Boolean enabled = batch instanceof TextBatch t ? t.feedbackEnabled()
                : batch instanceof MediaBatch m ? m.feedbackEnabled()
                : ((org.smsconsole.sinch.batch.BinaryBatch) batch).feedbackEnabled();
        return Boolean.TRUE.equals(enabled);
    }

    private SandboxBatch find(String id) {
        SandboxBatch stored = batches.get(id);
        if (stored == null) {
            throw SandboxException.notFound("batch", id);
        }
        return stored;
    }

    private void evictBatches() {
        Iterator<SandboxBatch> it = batches.values().iterator();
        while (batches.size() > settings.maxBatches() && it.hasNext()) {
            SandboxBatch oldest = it.next();
            it.remove();
            waiting.remove(oldest);
            open.remove(oldest);
            fifo.removeIf(r -> r.batch == oldest);
            inFlight.removeIf(r -> r.batch == oldest);
            counters.count("batches_evicted");
        }
    }

    private static Instant window(Instant start, Instant now) {
        Instant earliest = now.minus(LIST_WINDOW);
        Instant s = start == null ? now.minus(DEFAULT_LOOKBACK) : start;
        return s.isBefore(earliest) ? earliest : s;
    }

    private static Set<String> commaSet(String value, boolean numbers) {
        Set<String> out = new HashSet<>();
        if (value != null) {
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    out.add(numbers ? Msisdn.normalizeLenient(part.trim()) : part.trim());
                }
            }
        }
        return out;
    }
}
