package org.smsconsole.web.ui;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.smsconsole.message.Message;
import org.smsconsole.message.MessageState;
import org.smsconsole.message.Messages;

import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** The message log (VIEWER): single messages, newest first, paged lazily, filtered by state, refreshed live. */
@Named
@ViewScoped
public class MessageLogScreen implements Serializable {

    static final int TEXT_SHOWN = 60;
    /** What a screen shows for a body that retention erased. */
    static final String ERASED = "body erased (retention)";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z");

    @Inject
    transient Messages messages;

    private MessageState state;
    private PagedTable<Message> table;

    @PostConstruct
    void init() {
        table = new PagedTable<>(() -> messages.count(null, state), (first, size) -> messages.page(null, state, first, size),
                m -> String.valueOf(m.getId()));
    }

    public MessageState[] getStates() {
        return MessageState.values();
    }

    /** The text, shortened for the table (an MMS may have none). */
    public String text(Message m) {
        if (m.isBodyErased()) {
            return ERASED;
        }
        String body = m.getBody();
        if (body == null) {
            return m.getMediaUrl() == null ? "" : "[media] " + m.getMediaUrl();
        }
        return body.length() <= TEXT_SHOWN ? body : body.substring(0, TEXT_SHOWN - 1) + "…";
    }

    /** What Sinch said about it: its delivery status and code, or why it failed, expired or was skipped. */
    public String detail(Message m) {
        StringBuilder s = new StringBuilder();
        if (m.getDeliveryStatus() != null) {
            s.append(m.getDeliveryStatus());
        }
        if (m.getDeliveryCode() != null) {
            s.append(s.length() == 0 ? "" : " ").append("(code ").append(m.getDeliveryCode()).append(')');
        }
        if (m.getReason() != null) {
            s.append(s.length() == 0 ? "" : ": ").append(m.getReason());
        }
        return s.toString();
    }

    public String time(Instant at) {
        return format(at, ZoneId.systemDefault());
    }

    static String format(Instant at, ZoneId zone) {
        return at == null ? "" : TIME.format(at.atZone(zone));
    }

    public String getZone() {
        return ZoneId.systemDefault().getId();
    }

    public PagedTable<Message> getTable() {
        return table;
    }

    public MessageState getState() {
        return state;
    }

    public void setState(MessageState state) {
        this.state = state;
    }
}
