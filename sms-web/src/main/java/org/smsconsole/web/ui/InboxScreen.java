package org.smsconsole.web.ui;

import jakarta.annotation.PostConstruct;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import org.primefaces.component.datatable.DataTable;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;
import org.smsconsole.inbox.ConversationView;
import org.smsconsole.inbox.Conversations;
import org.smsconsole.inbox.Replies;
import org.smsconsole.inbox.ThreadEntry;
import org.smsconsole.message.Message;
import org.smsconsole.text.SegmentCount;
import org.smsconsole.text.SegmentCounter;
import org.smsconsole.text.SmsEncoding;
import org.smsconsole.user.Role;
import org.smsconsole.validation.InvalidInputException;
import org.smsconsole.validation.NotFoundException;

import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * The shared inbox (VIEWER reads, OPERATOR answers): conversations newest first, searched by name, number or
 * text, paged without counting them all; {@code ?phone=} opens one, its messages both ways by time, refreshed
 * live. An operator opening it marks it read for the whole team (with a POST the page makes once loaded, never on
 * the GET); a viewer's look changes nothing.
 */
@Named
@ViewScoped
public class InboxScreen implements Serializable {

    static final String FORM = "conversationForm";
    /** Messages shown at first; "Show earlier" adds as many again. */
    static final int THREAD_PAGE = 50;

    @Inject
    transient Conversations conversations;

    @Inject
    transient Replies replies;

    @Inject
    transient SecurityContext securityContext;

    private String phone;
    private String search;
    private ConversationView conversation;
    private List<ThreadEntry> thread = List.of();
    private int shown = THREAD_PAGE;
    private String reply = "";
    private SegmentCount count;
    private ConversationTable table;

    @PostConstruct
    void init() {
        table = new ConversationTable(this);
        count = SegmentCounter.count("");
    }

    /**
     * Before the page renders: open {@code ?phone=}. Only that: a GET changes nothing (a link, a prefetch or another
     * site's page can make one), so the page marks the conversation read with a POST of its own once it has loaded
     * ({@link #markRead}).
     */
    public void open() {
        if (phone == null || phone.isBlank()) {
            return;
        }
        conversation = conversations.find(phone).orElse(null);
        if (conversation == null) {
            Messages.error("There is no conversation with " + phone + ".");
            return;
        }
        reload();
    }

    /** The page's own POST right after it opened a conversation: an operator's look marks it read for the team. */
    public void markRead() {
        if (conversation != null && isMayReply() && conversations.markRead(conversation.phone()) > 0) {
            conversation = conversations.find(conversation.phone()).orElse(conversation);
            reload();
        }
    }

    /** Whether the page should mark what it shows read once loaded. */
    public boolean isUnreadShown() {
        return conversation != null && isMayReply() && conversation.unread() > 0;
    }

    /** The poll and "Show earlier": the conversation as it is now (new MOs stay unread until someone opens it). */
    public void reload() {
        if (conversation != null) {
            thread = conversations.thread(conversation.phone(), shown);
        }
    }

    public void showEarlier() {
        shown += THREAD_PAGE;
        reload();
    }

    public boolean isMoreEarlier() {
        return thread.size() >= shown;
    }

    public boolean isMayReply() {
        return securityContext.isCallerInRole(Role.OPERATOR.name());
    }

    public void send() {
        if (!isMayReply()) {
            throw new SecurityException("Only operators may answer messages");
        }
        try {
            Message sent = replies.reply(conversation.phone(), reply);
            Messages.info("Reply queued (message " + sent.getId() + (sent.getSender() == null ? "" : ", from " + sent.getSender()) + ").");
            reply = "";
            textChanged();
            conversation = conversations.find(conversation.phone()).orElse(conversation);
            reload();
        } catch (InvalidInputException e) {
            Messages.fieldError(FORM, new InvalidInputException(Replies.FIELD, e.getMessage()));
        } catch (NotFoundException e) {
            Messages.error(e.getMessage());
        }
    }

    /** On every keystroke, with the rules the sender uses. */
    public void textChanged() {
        count = SegmentCounter.count(reply);
    }

    /** "42 characters · GSM-7 · 1 part · 118 characters left in this part", as Compose and Templates show it. */
    public String getCounter() {
        return PartCounter.describe(reply.length(), count);
    }

    public boolean isUcs2() {
        return count.encoding() != SmsEncoding.GSM7;
    }

    public String time(Instant at) {
        return MessageLogScreen.format(at, ZoneId.systemDefault());
    }

    public String getZone() {
        return ZoneId.systemDefault().getId();
    }

    /** queued, sending, sent, delivered, failed ... as people read it. */
    public String state(ThreadEntry e) {
        return e.state() == null ? "" : e.state().toLowerCase(java.util.Locale.ROOT);
    }

    public boolean isOpen(ConversationView c) {
        return conversation != null && conversation.phone().equals(c.phone());
    }

    /** A new search starts at its first page. */
    public void searchChanged() {
        var table = FacesContext.getCurrentInstance().getViewRoot().findComponent(":inboxForm:conversations");
        if (table instanceof DataTable dataTable) {
            dataTable.setFirst(0);
        }
    }

    public LazyDataModel<ConversationView> getTable() {
        return table;
    }

    public ConversationView getConversation() {
        return conversation;
    }

    public List<ThreadEntry> getThread() {
        return thread;
    }

    public String getPhone() {
        return phone;
    }

    public void setPhone(String phone) {
        this.phone = phone;
    }

    public String getSearch() {
        return search;
    }

    public void setSearch(String search) {
        this.search = search;
    }

    public String getReply() {
        return reply;
    }

    public void setReply(String reply) {
        this.reply = reply == null ? "" : reply;
    }

    /**
     * Pages of conversations without a total: each load asks for one row more than a page, and the row count
     * is what has been seen plus one when more follow, so the paginator offers "next" without counting.
     */
    static final class ConversationTable extends LazyDataModel<ConversationView> {

        private final InboxScreen screen;

        ConversationTable(InboxScreen screen) {
            this.screen = screen;
        }

        @Override
        public int count(Map<String, FilterMeta> filterBy) {
            return getRowCount();
        }

        @Override
        public List<ConversationView> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
            List<ConversationView> rows = screen.conversations.page(screen.search, first, pageSize + 1);
            boolean more = rows.size() > pageSize;
            setRowCount(first + Math.min(rows.size(), pageSize) + (more ? 1 : 0));
            return more ? rows.subList(0, pageSize) : rows;
        }

        @Override
        public String getRowKey(ConversationView row) {
            return row.phone();
        }

        @Override
        public ConversationView getRowData(String rowKey) {
            return screen.conversations.find(rowKey).orElse(null);
        }
    }
}
