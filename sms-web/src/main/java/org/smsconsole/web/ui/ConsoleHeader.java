package org.smsconsole.web.ui;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.smsconsole.user.Role;

import java.security.Principal;
import java.util.Arrays;
import java.util.Optional;

/** The header on every page: who is signed in, their role, sandbox mode, signing out. */
@Named
@RequestScoped
public class ConsoleHeader {

    @Inject
    SecurityContext securityContext;

    @Inject
    @ConfigProperty(name = "SMS_SINCH_API_TOKEN")
    Optional<String> apiToken;

    @Inject
    @ConfigProperty(name = "SMS_SINCH_KEY_SECRET")
    Optional<String> keySecret;

    public String getUsername() {
        Principal caller = securityContext.getCallerPrincipal();
        return caller == null ? "" : caller.getName();
    }

    public String getRole() {
        return Arrays.stream(Role.values()).filter(r -> securityContext.isCallerInRole(r.name()))
                .reduce((a, b) -> b).map(Role::name).orElse("");
    }

    /** No Sinch credentials configured: the built-in sandbox stands in for Sinch. */
    public boolean isSandboxMode() {
        return apiToken.filter(s -> !s.isBlank()).isEmpty() && keySecret.filter(s -> !s.isBlank()).isEmpty();
    }

    public String signOut() throws ServletException {
        ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
        ((HttpServletRequest) external.getRequest()).logout();
        external.invalidateSession();
        return "/login?faces-redirect=true";
    }
}
