package org.smsconsole.sinch.webhook;

/**
 * Anything Sinch posts to a callback URL: an {@link org.smsconsole.sinch.inbound.Inbound}
 * (MO), a {@link org.smsconsole.sinch.report.BatchDeliveryReport} or a
 * {@link org.smsconsole.sinch.report.RecipientDeliveryReport}.
 */
public interface WebhookEvent {
}
