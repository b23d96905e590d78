package org.smsconsole.web.it;

import jakarta.inject.Inject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.smsconsole.config.Setting;
import org.smsconsole.config.StoredSettings;
import org.smsconsole.contact.Consent;
import org.smsconsole.contact.ContactView;
import org.smsconsole.contact.Contacts;
import org.smsconsole.inbound.Inbounds;
import org.smsconsole.inbox.ConversationView;
import org.smsconsole.inbox.Conversations;
import org.smsconsole.inbox.Replies;
import org.smsconsole.inbox.ThreadEntry;
import org.smsconsole.message.Message;
import org.smsconsole.message.MessageDraft;
import org.smsconsole.message.MessageKind;
import org.smsconsole.message.MessageState;
import org.smsconsole.message.Messages;
import org.smsconsole.sinch.inbound.BinaryInbound;
import org.smsconsole.sinch.inbound.MediaInbound;
import org.smsconsole.sinch.inbound.TextInbound;
import org.smsconsole.validation.InvalidInputException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The inbox's queries in the container, on H2 and PostgreSQL: conversations kept per number as MOs are
 * stored and messages queued, paged newest first without a total, searched by name, number and text;
 * read state for the whole team with the unread total following; a conversation's messages both ways by
 * time with MMS and binary ones; replies from the number the customer wrote to, refused for the opted out.
 */
@ExtendWith(ArquillianExtension.class)
class InboxPersistenceIT {

    private static final List<String> WORDS = List.of("alpha", "bravo", "charlie", "delta", "echo");

    @Deployment
    static WebArchive deployment() {
        return Deployments.console();
    }

    @Inject
    Inbounds inbounds;

    @Inject
    Conversations conversations;

    @Inject
    Replies replies;

    @Inject
    Messages messages;

    @Inject
    Contacts contacts;

    @Inject
    StoredSettings settings;

    @Inject
    Clock clock;

    @Test
    void conversationsArePagedNewestFirstAndFoundByNameNumberOrText() {
        String tag = "parcel" + letters(); // no digits: a search with digits also matches numbers
        Instant base = clock.instant().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MILLIS);
        List<String> phones = List.of(phone(), phone(), phone(), phone(), phone());
        for (int i = 0; i < phones.size(); i++) {
            inbounds.store(text(phones.get(i), "Where is my " + tag + " " + WORDS.get(i) + "?", base.plusSeconds(60L * i)));
        }
        // An older MO from the first number (the poller may bring one late) does not move it up.
        inbounds.store(text(phones.get(0), "An old " + tag, base.minusSeconds(3600)));

        List<ConversationView> first = conversations.page(tag, 0, 3);
        List<ConversationView> second = conversations.page(tag, 3, 3);
        assertEquals(List.of(phones.get(4), phones.get(3), phones.get(2)), first.stream().map(ConversationView::phone).toList());
        assertEquals(List.of(phones.get(1), phones.get(0)), second.stream().map(ConversationView::phone).toList(),
                "the last page is shorter: no more pages, without counting");
        ConversationView oldest = second.get(1);
        assertEquals("Where is my " + tag + " alpha?", oldest.lastText(), "the newest message stays the snippet");
        assertEquals(base, oldest.lastAt());
        assertEquals(2, oldest.unread());
        assertTrue(oldest.lastInbound());

        ContactView ada = named("Ada Inboxwright " + tag, phones.get(2));
        List<ConversationView> byName = conversations.page("inboxwright " + tag, 0, 10);
        assertEquals(List.of(phones.get(2)), byName.stream().map(ConversationView::phone).toList(), "case-insensitive, by the contact's name");
        assertEquals(ada.name(), byName.get(0).title());
        String digits = phones.get(3).substring(3); // the national number without its 0
        assertEquals(List.of(phones.get(3)), conversations.page(digits, 0, 10).stream().map(ConversationView::phone).toList());
        assertEquals(List.of(phones.get(1)), conversations.page(tag.toUpperCase() + " BRAVO", 0, 10).stream().map(ConversationView::phone).toList(),
                "by the text of an SMS from the number");
        assertTrue(conversations.page(tag + "%", 0, 10).isEmpty(), "% is a character, not a wildcard");
        assertTrue(conversations.page(tag + "_", 0, 10).isEmpty(), "_ is a character, not a wildcard");
    }

    @Test
    void openingMarksTheConversationReadForEveryoneAndTheUnreadTotalFollows() {
        String phone = phone();
        long before = conversations.unreadTotal();
        TextInbound hello = text(phone, "Hello, is my parcel coming today?", clock.instant());
        assertTrue(inbounds.store(hello));
        assertTrue(inbounds.store(text(phone, "Hello?", clock.instant())));
        assertFalse(inbounds.store(hello), "the same Sinch id again");
        assertEquals(before + 2, conversations.unreadTotal(), "a repeated MO counts once");
        assertEquals(2, conversations.find(phone).orElseThrow().unread());
        assertTrue(conversations.thread(phone, 10).stream().allMatch(ThreadEntry::unread));

        assertEquals(2, conversations.markRead(phone));
        assertEquals(before, conversations.unreadTotal());
        ConversationView read = conversations.find(phone).orElseThrow();
        assertEquals(0, read.unread());
        assertEquals("system", read.readBy(), "who read it (no one is signed in inside this test)");
        assertNotNull(read.readAt());
        List<ThreadEntry> thread = conversations.thread(phone, 10);
        assertTrue(thread.stream().noneMatch(ThreadEntry::unread), "every MO is marked, with who and when");
        assertTrue(thread.stream().allMatch(e -> "system".equals(e.readBy()) && e.readAt() != null));
        assertEquals(0, conversations.markRead(phone), "opening it again changes nothing");

        assertTrue(inbounds.store(text(phone, "Thanks!", clock.instant())));
        assertEquals(before + 1, conversations.unreadTotal(), "a new MO is unread again");
        assertEquals(1, conversations.find(phone).orElseThrow().unread());
        assertEquals(1, conversations.markRead(phone));
        assertEquals(before, conversations.unreadTotal());
        assertTrue(conversations.find("+10000000000").isEmpty());
    }

    @Test
    void aConversationShowsBothWaysByTimeWithMmsAndBinaryMessages() {
        String phone = phone();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        inbounds.store(text(phone, "Is my parcel coming today?", now.minusSeconds(600)));
        Message composed = messages.send(new MessageDraft(null, phone, "Yes, before noon.", null, null, null, null, null, null));
        inbounds.store(new MediaInbound(id(), digits(phone), "447700900100", new MediaInbound.Body("The door", "Leave it here",
                List.of(new MediaInbound.Media("https://media.example.com/door.jpg", "image/jpeg", "Uploaded", 0),
                        new MediaInbound.Media("javascript:alert(1)", "text/html", "Failed", 416))),
                now.plusSeconds(60), now.plusSeconds(60), "op", null));
        inbounds.store(new BinaryInbound(id(), digits(phone), "447700900100", "AAEC", "050003CC0201", now.plusSeconds(120),
                now.plusSeconds(120), "op", null));

        List<ThreadEntry> thread = conversations.thread(phone, 50);
        assertEquals(List.of("mo_text", ThreadEntry.OUTBOUND, "mo_media", "mo_binary"), thread.stream().map(ThreadEntry::kind).toList(),
                "interleaved by time, oldest first");
        ThreadEntry reply = thread.get(1);
        assertFalse(reply.inbound());
        assertEquals("Yes, before noon.", reply.text());
        assertTrue(List.of("QUEUED", "SENDING", "SENT", "DELIVERED").contains(reply.state()), "its state, as the release engine moves it: " + reply.state());
        assertEquals("out-" + composed.getId(), reply.key());

        ThreadEntry mms = thread.get(2);
        assertEquals("The door", mms.subject());
        assertEquals("Leave it here", mms.text());
        assertEquals(2, mms.media().size());
        assertEquals("https://media.example.com/door.jpg", mms.media().get(0).url());
        assertTrue(mms.media().get(0).link());
        assertFalse(mms.media().get(1).link(), "a javascript: address is never a link");
        assertEquals("Binary message (3 bytes, UDH 050003CC0201)", thread.get(3).text());

        ConversationView conversation = conversations.find(phone).orElseThrow();
        assertEquals("Binary message", conversation.lastText(), "the newest message is the snippet");
        assertEquals(3, conversation.unread());

        assertEquals(List.of("mo_media", "mo_binary"), conversations.thread(phone, 2).stream().map(ThreadEntry::kind).toList(),
                "a short thread keeps the newest");
        messages.send(new MessageDraft(null, phone, "Anything else?", null, null, null, null, null, null));
        assertEquals("Binary message", conversations.find(phone).orElseThrow().lastText(), "an MO received later stays the newest");

        String asked = phone();
        inbounds.store(text(asked, "Can I change the address?", now.minusSeconds(60)));
        messages.send(new MessageDraft(null, asked, "Yes: reply with the new one.", null, null, null, null, null, null));
        ConversationView after = conversations.find(asked).orElseThrow();
        assertEquals("Yes: reply with the new one.", after.lastText(), "what we sent last is the snippet");
        assertFalse(after.lastInbound());
        assertEquals(1, after.unread(), "sending is not reading");
        assertTrue(conversations.find(phone()).isEmpty(), "a number that never wrote has no conversation");
    }

    @Test
    void aReplyGoesFromTheNumberWrittenToAndIsRefusedWhenConsentWouldStopIt() {
        settings.save(Map.of(Setting.SENDERS, "ACME\n+447700900100"));
        String phone = phone();
        inbounds.store(text(phone, "Hello, is my parcel coming today?", clock.instant()));
        String other = phone();
        inbounds.store(new TextInbound(id(), digits(other), "447700900999", "To another number", clock.instant(), clock.instant(), "op", null));

        InvalidInputException empty = assertThrows(InvalidInputException.class, () -> replies.reply(phone, "  "));
        assertEquals(Replies.FIELD, empty.field());
        assertEquals(1, conversations.find(phone).orElseThrow().unread(), "a refused reply changes nothing");

        Message reply = replies.reply(phone, "Yes, before noon.");
        assertEquals(MessageKind.DIRECT, reply.getKind());
        assertEquals(phone, reply.getPhone());
        assertEquals("+447700900100", reply.getSender(), "from the configured sender the customer wrote to");
        assertEquals(MessageState.QUEUED, reply.getState());
        assertEquals(0, conversations.find(phone).orElseThrow().unread(), "answering marks the conversation read");
        assertNull(replies.reply(other, "Yes").getSender(), "a number we have not configured: the service plan's default");

        ContactView grace = named("Grace Optout", phone);
        contacts.consent(grace.id(), Consent.OPTED_OUT, "keyword", "STOP");
        long queued = conversations.thread(phone, 50).stream().filter(e -> !e.inbound()).count();
        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> replies.reply(phone, "Are you sure?"));
        assertEquals(Replies.FIELD, refused.field());
        assertTrue(refused.getMessage().startsWith("Grace Optout opted out on "), refused.getMessage());
        assertTrue(refused.getMessage().contains("(via keyword: STOP)"), refused.getMessage());
        assertEquals(queued, conversations.thread(phone, 50).stream().filter(e -> !e.inbound()).count(), "nothing queued");
        settings.save(Map.of(Setting.SENDERS, ""));
    }

    private TextInbound text(String phone, String body, Instant at) {
        return new TextInbound(id(), digits(phone), "447700900100", body, at, at, "op", null);
    }

    /** A valid UK mobile nobody else in this run uses. */
    private static String phone() {
        // 60 million numbers (+44 740 to 745): six random digits gave two tests of one run the same number
        return "+4474" + ThreadLocalRandom.current().nextInt(6) + String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000));
    }

    private static String letters() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            s.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        return s.toString();
    }

    private static String digits(String phone) {
        return phone.substring(1);
    }

    private static String id() {
        return "01INBOX" + UUID.randomUUID().toString().replace("-", "").substring(0, 19).toUpperCase();
    }

    /** The contact an MO from an unknown number became (Receiving), given a name now. */
    private ContactView named(String name, String phone) {
        ContactView made = contacts.senderOf(phone).orElseThrow();
        return contacts.change(made.id(), name, phone);
    }
}
