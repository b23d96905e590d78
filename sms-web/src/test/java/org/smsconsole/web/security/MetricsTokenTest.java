package org.smsconsole.web.security;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.smsconsole.web.security.MetricsToken.Verdict.ALLOWED;
import static org.smsconsole.web.security.MetricsToken.Verdict.OFF;
import static org.smsconsole.web.security.MetricsToken.Verdict.REFUSED;

class MetricsTokenTest {

    private static final String TOKEN = "k3J9x-wq8Lm2Zt7Pv4Rb";

    @Test
    void withNoTokenSetTheEndpointIsOffForEveryone() {
        for (Optional<String> setting : List.of(Optional.<String>empty(), Optional.of(""), Optional.of(" , "))) {
            MetricsToken token = MetricsToken.of(setting);
            assertFalse(token.enabled());
            assertEquals(OFF, token.check("Bearer " + TOKEN));
            assertEquals(OFF, token.check(null));
        }
    }

    @Test
    void onlyTheBearerOfTheTokenMayScrape() {
        MetricsToken token = MetricsToken.of(Optional.of(TOKEN));
        assertEquals(ALLOWED, token.check("Bearer " + TOKEN));
        assertEquals(ALLOWED, token.check("bearer  " + TOKEN + " "), "the scheme in any case, spaces around the token");
        assertEquals(REFUSED, token.check(null));
        assertEquals(REFUSED, token.check("Bearer "));
        assertEquals(REFUSED, token.check("Bearer " + TOKEN + "x"));
        assertEquals(REFUSED, token.check("Bearer " + TOKEN.substring(1)));
        assertEquals(REFUSED, token.check(TOKEN), "the token without the scheme");
        assertEquals(REFUSED, token.check("Basic YWRtaW46c2VjcmV0"), "a staff password is no scrape token");
    }

    @Test
    void twoTokensLetPrometheusMoveToANewOneBeforeTheOldIsRemoved() {
        String next = "Zq2-new-token-0987654321";
        MetricsToken token = MetricsToken.of(Optional.of(TOKEN + ", " + next));
        assertEquals(ALLOWED, token.check("Bearer " + TOKEN));
        assertEquals(ALLOWED, token.check("Bearer " + next));
        assertEquals(REFUSED, token.check("Bearer " + TOKEN + "," + next));
    }

    @Test
    void aTokenTooShortToResistGuessingIsIgnoredAndSaidSoWithoutShowingIt() {
        MetricsToken token = MetricsToken.of(Optional.of("secret123"));
        assertFalse(token.enabled());
        assertEquals(OFF, token.check("Bearer secret123"));
        assertEquals(1, token.ignored().size());
        assertTrue(token.ignored().get(0).contains("9 characters"), token.ignored().get(0));
        assertFalse(token.ignored().get(0).contains("secret123"));

        MetricsToken mixed = MetricsToken.of(Optional.of("short," + TOKEN));
        assertEquals(ALLOWED, mixed.check("Bearer " + TOKEN));
        assertEquals(REFUSED, mixed.check("Bearer short"));
    }
}
