package org.smsconsole.scheduler;

import org.smsconsole.message.DeliveryReportMode;
import org.smsconsole.message.MessageKind;

import java.time.Instant;

/** A due queue row, locked for this release. Campaign rows leave body and sender to the campaign. */
record ClaimedMessage(long id, Long contactId, String phone, MessageKind kind, String body, String sender,
                      String mediaUrl, DeliveryReportMode reportMode, Instant expireAt, int attempts, boolean solo) {
}
