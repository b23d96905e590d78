package org.smsconsole.web.ui;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.component.UIComponent;
import jakarta.faces.context.FacesContext;
import org.smsconsole.validation.InvalidInputException;

/** Puts sentences on the page: next to a field when one is at fault, otherwise at the top. */
final class Messages {

    private Messages() {
    }

    static void info(String text) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, text, null));
    }

    static void error(String text) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, text, null));
    }

    /**
     * Shows a refused input next to the field it names, {@code formId:field}, and marks the
     * request as failed so that dialogs stay open.
     */
    static void fieldError(String formId, InvalidInputException e) {
        FacesContext faces = FacesContext.getCurrentInstance();
        String clientId = formId + ":" + e.field();
        UIComponent field = faces.getViewRoot().findComponent(":" + clientId);
        faces.addMessage(field == null ? null : clientId, new FacesMessage(FacesMessage.SEVERITY_ERROR, e.getMessage(), null));
        faces.validationFailed();
    }
}
