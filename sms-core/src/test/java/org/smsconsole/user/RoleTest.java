package org.smsconsole.user;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RoleTest {

    @Test
    void eachRoleIncludesTheLesserOnes() {
        assertEquals(Set.of("VIEWER"), Role.VIEWER.groups());
        assertEquals(Set.of("VIEWER", "OPERATOR"), Role.OPERATOR.groups());
        assertEquals(Set.of("VIEWER", "OPERATOR", "ADMIN"), Role.ADMIN.groups());
        assertTrue(Role.ADMIN.includes(Role.OPERATOR));
        assertFalse(Role.VIEWER.includes(Role.OPERATOR));
    }
}
