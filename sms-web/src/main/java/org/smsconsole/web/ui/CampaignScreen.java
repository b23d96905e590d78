package org.smsconsole.web.ui;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import org.primefaces.model.DefaultStreamedContent;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.StreamedContent;
import org.smsconsole.campaign.Campaign;
import org.smsconsole.campaign.CampaignCounts;
import org.smsconsole.campaign.CampaignReport;
import org.smsconsole.campaign.CampaignState;
import org.smsconsole.campaign.Campaigns;
import org.smsconsole.message.Message;
import org.smsconsole.message.MessageState;
import org.smsconsole.phone.PhoneNumbers;
import org.smsconsole.scheduler.CampaignControl;
import org.smsconsole.user.Role;
import org.smsconsole.validation.ConflictException;
import org.smsconsole.validation.InvalidInputException;
import org.smsconsole.validation.NotFoundException;

import java.io.OutputStreamWriter;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** One campaign: live progress and counts, deliveries per minute, its recipients, and what an operator may do with it. */
@Named
@ViewScoped
public class CampaignScreen implements Serializable {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    @Inject
    transient Campaigns campaigns;

    @Inject
    transient CampaignControl control;

    @Inject
    transient CampaignReport report;

    @Inject
    transient SecurityContext securityContext;

    private Long id;
    private String search;
    private Campaign campaign;
    private CampaignCounts counts;
    private LazyDataModel<Message> recipients;

    /** Reads the campaign named by {@code ?id=}; an unknown id shows a sentence, not an error page. */
    public void load() {
        if (id == null) {
            return;
        }
        try {
            campaign = campaigns.get(id);
            counts = campaigns.counts(id);
        } catch (NotFoundException e) {
            campaign = null;
            Messages.error("No campaign " + id);
            return;
        }
        long campaignId = id;
        CampaignReport service = report;
        recipients = new PagedTable<>(() -> service.countRecipients(campaignId, search),
                (first, size) -> service.recipients(campaignId, search, first, size), m -> String.valueOf(m.getId()));
    }

    /** What p:poll calls: the campaign's state and counts again. */
    public void refresh() {
        if (campaign != null) {
            campaign = campaigns.get(id);
            counts = campaigns.counts(id);
        }
    }

    public boolean isMayAct() {
        return securityContext.isCallerInRole(Role.OPERATOR.name());
    }

    // ---- actions ----

    public void pause() {
        act(() -> campaigns.pause(id), "Paused: nothing more leaves until it is resumed");
    }

    public void resume() {
        act(() -> campaigns.resume(id), "Resumed");
    }

    /** Cancels here and at Sinch (the batches still holding its messages). */
    public void cancel() {
        act(() -> control.cancel(id), "Cancelled: what was still queued will not be sent");
    }

    public String resendFailed() {
        requireOperator();
        try {
            Campaign resend = campaigns.resendFailed(id);
            return "/campaign?faces-redirect=true&id=" + resend.getId();
        } catch (InvalidInputException | ConflictException e) {
            Messages.error(e.getMessage());
            return null;
        }
    }

    public String cloneDraft() {
        requireOperator();
        Campaign copy = campaigns.cloneDraft(id);
        Messages.info("Created the draft " + copy.getName());
        return "/campaign?faces-redirect=true&id=" + copy.getId();
    }

    private void act(Runnable action, String done) {
        requireOperator();
        try {
            action.run();
            Messages.info(done);
        } catch (ConflictException e) {
            Messages.error(e.getMessage());
        }
        refresh();
    }

    private void requireOperator() {
        if (!isMayAct()) {
            throw new SecurityException("Only operators may change campaigns");
        }
    }

    // ---- what the page shows ----

    static long released(CampaignCounts counts) {
        return counts.total() - counts.of(MessageState.QUEUED) - counts.of(MessageState.SENDING);
    }

    static int percent(CampaignCounts counts) {
        return counts.total() == 0 ? 0 : (int) (released(counts) * 100 / counts.total());
    }

    public int getProgress() {
        return counts == null ? 0 : percent(counts);
    }

    public long getReleased() {
        return counts == null ? 0 : released(counts);
    }

    public long count(String state) {
        return counts == null ? 0 : counts.of(MessageState.valueOf(state));
    }

    public boolean isPausable() {
        return campaign != null && (campaign.getState() == CampaignState.SCHEDULED || campaign.getState() == CampaignState.RUNNING);
    }

    public boolean isResumable() {
        return campaign != null && campaign.getState() == CampaignState.PAUSED;
    }

    public boolean isCancellable() {
        return campaign != null && !campaign.getState().isFinished();
    }

    public boolean isResendable() {
        return counts != null && counts.of(MessageState.FAILED) > 0;
    }

    /** Chart.js configuration for p:chart: messages sent, delivered and failed per minute. */
    public String getChart() {
        List<CampaignReport.Minute> minutes = campaign == null ? List.of() : report.perMinute(id);
        JsonArrayBuilder labels = Json.createArrayBuilder();
        JsonArrayBuilder sent = Json.createArrayBuilder();
        JsonArrayBuilder delivered = Json.createArrayBuilder();
        JsonArrayBuilder failed = Json.createArrayBuilder();
        for (CampaignReport.Minute m : minutes) {
            labels.add(MINUTE.format(m.start()));
            sent.add(m.sent());
            delivered.add(m.delivered());
            failed.add(m.failed());
        }
        return Json.createObjectBuilder()
                .add("type", "line")
                .add("data", Json.createObjectBuilder().add("labels", labels).add("datasets", Json.createArrayBuilder()
                        .add(series("Sent", sent, "#6366f1"))
                        .add(series("Delivered", delivered, "#059669"))
                        .add(series("Failed", failed, "#dc2626"))))
                .add("options", Json.createObjectBuilder().add("animation", false).add("maintainAspectRatio", false)
                        .add("scales", Json.createObjectBuilder().add("y", Json.createObjectBuilder().add("beginAtZero", true))))
                .build().toString();
    }

    private static jakarta.json.JsonObjectBuilder series(String label, JsonArrayBuilder data, String colour) {
        return Json.createObjectBuilder().add("label", label).add("data", data).add("borderColor", colour)
                .add("backgroundColor", colour).add("fill", false).add("tension", 0.2);
    }

    public StreamedContent getExport() {
        long campaignId = id;
        String phone = search;
        return DefaultStreamedContent.builder().name("campaign-" + campaignId + "-recipients.csv").contentType("text/csv; charset=UTF-8")
                .writer(out -> {
                    OutputStreamWriter writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                    CDI.current().select(CampaignReport.class).get().export(campaignId, phone, writer);
                    try {
                        writer.flush();
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                })
                .build();
    }

    public String when(Instant at) {
        return at == null ? "" : WHEN.format(at);
    }

    public String display(String e164) {
        return PhoneNumbers.display(e164);
    }

    public Campaign getCampaign() {
        return campaign;
    }

    public LazyDataModel<Message> getRecipients() {
        return recipients;
    }

    public Long getId() {
        return id;
    }

    public void setId(Long id) {
        this.id = id;
    }

    public String getSearch() {
        return search;
    }

    public void setSearch(String search) {
        this.search = search;
    }
}
