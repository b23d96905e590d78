package org.smsconsole.web.ui;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.smsconsole.user.InitialAdmin;
import org.smsconsole.user.LoginOutcome;
import org.smsconsole.user.StaffLogins;
import org.smsconsole.web.security.ClientAddress;
import org.smsconsole.web.security.VerifiedLogin;

import java.io.IOException;

/** The sign-in page. */
@Named
@RequestScoped
public class LoginScreen {

    @Inject
    StaffLogins logins;

    @Inject
    SecurityContext securityContext;

    @Inject
    InitialAdmin initialAdmin;

    @Inject
    ClientAddress clientAddress;

    private String username;
    private String password;

    public String signIn() throws IOException {
        FacesContext faces = FacesContext.getCurrentInstance();
        ExternalContext external = faces.getExternalContext();
        LoginOutcome outcome = logins.attempt(username, password == null ? new char[0] : password.toCharArray(),
                clientAddress.of((HttpServletRequest) external.getRequest()));
        password = null;
        if (outcome instanceof LoginOutcome.Refused refused) {
            Messages.error(refused.reason());
            return null;
        }
        LoginOutcome.SignedIn who = (LoginOutcome.SignedIn) outcome;
        AuthenticationStatus status = securityContext.authenticate(
                (HttpServletRequest) external.getRequest(), (HttpServletResponse) external.getResponse(),
                AuthenticationParameters.withParams().credential(new VerifiedLogin(who)).newAuthentication(true));
        if (status != AuthenticationStatus.SUCCESS) {
            Messages.error("Signing in failed; please try again.");
            return null;
        }
        return who.mustChangePassword() ? "/account/password?faces-redirect=true" : "/dashboard?faces-redirect=true";
    }

    /** While the generated administrator password has not been replaced: where it is, for whoever installed this. */
    public String getFirstSignInFile() {
        return initialAdmin.pendingPasswordFile().map(Object::toString).orElse(null);
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return null; // never rendered back into the page
    }

    public void setPassword(String password) {
        this.password = password;
    }
}
