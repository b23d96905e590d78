package org.smsconsole.inbound;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * An SMS (or MMS) someone sent to us, as Sinch delivered it: one row per Sinch inbound id. Written by
 * {@link Inbounds#store}, linked to its sender's contact and marked with the keyword action it applied by
 * {@link Receiving}.
 */
@Entity
@Table(name = "inbound_message")
public class InboundMessage {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "inbound_message_seq")
    @SequenceGenerator(name = "inbound_message_seq", sequenceName = "inbound_message_seq", allocationSize = 50)
    private Long id;

    @Column(name = "sinch_id", nullable = false, length = 64)
    private String sinchId;

    /** {@code mo_text}, {@code mo_binary} or {@code mo_media}, as Sinch names it. */
    @Column(nullable = false, length = 16)
    private String type;

    /** E.164 with {@code +} when it is a number. */
    @Column(name = "from_number", nullable = false, length = 32)
    private String from;

    /** Our number or short code, digits as Sinch gives them. */
    @Column(name = "to_number", length = 32)
    private String to;

    /** The text, the Base64 of a binary message, or the JSON of an MMS body. */
    @Column(length = Inbounds.MAX_BODY)
    private String body;

    @Column(length = 512)
    private String udh;

    @Column(name = "received_at")
    private Instant receivedAt;

    @Column(name = "sent_at")
    private Instant sentAt;

    @Column(name = "stored_at", nullable = false)
    private Instant storedAt;

    @Column(name = "operator_id", length = 64)
    private String operatorId;

    @Column(name = "client_reference", length = 2048)
    private String clientReference;

    /** The contact who sent it (created for an unknown number); null for an alphanumeric sender or a deleted contact. */
    @Column(name = "contact_id")
    private Long contactId;

    /** {@code opt_out}, {@code opt_in} or {@code help}: the keyword it was; null when it was none. */
    @Column(name = "keyword_action", length = 16)
    private String keywordAction;

    /** When retention erased the body (text, Base64 or MMS JSON); null while it is kept. */
    @Column(name = "body_erased_at")
    private Instant bodyErasedAt;

    protected InboundMessage() {
    }

    public Long getId() {
        return id;
    }

    public String getSinchId() {
        return sinchId;
    }

    public String getType() {
        return type;
    }

    public String getFrom() {
        return from;
    }

    public String getTo() {
        return to;
    }

    public String getBody() {
        return body;
    }

    public String getUdh() {
        return udh;
    }

    public Instant getReceivedAt() {
        return receivedAt;
    }

    public Instant getSentAt() {
        return sentAt;
    }

    public Instant getStoredAt() {
        return storedAt;
    }

    public String getOperatorId() {
        return operatorId;
    }

    public String getClientReference() {
        return clientReference;
    }

    public Long getContactId() {
        return contactId;
    }

    /** The keyword action it applied, if it was a keyword. */
    public KeywordAction getKeywordAction() {
        return keywordAction == null ? null : KeywordAction.valueOf(keywordAction.toUpperCase(java.util.Locale.ROOT));
    }

    public Instant getBodyErasedAt() {
        return bodyErasedAt;
    }

    /** Retention erased the body: screens show "body erased (retention)" instead. */
    public boolean isBodyErased() {
        return bodyErasedAt != null;
    }
}
