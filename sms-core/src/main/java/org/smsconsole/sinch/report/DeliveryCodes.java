package org.smsconsole.sinch.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * What a delivery report's {@code code} means: the REST API's own codes (400-418) and the SMPP
 * status report errors (0-399) Sinch passes on. Codes Sinch adds later are simply unknown.
 */
public final class DeliveryCodes {
    private static final Map<Integer, String> MEANINGS = load();

    private DeliveryCodes() {
    }

    /** E.g. 402: "Message unroutable". */
    public static Optional<String> meaning(Integer code) {
        return code == null ? Optional.empty() : Optional.ofNullable(MEANINGS.get(code));
    }

    private static Map<Integer, String> load() {
        Properties properties = new Properties();
        try (InputStream in = DeliveryCodes.class.getResourceAsStream("delivery-codes.properties")) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<Integer, String> meanings = new HashMap<>();
        properties.forEach((code, meaning) -> meanings.put(Integer.valueOf((String) code), (String) meaning));
        return Map.copyOf(meanings);
    }
}
