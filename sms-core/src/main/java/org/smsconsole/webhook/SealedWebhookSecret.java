package org.smsconsole.webhook;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import org.smsconsole.config.SecretBox;

import java.util.logging.Logger;

/**
 * A subscription's signing secret as {@code webhook_subscription.secret} keeps it: sealed with the installation's
 * key ({@link SecretBox}), so a copy of the database cannot forge the console's webhooks. In memory it is the
 * plain secret, which the dispatcher needs to sign.
 */
@Converter
public class SealedWebhookSecret implements AttributeConverter<String, String> {

    static final String PURPOSE = "webhook_subscription.secret";
    private static final Logger LOG = Logger.getLogger(SealedWebhookSecret.class.getName());

    @Override
    public String convertToDatabaseColumn(String secret) {
        return secret == null ? null : SecretBox.installation().seal(PURPOSE, secret);
    }

    @Override
    public String convertToEntityAttribute(String stored) {
        String secret = open(stored);
        return secret == null ? "" : secret; // "" is a secret nobody can sign with; the screen says to rotate it
    }

    /** The plain secret, or null when it cannot be opened with this installation's key (it must be rotated). */
    public static String open(String stored) {
        try {
            return stored == null ? null : SecretBox.installation().open(PURPOSE, stored);
        } catch (SecretBox.UnreadableSecretException e) {
            LOG.warning(e::getMessage);
            return null;
        }
    }

    /** Seals a secret for plain SQL (the start-up pass over rows written before secrets were sealed). */
    public static String seal(String secret) {
        return SecretBox.installation().seal(PURPOSE, secret);
    }
}
