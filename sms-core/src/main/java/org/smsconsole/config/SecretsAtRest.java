package org.smsconsole.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.smsconsole.webhook.SealedWebhookSecret;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Logger;

/**
 * At start-up: seals the secrets that were stored in plain text before secrets were sealed (Sinch token, OAuth
 * key secret, webhook secret, the installation's own secrets, the outgoing webhooks' signing secrets), and says
 * in the log when stored secrets cannot be opened with this installation's key. Each row is changed only while
 * it still holds the plain value, so instances starting together do no harm.
 */
@ApplicationScoped
public class SecretsAtRest {

    private static final Logger LOG = Logger.getLogger(SecretsAtRest.class.getName());

    @PersistenceContext(unitName = "sms")
    EntityManager em;

    /** Rows sealed now, and rows already sealed that this key cannot open. */
    public record Pass(int sealed, int unreadable) {
    }

    @Transactional
    public Pass sealPlaintext() {
        SecretBox box = SecretBox.installation();
        List<String> names = new ArrayList<>(InstallationSecrets.NAMES);
        Arrays.stream(Setting.values()).filter(Setting::secret).map(Setting::variable).forEach(names::add);
        int sealed = 0;
        int unreadable = 0;
        for (Object row : em.createNativeQuery("select name, setting_value from console_setting").getResultList()) {
            Object[] r = (Object[]) row;
            String name = (String) r[0];
            String value = (String) r[1];
            if (!names.contains(name)) {
                continue;
            }
            if (SecretBox.sealed(value)) {
                unreadable += opens(box, name, value) ? 0 : 1;
                continue;
            }
            sealed += em.createNativeQuery("update console_setting set setting_value = ?1 where name = ?2 and setting_value = ?3")
                    .setParameter(1, box.seal(name, value)).setParameter(2, name).setParameter(3, value).executeUpdate();
        }
        for (Object row : em.createNativeQuery("select id, secret from webhook_subscription").getResultList()) {
            Object[] r = (Object[]) row;
            String value = (String) r[1];
            if (SecretBox.sealed(value)) {
                unreadable += SealedWebhookSecret.open(value) == null ? 1 : 0;
                continue;
            }
            sealed += em.createNativeQuery("update webhook_subscription set secret = ?1 where id = ?2 and secret = ?3")
                    .setParameter(1, SealedWebhookSecret.seal(value)).setParameter(2, ((Number) r[0]).longValue())
                    .setParameter(3, value).executeUpdate();
        }
        if (sealed > 0) {
            int n = sealed;
            LOG.info(() -> "Sealed " + n + " stored secret(s) that were kept in plain text (AES-GCM, key outside the database)");
        }
        if (unreadable > 0) {
            int n = unreadable;
            LOG.severe(() -> n + " stored secret(s) cannot be opened with this installation's key (" + SecretsKey.VARIABLE
                    + " or the key file " + SecretsKey.FILE_NAME + " changed, or instances use different keys):"
                    + " restore the key, or type the Sinch secrets again on Admin › Settings and rotate the webhook secrets");
        }
        return new Pass(sealed, unreadable);
    }

    private static boolean opens(SecretBox box, String purpose, String value) {
        try {
            box.open(purpose, value);
            return true;
        } catch (SecretBox.UnreadableSecretException e) {
            return false;
        }
    }
}
