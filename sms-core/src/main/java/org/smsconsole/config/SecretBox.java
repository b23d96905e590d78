package org.smsconsole.config;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Secrets as the database keeps them: AES-256-GCM with a key that is not in the database
 * ({@link SecretsKey}), so a copy of the database (a dump, a backup, a stolen H2 file) does not give away
 * the Sinch token, the OAuth key secret or the webhook signing secrets.
 *
 * <p>A sealed value is {@code enc1:} and the Base64url of a random 96-bit nonce followed by the ciphertext
 * and its 128-bit tag. Each value is bound to what it is (the {@code purpose}, e.g. the setting's name, as
 * associated data), so a sealed value copied into another row does not open there. A value without the
 * prefix is plaintext written before secrets were sealed; it opens as itself until it is sealed at start-up.
 */
public final class SecretBox {

    public static final String PREFIX = "enc1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    public SecretBox(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("A secrets key is 32 bytes (AES-256), not " + key.length);
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
    }

    /** The box of this installation, with the key from {@code SMS_SECRETS_KEY} or the key file. */
    public static SecretBox installation() {
        return SecretsKey.installationBox();
    }

    public static boolean sealed(String stored) {
        return stored != null && stored.startsWith(PREFIX);
    }

    public String seal(String purpose, String plaintext) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /**
     * The plaintext of a sealed value (a value written before sealing is answered as it is).
     *
     * @throws UnreadableSecretException when it was sealed with another key, for another purpose, or changed
     */
    public String open(String purpose, String stored) {
        if (!sealed(stored)) {
            return stored;
        }
        byte[] in;
        try {
            in = Base64.getUrlDecoder().decode(stored.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new UnreadableSecretException(purpose, "not a sealed value");
        }
        if (in.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new UnreadableSecretException(purpose, "too short");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new UnreadableSecretException(purpose, "sealed with another key (or changed)");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** A stored secret that cannot be opened with this installation's key: it must be typed (or rotated) again. */
    public static final class UnreadableSecretException extends RuntimeException {
        public UnreadableSecretException(String purpose, String why) {
            super("The stored " + purpose + " cannot be read: " + why
                    + ". Was SMS_SECRETS_KEY or the key file changed? Type the secret again (or restore the key).");
        }
    }
}
