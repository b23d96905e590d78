package org.smsconsole.web.ui;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import org.smsconsole.contact.ContactSort;
import org.smsconsole.contact.ContactView;
import org.smsconsole.contact.Contacts;
import org.smsconsole.template.TemplatePreview;
import org.smsconsole.template.TemplateView;
import org.smsconsole.template.Templates;
import org.smsconsole.text.GsmCharset;
import org.smsconsole.text.SmsEncoding;
import org.smsconsole.user.Role;
import org.smsconsole.validation.InvalidInputException;
import org.smsconsole.validation.NotFoundException;

import java.io.Serializable;
import java.util.List;

/** Templates: a list, and an editor with a live part counter and a preview for a contact. */
@Named
@ViewScoped
public class TemplatesScreen implements Serializable {

    @Inject
    transient Templates templates;

    @Inject
    transient Contacts contacts;

    @Inject
    transient SecurityContext securityContext;

    private List<TemplateView> list;
    private Long editingId;
    private String name;
    private String body = "";
    private String previewContact;
    private transient ContactView previewFor;
    private transient TemplatePreview preview;

    @PostConstruct
    void init() {
        reload();
        bodyChanged();
    }

    public boolean isMayEdit() {
        return securityContext.isCallerInRole(Role.OPERATOR.name());
    }

    public void startNew() {
        editingId = null;
        name = null;
        body = "";
        bodyChanged();
    }

    public void open(TemplateView template) {
        editingId = template.id();
        name = template.name();
        body = template.body();
        bodyChanged();
    }

    /** Called on every keystroke in the editor: counts with the same rules the sender uses. */
    public void bodyChanged() {
        preview = templates.preview(body, previewFor);
    }

    public void replaceWithGsm() {
        body = GsmCharset.withSuggestions(body == null ? "" : body);
        bodyChanged();
    }

    public List<String> completeContact(String query) {
        return contacts.page(query, ContactSort.NAME, true, 0, 10).stream()
                .map(c -> c.phoneDisplay() + (c.name() == null ? "" : " — " + c.name())).toList();
    }

    public void previewContactChosen() {
        previewFor = null;
        if (previewContact != null && !previewContact.isBlank()) {
            String phonePart = previewContact.split(" — ")[0];
            previewFor = contacts.page(phonePart, ContactSort.NAME, true, 0, 1).stream().findFirst().orElse(null);
        }
        bodyChanged();
    }

    public void save() {
        if (!isMayEdit()) {
            throw new SecurityException("Only operators may change templates");
        }
        try {
            TemplateView saved = editingId == null ? templates.create(name, body) : templates.change(editingId, name, body);
            editingId = saved.id();
            Messages.info("Saved template " + saved.name());
            reload();
        } catch (InvalidInputException e) {
            Messages.fieldError("templateForm", e);
        } catch (NotFoundException e) {
            Messages.error("That template was deleted meanwhile.");
        }
    }

    public void delete(TemplateView template) {
        if (!isMayEdit()) {
            throw new SecurityException("Only operators may delete templates");
        }
        try {
            templates.remove(template.id());
            Messages.info("Deleted template " + template.name());
        } catch (NotFoundException e) {
            Messages.info("That template was already deleted.");
        }
        if (template.id() == (editingId == null ? -1 : editingId)) {
            startNew();
        }
        reload();
    }

    private void reload() {
        list = templates.page(0, 500);
    }

    /** "142 characters · GSM-7 · 1 part · 18 left in this part". */
    public String getCounter() {
        return PartCounter.describe(preview.characters(), preview.count());
    }

    public String getPlaceholderHint() {
        return org.smsconsole.template.Placeholders.BUILT_IN.stream().sorted().map(p -> "${" + p + "}")
                .collect(java.util.stream.Collectors.joining(", "));
    }

    public String getUnknownPlaceholders() {
        return preview.unknownPlaceholders().stream().map(p -> "${" + p + "}").collect(java.util.stream.Collectors.joining(", "));
    }

    public boolean isUcs2() {
        return preview.count().encoding() != SmsEncoding.GSM7;
    }

    public TemplatePreview getPreview() {
        return preview;
    }

    public List<TemplateView> getList() {
        return list;
    }

    public boolean isEditing() {
        return editingId != null;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getBody() {
        return body;
    }

    public void setBody(String body) {
        this.body = body == null ? "" : body;
    }

    public String getPreviewContact() {
        return previewContact;
    }

    public void setPreviewContact(String previewContact) {
        this.previewContact = previewContact;
    }
}
