package org.smsconsole.web.ui;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import org.eclipse.microprofile.config.ConfigProvider;
import org.smsconsole.campaign.Campaign;
import org.smsconsole.campaign.CampaignAudience;
import org.smsconsole.campaign.CampaignDraft;
import org.smsconsole.campaign.Campaigns;
import org.smsconsole.contact.ContactView;
import org.smsconsole.contact.Contacts;
import org.smsconsole.group.GroupView;
import org.smsconsole.group.Groups;
import org.smsconsole.message.Message;
import org.smsconsole.message.MessageDraft;
import org.smsconsole.phone.PhoneNumbers;
import org.smsconsole.pricing.CampaignCosts;
import org.smsconsole.pricing.CostEstimate;
import org.smsconsole.template.TemplatePreview;
import org.smsconsole.template.TemplateView;
import org.smsconsole.template.Templates;
import org.smsconsole.user.Role;
import org.smsconsole.validation.ConflictException;
import org.smsconsole.validation.InvalidInputException;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The campaign wizard: audience, message, schedule, review; launch creates and schedules through {@link Campaigns},
 * which has the last word on every rule (its refusals are shown next to the field they name, on that field's step).
 */
@Named
@ViewScoped
public class CampaignWizardScreen implements Serializable {

    static final List<String> STEPS = List.of("Audience", "Message", "Schedule", "Review");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z");

    @Inject
    transient Campaigns campaigns;

    @Inject
    transient CampaignAudience audience;

    @Inject
    transient CampaignCosts costs;

    @Inject
    transient Groups groups;

    @Inject
    transient Templates templates;

    @Inject
    transient Contacts contacts;

    @Inject
    transient org.smsconsole.message.Messages messages;

    @Inject
    transient SecurityContext securityContext;

    private int step;
    private String name;
    private List<Long> groupIds = new ArrayList<>();
    private Long templateId;
    private String body;
    private String sender;
    private String zone = "UTC";
    private String sendAt;
    private String expireAt;
    private Integer ratePerSecond;
    private String quietFrom;
    private String quietTo;
    private String testTo;
    private Long draftId;
    private CampaignAudience.Count count = new CampaignAudience.Count(0, 0, 0);
    private CostEstimate estimate;
    private transient TemplatePreview preview;
    private transient ContactView sample;
    private List<GroupView> groupChoices;
    private List<TemplateView> templateChoices;

    @PostConstruct
    void init() {
        groupChoices = groups.list();
        templateChoices = templates.page(0, 500);
        refresh();
    }

    public boolean isMayLaunch() {
        return securityContext.isCallerInRole(Role.OPERATOR.name());
    }

    // ---- steps ----

    public void next() {
        step = Math.min(step + 1, STEPS.size() - 1);
        refresh();
    }

    public void back() {
        step = Math.max(step - 1, 0);
    }

    public void goTo(int index) {
        step = Math.max(0, Math.min(index, STEPS.size() - 1));
        refresh();
    }

    /** Recounts the audience and re-renders the sample after a change of groups or text. */
    public void refresh() {
        count = audience.count(groupIds);
        List<Long> first = audience.sample(groupIds, 1);
        sample = first.isEmpty() ? null : contacts.get(first.get(0));
        preview = templates.preview(body, sample);
        estimate = costs.estimate(groupIds, body == null ? "" : body);
    }

    public void templateChosen() {
        templateChoices.stream().filter(t -> t.id() == (templateId == null ? -1 : templateId)).findFirst()
                .ifPresent(t -> body = t.body());
        refresh();
    }

    // ---- actions ----

    /** Sends the message as rendered for the sample recipient to a number the user types, through the ordinary queue. */
    public void testSend() {
        requireOperator();
        try {
            if (testTo == null || testTo.isBlank()) {
                throw new InvalidInputException("testTo", "Enter your number");
            }
            String text = templates.preview(body, sample).text();
            Message sent = messages.send(new MessageDraft(null, testTo, text, null, blankToNull(sender), null, null, null, null));
            Messages.info("Test message queued to " + PhoneNumbers.display(sent.getPhone()));
        } catch (InvalidInputException e) {
            String field = switch (e.field()) {
                case "to" -> "testTo";
                case "body", "from" -> e.field();
                default -> "testTo";
            };
            step = stepOf(field);
            Messages.fieldError("wizardForm", new InvalidInputException(field, e.getMessage()));
        }
    }

    /** Creates (or, after a refusal, changes) the draft and schedules it; shows the campaign on success. */
    public String launch() {
        requireOperator();
        try {
            CampaignDraft draft = draft();
            refresh();
            if (!estimate.priced()) {
                throw new InvalidInputException("cost", "No price per part for " + describeMissing()
                        + ": set it in Admin › Prices; nothing was scheduled");
            }
            Campaign campaign = draftId == null ? campaigns.create(draft) : campaigns.change(draftId, draft);
            draftId = campaign.getId();
            campaigns.schedule(draftId);
            return "/campaign?faces-redirect=true&id=" + draftId;
        } catch (InvalidInputException e) {
            step = stepOf(e.field());
            Messages.fieldError("wizardForm", e);
        } catch (ConflictException e) {
            Messages.error(e.getMessage());
        }
        return null;
    }

    private CampaignDraft draft() {
        ZoneId zoneId = zoneId();
        Instant send = instant("send_at", sendAt, zoneId);
        Instant expire = instant("expire_at", expireAt, zoneId);
        LocalTime from = time(quietFrom);
        LocalTime to = time(quietTo);
        TemplateView template = templateChoices.stream().filter(t -> templateId != null && t.id() == templateId).findFirst().orElse(null);
        boolean asTemplate = template != null && template.body().equals(body);
        return new CampaignDraft(name, asTemplate ? templateId : null, asTemplate ? null : body, List.copyOf(groupIds),
                blankToNull(sender), null, send, expire, ratePerSecond, from, to);
    }

    private static int stepOf(String field) {
        return switch (field) {
            case "name", "group_ids" -> 0;
            case "template_id", "body" -> 1;
            case "cost" -> 3;
            default -> 2;
        };
    }

    // ---- review ----

    public Instant getStartsAt() {
        try {
            Instant send = instant("send_at", sendAt, zoneId());
            return send == null || send.isBefore(Instant.now()) ? Instant.now() : send;
        } catch (InvalidInputException e) {
            return Instant.now();
        }
    }

    /** Messages per second the campaign will get: its own rate, capped by the service plan's; 0 means no limit. */
    public int getEffectiveRate() {
        int plan = ConfigProvider.getConfig().getOptionalValue("SMS_SEND_RATE", Integer.class).orElse(30);
        if (ratePerSecond == null) {
            return plan;
        }
        return plan <= 0 ? ratePerSecond : Math.min(plan, ratePerSecond);
    }

    private long releaseSeconds() {
        int rate = getEffectiveRate();
        return rate <= 0 ? 0 : (count.deliverable() + rate - 1) / rate;
    }

    public String getFinishesAt() {
        return show(getStartsAt().plusSeconds(releaseSeconds()));
    }

    public String getReleaseDuration() {
        Duration d = Duration.ofSeconds(releaseSeconds());
        return d.toHours() > 0 ? d.toHours() + " h " + d.toMinutesPart() + " min" : d.toMinutes() > 0
                ? d.toMinutes() + " min " + d.toSecondsPart() + " s" : d.toSeconds() + " s";
    }

    /** Recipients the release cannot reach before {@code expire_at} at this rate (quiet hours not counted). */
    public long getExpiringBeforeRelease() {
        int rate = getEffectiveRate();
        if (rate <= 0) {
            return 0;
        }
        Instant start = getStartsAt();
        Instant end;
        try {
            Instant expire = instant("expire_at", expireAt, zoneId());
            end = expire == null ? start.plus(Campaigns.MAX_VALIDITY) : expire;
        } catch (InvalidInputException e) {
            end = start.plus(Campaigns.MAX_VALIDITY);
        }
        long seconds = Math.max(0, Duration.between(start, end).toSeconds());
        return Math.max(0, count.deliverable() - seconds * rate);
    }

    public String getMoney() {
        if (estimate == null || estimate.moneyByCurrency().isEmpty()) {
            return "–";
        }
        return estimate.moneyByCurrency().entrySet().stream()
                .map(e -> e.getValue().setScale(2, java.math.RoundingMode.HALF_UP).toPlainString() + " " + e.getKey())
                .collect(Collectors.joining(" + "));
    }

    public String getCountries() {
        if (estimate == null) {
            return "";
        }
        return estimate.recipientsByCountry().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }

    public String describeMissing() {
        if (estimate == null) {
            return "";
        }
        Map<String, Long> byCountry = estimate.recipientsByCountry();
        return estimate.countriesWithoutPrice().stream().map(c -> c + " (" + byCountry.get(c) + " recipients)")
                .collect(Collectors.joining(", "));
    }

    public String getZoneNow() {
        try {
            return show(Instant.now());
        } catch (InvalidInputException e) {
            return "";
        }
    }

    public String show(Instant at) {
        ZoneId z;
        try {
            z = zoneId();
        } catch (InvalidInputException e) {
            z = ZoneId.of("UTC");
        }
        return at.atZone(z).format(SHOWN);
    }

    public List<String> getZones() {
        return ZoneId.getAvailableZoneIds().stream().filter(z -> z.contains("/") || z.equals("UTC")).sorted().toList();
    }

    // ---- parsing ----

    private ZoneId zoneId() {
        try {
            return ZoneId.of(zone == null || zone.isBlank() ? "UTC" : zone);
        } catch (RuntimeException e) {
            throw new InvalidInputException("zone", "'" + zone + "' is not a time zone");
        }
    }

    private static Instant instant(String field, String text, ZoneId zone) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(text.strip(), WHEN).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "'" + text.strip() + "' is not a time such as 2026-12-24 09:30");
        }
    }

    private static LocalTime time(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalTime.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("quiet_hours", "'" + text.strip() + "' is not a time of day such as 21:00");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private void requireOperator() {
        if (!isMayLaunch()) {
            throw new SecurityException("Only operators may launch campaigns");
        }
    }

    // ---- properties ----

    public int getStep() {
        return step;
    }

    public List<String> getSteps() {
        return STEPS;
    }

    public CampaignAudience.Count getCount() {
        return count;
    }

    public CostEstimate getEstimate() {
        return estimate;
    }

    public TemplatePreview getPreview() {
        return preview;
    }

    public ContactView getSample() {
        return sample;
    }

    public List<GroupView> getGroupChoices() {
        return groupChoices;
    }

    public List<TemplateView> getTemplateChoices() {
        return templateChoices;
    }

    public BigDecimal getExactUpTo() {
        return BigDecimal.valueOf(CampaignCosts.EXACT_UP_TO);
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public List<Long> getGroupIds() {
        return groupIds;
    }

    public void setGroupIds(List<Long> groupIds) {
        this.groupIds = groupIds == null ? new ArrayList<>() : new ArrayList<>(groupIds);
    }

    public Long getTemplateId() {
        return templateId;
    }

    public void setTemplateId(Long templateId) {
        this.templateId = templateId;
    }

    public String getBody() {
        return body;
    }

    public void setBody(String body) {
        this.body = body;
    }

    public String getSender() {
        return sender;
    }

    public void setSender(String sender) {
        this.sender = sender;
    }

    public String getZone() {
        return zone;
    }

    public void setZone(String zone) {
        this.zone = zone;
    }

    public String getSendAt() {
        return sendAt;
    }

    public void setSendAt(String sendAt) {
        this.sendAt = sendAt;
    }

    public String getExpireAt() {
        return expireAt;
    }

    public void setExpireAt(String expireAt) {
        this.expireAt = expireAt;
    }

    public Integer getRatePerSecond() {
        return ratePerSecond;
    }

    public void setRatePerSecond(Integer ratePerSecond) {
        this.ratePerSecond = ratePerSecond;
    }

    public String getQuietFrom() {
        return quietFrom;
    }

    public void setQuietFrom(String quietFrom) {
        this.quietFrom = quietFrom;
    }

    public String getQuietTo() {
        return quietTo;
    }

    public void setQuietTo(String quietTo) {
        this.quietTo = quietTo;
    }

    public String getTestTo() {
        return testTo;
    }

    public void setTestTo(String testTo) {
        this.testTo = testTo;
    }
}
