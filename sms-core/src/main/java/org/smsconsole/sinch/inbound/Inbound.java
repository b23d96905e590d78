package org.smsconsole.sinch.inbound;

import java.time.Instant;
import org.smsconsole.sinch.webhook.WebhookEvent;

/** A mobile-originated message, polymorphic on {@code type}. */
public sealed interface Inbound extends WebhookEvent permits TextInbound, BinaryInbound, MediaInbound {
    String id();

    String from();

    String to();

    Instant receivedAt();

    Instant sentAt();

    String operatorId();

    String clientReference();

    String getType();
}
