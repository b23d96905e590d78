package org.smsconsole.web.sandbox;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.smsconsole.sinch.inbound.Inbound;
import org.smsconsole.sinch.inbound.TextInbound;
import org.smsconsole.user.Role;
import org.smsconsole.web.sandbox.engine.SandboxEngine;
import org.smsconsole.web.sandbox.engine.SandboxException;
import org.smsconsole.web.sandbox.engine.SandboxSettings;

/**
 * The sandbox panel ({@code sandbox.xhtml}): where to point a Sinch client, what the sandbox
 * received lately, and a form that makes an SMS arrive from a number. The credentials and the form are for
 * operators only (the token reads every batch the sandbox holds; a simulated STOP opts a contact out).
 */
@Named
@RequestScoped
public class SandboxScreen {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    @Inject
    SandboxConfig config;

    @Inject
    SandboxRuntime runtime;

    @Inject
    SecurityContext securityContext;

    private String from;
    private String to;
    private String text;

    public boolean isEnabled() {
        return config.enabled();
    }

    public boolean isMaySimulate() {
        return securityContext.isCallerInRole(Role.OPERATOR.name());
    }

    public String getBaseUrl() {
        HttpServletRequest request = (HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext().getRequest();
        String port = request.getServerPort() == 80 ? "" : ":" + request.getServerPort();
        return request.getScheme() + "://" + request.getServerName() + port + request.getContextPath() + "/sandbox";
    }

    public String getServicePlanId() {
        return config.servicePlanId();
    }

    /** This installation's random token, which only this sandbox accepts: shown to operators, who may send anyway. */
    public String getApiToken() {
        return isMaySimulate() ? config.apiToken() : "";
    }

    public String getSandboxNumber() {
        return config.sandboxNumber();
    }

    public SandboxSettings getSettings() {
        return runtime.engine().settings();
    }

    public List<SandboxEngine.BatchSummary> getBatches() {
        return runtime.engine().recentBatches(20);
    }

    public List<Inbound> getInbounds() {
        return runtime.engine().recentInbounds(20);
    }

    public String statuses(Map<String, Integer> statuses) {
        return statuses.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "));
    }

    /** The first numbers a batch went to, as the Inbounds table shows senders. */
    public String recipients(SandboxEngine.BatchSummary batch) {
        String shown = batch.firstRecipients().stream().map(n -> n.matches("[0-9]+") ? "+" + n : n).collect(Collectors.joining(", "));
        return batch.recipients() > batch.firstRecipients().size() ? shown + ", …" : shown;
    }

    public String shorten(String text) {
        return text == null || text.length() <= 80 ? text : text.substring(0, 79) + "…";
    }

    public String bodyOf(Inbound inbound) {
        return inbound instanceof TextInbound t ? t.body() : inbound.getType();
    }

    public String format(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }

    public void simulate() {
        FacesContext faces = FacesContext.getCurrentInstance();
        if (!isMaySimulate()) {
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, "Only operators may simulate messages.", null));
            return;
        }
        if (!isEnabled()) {
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, "The sandbox is off: real Sinch is configured.", null));
            return;
        }
        try {
            TextInbound mo = runtime.engine().receive(from, to == null || to.isBlank() ? config.sandboxNumber() : to, text);
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO,
                    "SMS from +" + mo.from() + " received as " + mo.id(), null));
            text = null;
        } catch (SandboxException e) {
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, e.text(), null));
            faces.validationFailed();
        }
    }

    public String getFrom() {
        return from;
    }

    public void setFrom(String from) {
        this.from = from;
    }

    public String getTo() {
        return to;
    }

    public void setTo(String to) {
        this.to = to;
    }

    public String getText() {
        return text;
    }

    public void setText(String text) {
        this.text = text;
    }
}
