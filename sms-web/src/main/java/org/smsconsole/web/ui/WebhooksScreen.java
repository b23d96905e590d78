package org.smsconsole.web.ui;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.faces.context.FacesContext;
import org.smsconsole.user.Role;
import org.smsconsole.validation.ConflictException;
import org.smsconsole.validation.InvalidInputException;
import org.smsconsole.validation.NotFoundException;
import org.smsconsole.webhook.WebhookDelivery;
import org.smsconsole.webhook.WebhookEventType;
import org.smsconsole.webhook.WebhookSubscription;
import org.smsconsole.webhook.WebhookSubscriptions;

import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Outgoing webhooks (ADMIN): add or edit a subscription (its secret shown once, when made or rotated), send a test
 * event, and follow a subscription's deliveries (refreshed live), retrying a failed one at once.
 */
@Named
@ViewScoped
public class WebhooksScreen implements Serializable {

    static final String FORM = "subscriptionForm";
    static final int LOG_SIZE = 50;

    @Inject
    transient WebhookSubscriptions subscriptions;

    /** The subscription being edited; null while adding one. */
    private Long editing;
    private String url;
    private String description;
    private List<String> events = new ArrayList<>(List.of(WebhookEventType.INBOUND_RECEIVED.name(),
            WebhookEventType.MESSAGE_STATUS_CHANGED.name(), WebhookEventType.CONTACT_OPTED_OUT.name()));
    private boolean enabled = true;
    /** A secret just made, kept only until the page is left; with the subscription it belongs to. */
    private String shownSecret;
    private Long shownSecretOf;
    /** Whose delivery log is shown. */
    private Long selected;
    private transient List<WebhookSubscription> all;

    public List<WebhookSubscription> getSubscriptions() {
        if (all == null) {
            all = subscriptions.all();
        }
        return all;
    }

    public List<WebhookEventType> getEventTypes() {
        return WebhookEventType.subscribableTypes();
    }

    public String labels(WebhookSubscription s) {
        return s.getEvents().stream().map(WebhookEventType::label).collect(Collectors.joining(", "));
    }

    public void save() {
        if (!admin()) {
            return;
        }
        List<WebhookEventType> chosen = events == null ? List.of() : events.stream().map(WebhookEventType::valueOf).toList();
        try {
            if (editing == null) {
                WebhookSubscriptions.WithSecret created = subscriptions.create(url, description, chosen, enabled);
                shownSecret = created.secret();
                shownSecretOf = created.subscription().getId();
                selected = created.subscription().getId();
                Messages.info("Added the subscription for " + WebhookSubscriptions.display(created.subscription().getUrl()) + ".");
            } else {
                subscriptions.change(editing, url, description, chosen, enabled);
                Messages.info("Saved the subscription.");
            }
            clearForm();
        } catch (InvalidInputException e) {
            Messages.fieldError(FORM, e);
        } catch (NotFoundException e) {
            Messages.error(e.getMessage());
            clearForm();
        }
        all = null;
    }

    public void edit(WebhookSubscription s) {
        editing = s.getId();
        url = s.getUrl();
        description = s.getDescription();
        events = new ArrayList<>(s.getEvents().stream().map(WebhookEventType::name).toList());
        enabled = s.isEnabled();
    }

    public void cancelEdit() {
        clearForm();
    }

    private void clearForm() {
        editing = null;
        url = null;
        description = null;
        enabled = true;
    }

    public void rotate(WebhookSubscription s) {
        if (!admin()) {
            return;
        }
        try {
            shownSecret = subscriptions.rotate(s.getId()).secret();
            shownSecretOf = s.getId();
            Messages.info("A new secret for subscription " + s.getId() + ": requests are signed with it from now on.");
        } catch (NotFoundException e) {
            Messages.error(e.getMessage());
        }
        all = null;
    }

    public void remove(WebhookSubscription s) {
        if (!admin()) {
            return;
        }
        try {
            subscriptions.remove(s.getId());
            Messages.info("Removed the subscription for " + WebhookSubscriptions.display(s.getUrl()) + ".");
        } catch (NotFoundException e) {
            Messages.error(e.getMessage());
        }
        if (s.getId().equals(selected)) {
            selected = null;
        }
        if (s.getId().equals(shownSecretOf)) {
            shownSecret = null;
            shownSecretOf = null;
        }
        all = null;
    }

    public void sendTest(WebhookSubscription s) {
        if (!admin()) {
            return;
        }
        try {
            subscriptions.sendTest(s.getId());
            selected = s.getId();
            Messages.info("Queued a test event; its delivery shows below.");
        } catch (InvalidInputException | NotFoundException e) {
            Messages.error(e.getMessage());
        }
    }

    public void show(WebhookSubscription s) {
        selected = s.getId();
    }

    public void retry(WebhookDelivery d) {
        if (!admin()) {
            return;
        }
        try {
            subscriptions.retryNow(d.id());
            Messages.info("Delivery " + d.id() + " is tried again now.");
        } catch (ConflictException | NotFoundException e) {
            Messages.error(e.getMessage());
        }
    }

    public List<WebhookDelivery> getDeliveries() {
        if (selected == null) {
            return List.of();
        }
        try {
            return subscriptions.deliveries(selected, LOG_SIZE);
        } catch (NotFoundException e) {
            selected = null;
            return List.of();
        }
    }

    public String getSelectedUrl() {
        return getSubscriptions().stream().filter(s -> s.getId().equals(selected)).map(WebhookSubscription::getUrl).findFirst().orElse("");
    }

    public String time(Instant at) {
        return MessageLogScreen.format(at, ZoneId.systemDefault());
    }

    public String getZone() {
        return ZoneId.systemDefault().getId();
    }

    /** The page is under /admin (ADMIN in web.xml); the actions check again. */
    private boolean admin() {
        if (!FacesContext.getCurrentInstance().getExternalContext().isUserInRole(Role.ADMIN.name())) {
            Messages.error("This needs the role ADMIN");
            return false;
        }
        return true;
    }

    public Long getEditing() {
        return editing;
    }

    public Long getSelected() {
        return selected;
    }

    public String getShownSecret() {
        return shownSecret;
    }

    public Long getShownSecretOf() {
        return shownSecretOf;
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public List<String> getEvents() {
        return events;
    }

    public void setEvents(List<String> events) {
        this.events = events;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }
}
