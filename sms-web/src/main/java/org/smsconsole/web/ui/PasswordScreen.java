package org.smsconsole.web.ui;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import org.smsconsole.user.StaffUser;
import org.smsconsole.user.StaffUsers;
import org.smsconsole.validation.InvalidInputException;

/** Where a signed-in person changes their own password (and must, after a generated one). */
@Named
@RequestScoped
public class PasswordScreen {

    @Inject
    StaffUsers staffUsers;

    @Inject
    SecurityContext securityContext;

    private String current;
    private String replacement;
    private String confirmation;

    public boolean isMustChange() {
        return staffUsers.find(caller()).map(StaffUser::isMustChangePassword).orElse(false);
    }

    public String change() {
        if (!replacement.equals(confirmation)) {
            Messages.fieldError("passwordForm", new InvalidInputException("confirmation", "The two new passwords differ"));
            return null;
        }
        boolean forced = isMustChange();
        try {
            staffUsers.changeOwnPassword(caller(), current.toCharArray(), replacement.toCharArray());
        } catch (InvalidInputException e) {
            Messages.fieldError("passwordForm", e);
            return null;
        }
        Messages.info("Your password has been changed.");
        if (forced) {
            // A one-time password was the only thing between this person and the console: go there now.
            FacesContext.getCurrentInstance().getExternalContext().getFlash().setKeepMessages(true);
            return "/dashboard?faces-redirect=true";
        }
        return null;
    }

    private String caller() {
        return securityContext.getCallerPrincipal().getName();
    }

    public String getCurrent() {
        return null;
    }

    public void setCurrent(String current) {
        this.current = current;
    }

    public String getReplacement() {
        return null;
    }

    public void setReplacement(String replacement) {
        this.replacement = replacement;
    }

    public String getConfirmation() {
        return null;
    }

    public void setConfirmation(String confirmation) {
        this.confirmation = confirmation;
    }
}
