package org.smsconsole.web.ui;

import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import org.smsconsole.campaign.Campaign;
import org.smsconsole.campaign.CampaignCounts;
import org.smsconsole.campaign.Campaigns;
import org.smsconsole.dashboard.Dashboard;
import org.smsconsole.phone.PhoneNumbers;

import java.io.Serializable;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The landing page (every role): messages per day, the delivery rate, campaigns running and next, the latest
 * replies and opt-outs. The page asks the browser for its time zone first (one small request after load), so
 * that days and times are the viewer's; until then, and without script, the server's zone is used.
 */
@Named
@ViewScoped
public class DashboardScreen implements Serializable {

    static final int LISTED = 10;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", java.util.Locale.ENGLISH);

    @Inject
    transient Dashboard dashboard;

    @Inject
    transient DashboardActivity activity;

    @Inject
    transient Campaigns campaigns;

    @Inject
    transient Clock clock;

    private String zone = ZoneId.systemDefault().getId();
    private int days = 14;
    private boolean loaded;
    private List<Dashboard.Day> perDay = List.of();
    private List<Campaign> running = List.of();
    private List<Campaign> next = List.of();
    private Map<Long, CampaignCounts> counts = new HashMap<>();
    private List<Dashboard.Reply> replies = List.of();
    private List<Dashboard.OptOut> optOuts = List.of();

    /** Called by the page once it knows the browser's zone ({@code zone} request parameter); an unknown zone keeps the server's. */
    public void useBrowserZone() {
        String asked = FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap().get("zone");
        if (asked != null && !asked.isBlank()) {
            try {
                zone = ZoneId.of(asked.strip()).getId();
            } catch (DateTimeException e) {
                // keep the server's zone: a browser may name one Java does not know
            }
        }
        load();
    }

    /** Reads everything the page shows, once per load or change of period. */
    public void load() {
        ZoneId z = ZoneId.of(zone);
        perDay = activity.activity().days(z, LocalDate.now(clock.withZone(z)), days);
        running = dashboard.running(LISTED);
        next = dashboard.nextScheduled(5);
        counts = new HashMap<>();
        for (Campaign c : running) {
            counts.put(c.getId(), campaigns.counts(c.getId()));
        }
        replies = dashboard.recentReplies(LISTED);
        optOuts = dashboard.recentOptOuts(LISTED);
        loaded = true;
    }

    public long getSent() {
        return perDay.stream().mapToLong(Dashboard.Day::sent).sum();
    }

    public long getDelivered() {
        return perDay.stream().mapToLong(Dashboard.Day::delivered).sum();
    }

    public long getFailed() {
        return perDay.stream().mapToLong(Dashboard.Day::failed).sum();
    }

    public long getReceived() {
        return perDay.stream().mapToLong(Dashboard.Day::received).sum();
    }

    public boolean isQuiet() {
        return getSent() + getDelivered() + getFailed() + getReceived() == 0;
    }

    /** Delivered out of delivered and failed, in percent with one decimal; empty when nothing has a final report yet. */
    public String getDeliveryRate() {
        java.util.OptionalDouble rate = Dashboard.deliveryRate(perDay);
        return rate.isEmpty() ? "" : String.format(java.util.Locale.ROOT, "%.1f %%", 100 * rate.getAsDouble());
    }

    /** Chart.js configuration for p:chart: a bar per day and figure. */
    public String getChart() {
        JsonArrayBuilder labels = Json.createArrayBuilder();
        JsonArrayBuilder sent = Json.createArrayBuilder();
        JsonArrayBuilder delivered = Json.createArrayBuilder();
        JsonArrayBuilder failed = Json.createArrayBuilder();
        JsonArrayBuilder received = Json.createArrayBuilder();
        for (Dashboard.Day d : perDay) {
            labels.add(DAY.format(d.date()));
            sent.add(d.sent());
            delivered.add(d.delivered());
            failed.add(d.failed());
            received.add(d.received());
        }
        return Json.createObjectBuilder()
                .add("type", "bar")
                .add("data", Json.createObjectBuilder().add("labels", labels).add("datasets", Json.createArrayBuilder()
                        .add(series("Sent", sent, "#6366f1"))
                        .add(series("Delivered", delivered, "#059669"))
                        .add(series("Failed", failed, "#dc2626"))
                        .add(series("Received", received, "#d97706"))))
                .add("options", Json.createObjectBuilder().add("animation", false).add("maintainAspectRatio", false)
                        .add("scales", Json.createObjectBuilder().add("y", Json.createObjectBuilder().add("beginAtZero", true)
                                .add("ticks", Json.createObjectBuilder().add("precision", 0)))))
                .build().toString();
    }

    private static jakarta.json.JsonObjectBuilder series(String label, JsonArrayBuilder data, String colour) {
        return Json.createObjectBuilder().add("label", label).add("data", data).add("backgroundColor", colour);
    }

    public int progress(Campaign c) {
        return CampaignScreen.percent(counts(c));
    }

    public long released(Campaign c) {
        return CampaignScreen.released(counts(c));
    }

    public CampaignCounts counts(Campaign c) {
        return counts.computeIfAbsent(c.getId(), id -> campaigns.counts(id));
    }

    public String time(Instant at) {
        return at == null ? "" : TIME.format(at.atZone(ZoneId.of(zone)));
    }

    public String display(String phone) {
        return PhoneNumbers.display(phone);
    }

    public String reply(Dashboard.Reply r) {
        if (r.erased()) {
            return "body erased (retention)";
        }
        String text = r.text() == null ? "" : r.text();
        return text.length() <= MessageLogScreen.TEXT_SHOWN ? text : text.substring(0, MessageLogScreen.TEXT_SHOWN - 1) + "…";
    }

    public List<Dashboard.Day> getPerDay() {
        return perDay;
    }

    public List<Campaign> getRunning() {
        return running;
    }

    public List<Campaign> getNext() {
        return next;
    }

    public List<Dashboard.Reply> getReplies() {
        return replies;
    }

    public List<Dashboard.OptOut> getOptOuts() {
        return optOuts;
    }

    public boolean isLoaded() {
        return loaded;
    }

    public String getZone() {
        return zone;
    }

    public int getDays() {
        return days;
    }

    public void setDays(int days) {
        this.days = days == 30 ? 30 : 14;
    }
}
