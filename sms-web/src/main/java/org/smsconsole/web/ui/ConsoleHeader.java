package org.smsconsole.web.ui;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import org.smsconsole.user.Role;
import org.smsconsole.config.SinchSettings;
import org.smsconsole.inbox.Conversations;
import org.smsconsole.scheduler.SendingHalt;

import java.security.Principal;
import java.util.Arrays;

/** The header on every page: who is signed in, their role, unread messages, sandbox mode, a halt of sending, signing out. */
@Named
@RequestScoped
public class ConsoleHeader {

    @Inject
    SecurityContext securityContext;

    @Inject
    SinchSettings sinchSettings;

    @Inject
    SendingHalt sendingHalt;

    @Inject
    Conversations conversations;

    private SendingHalt.State sending;
    private Long unread;

    public String getUsername() {
        Principal caller = securityContext.getCallerPrincipal();
        return caller == null ? "" : caller.getName();
    }

    public String getRole() {
        return Arrays.stream(Role.values()).filter(r -> securityContext.isCallerInRole(r.name()))
                .reduce((a, b) -> b).map(Role::name).orElse("");
    }

    /** No Sinch credentials configured (neither in the environment nor stored): the built-in sandbox stands in for Sinch. */
    public boolean isSandboxMode() {
        return sinchSettings.sandboxMode();
    }

    /** Read once per request (the banner asks several times while rendering). */
    public SendingHalt.State getSending() {
        if (sending == null) {
            sending = sendingHalt.state();
        }
        return sending;
    }

    /** "Inbox (3)": inbound messages nobody has read yet, read once per request from the few conversations that have some. */
    public String getInboxLabel() {
        if (unread == null) {
            unread = conversations.unreadTotal();
        }
        return unread == 0 ? "Inbox" : "Inbox (" + unread + ")";
    }

    public String signOut() throws ServletException {
        ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
        ((HttpServletRequest) external.getRequest()).logout();
        external.invalidateSession();
        return "/login?faces-redirect=true";
    }
}
