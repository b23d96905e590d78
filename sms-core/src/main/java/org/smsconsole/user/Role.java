package org.smsconsole.user;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Staff roles, each including the ones before it: a VIEWER reads everything but secrets, an
 * OPERATOR also manages the audience and the messaging, an ADMIN also users, settings and audit.
 */
public enum Role {
    VIEWER, OPERATOR, ADMIN;

    /** The container groups a person with this role belongs to: this role and every lesser one. */
    public Set<String> groups() {
        return EnumSet.range(VIEWER, this).stream().map(Enum::name).collect(Collectors.toUnmodifiableSet());
    }

    public boolean includes(Role other) {
        return compareTo(other) >= 0;
    }
}
