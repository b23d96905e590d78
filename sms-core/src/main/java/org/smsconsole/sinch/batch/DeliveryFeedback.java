package org.smsconsole.sinch.batch;

import java.util.List;

/** Body of {@code POST /batches/{id}/delivery_feedback}: the recipients that got the message. */
public record DeliveryFeedback(List<String> recipients) {
}
