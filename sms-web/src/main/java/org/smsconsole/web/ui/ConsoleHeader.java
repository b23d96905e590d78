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
import org.smsconsole.web.sandbox.SandboxConfig;

import java.security.Principal;
import java.util.Arrays;

/** The header on every page: who is signed in, their role, sandbox mode, signing out. */
@Named
@RequestScoped
public class ConsoleHeader {

    @Inject
    SecurityContext securityContext;

    @Inject
    SandboxConfig sandboxConfig;

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
        return !sandboxConfig.realSinchConfigured();
    }

    public String signOut() throws ServletException {
        ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
        ((HttpServletRequest) external.getRequest()).logout();
        external.invalidateSession();
        return "/login?faces-redirect=true";
    }
}
