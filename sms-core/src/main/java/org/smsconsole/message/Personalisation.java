package org.smsconsole.message;

import org.smsconsole.text.PlaceholderRenderer;

import java.util.HashMap;
import java.util.Map;

/** Fills a body's {@code ${placeholders}} from one recipient's values; a value the recipient lacks reads as empty. */
public final class Personalisation {

    private Personalisation() {
    }

    public static String render(String body, Map<String, String> values) {
        Map<String, Map<String, String>> parameters = new HashMap<>();
        for (String name : PlaceholderRenderer.placeholders(body)) {
            parameters.put(name, Map.of(PlaceholderRenderer.DEFAULT, values.getOrDefault(name, "")));
        }
        return PlaceholderRenderer.render(body, parameters, "");
    }
}
