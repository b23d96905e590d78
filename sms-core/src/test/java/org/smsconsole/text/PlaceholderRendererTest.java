package org.smsconsole.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlaceholderRendererTest {
    static final Map<String, Map<String, String>> PARAMETERS = Map.of(
            "name", Map.of("46701234567", "Ann", "default", "friend"),
            "code", Map.of("+46 70 123 45 68", "B-2"));

    @Test
    void recipientValueThenDefault() {
        assertEquals("Hi Ann, ${unknown} stays", PlaceholderRenderer.render("Hi ${name}, ${unknown} stays", PARAMETERS, "46701234567"));
        assertEquals("Hi friend", PlaceholderRenderer.render("Hi ${name}", PARAMETERS, "46709999999"));
    }

    @Test
    void recipientKeysMatchInAnySinchForm() {
        assertEquals("Code B-2 for Ann", PlaceholderRenderer.render("Code ${code} for ${name}",
                Map.of("code", PARAMETERS.get("code"), "name", Map.of("0046701234568", "Ann")), "46701234568"));
    }

    @Test
    void noValueAndNoDefaultIsAnErrorNamingParameterAndRecipient() {
        PlaceholderRenderer.UnmatchedParameterException e = assertThrows(PlaceholderRenderer.UnmatchedParameterException.class,
                () -> PlaceholderRenderer.render("Code ${code}", PARAMETERS, "46701234567"));
        assertEquals("code", e.parameter());
        assertEquals("46701234567", e.recipient());
        assertEquals(List.of("code"), PlaceholderRenderer.missing("${name} ${code}", PARAMETERS, "46701234567"));
    }

    @Test
    void valuesAreLiteralAndPlaceholdersListedOnce() {
        assertEquals("Cost $5 \\o/", PlaceholderRenderer.render("Cost ${p}", Map.of("p", Map.of("default", "$5 \\o/")), "1"));
        assertEquals(List.of("a", "b.c"), PlaceholderRenderer.placeholders("${a} ${b.c} ${a}"));
    }
}
