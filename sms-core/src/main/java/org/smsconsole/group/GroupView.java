package org.smsconsole.group;

import java.time.Instant;

/** A group as screens and the API show it, with its member count. */
public record GroupView(long id, String name, long memberCount, Instant createdAt, Instant updatedAt) implements java.io.Serializable {
}
