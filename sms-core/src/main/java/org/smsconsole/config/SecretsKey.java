package org.smsconsole.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.function.UnaryOperator;
import java.util.logging.Logger;

/**
 * The key that seals stored secrets ({@link SecretBox}), kept outside the database: {@code SMS_SECRETS_KEY}
 * (32 random bytes in Base64, e.g. {@code openssl rand -base64 32}) when set, else the key file
 * {@code SMS_SECRETS_KEY_FILE} (default {@code secrets.key} in the data directory), generated on the first
 * start, readable by its owner only. Back it up apart from the database: without it the stored secrets
 * cannot be read and must be typed again. Several instances on one database need the same key.
 *
 * <p>The sandbox alone ({@code SMS_SANDBOX_ONLY}) keeps nothing and writes no file: its key lives in memory.
 */
public final class SecretsKey {

    public static final String VARIABLE = "SMS_SECRETS_KEY";
    public static final String FILE_VARIABLE = "SMS_SECRETS_KEY_FILE";
    public static final String FILE_NAME = "secrets.key";
    private static final Logger LOG = Logger.getLogger(SecretsKey.class.getName());
    private static volatile SecretBox installation;

    private SecretsKey() {
    }

    static SecretBox installationBox() {
        SecretBox box = installation;
        if (box == null) {
            synchronized (SecretsKey.class) {
                box = installation;
                if (box == null) {
                    box = new SecretBox(load(name -> DatabaseSettings.setting(name, null)));
                    installation = box;
                }
            }
        }
        return box;
    }

    /** The key from the variable, else the file (made when missing); {@code settings} answers null for unset names. */
    static byte[] load(UnaryOperator<String> settings) {
        String given = settings.apply(VARIABLE);
        if (given != null && !given.isBlank()) {
            return parse(VARIABLE, given);
        }
        if (Boolean.parseBoolean(settings.apply("SMS_SANDBOX_ONLY"))) {
            return random();
        }
        String file = settings.apply(FILE_VARIABLE);
        return fromFile(file == null || file.isBlank() ? DataDirectory.path().resolve(FILE_NAME) : Path.of(file));
    }

    static byte[] parse(String source, String text) {
        String t = text.strip();
        byte[] key;
        try {
            key = t.contains("-") || t.contains("_") ? Base64.getUrlDecoder().decode(t) : Base64.getDecoder().decode(t);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(source + " is not Base64: use 32 random bytes, e.g. `openssl rand -base64 32`");
        }
        if (key.length != 32) {
            throw new IllegalStateException(source + " holds " + key.length + " bytes; a secrets key is 32 random bytes in Base64"
                    + " (`openssl rand -base64 32`)");
        }
        return key;
    }

    /** Reads the key file, or writes a new one (owner-only) when there is none; a file another instance wrote first wins. */
    static byte[] fromFile(Path file) {
        try {
            if (Files.exists(file)) {
                return parse(file.toString(), Files.readString(file, StandardCharsets.US_ASCII));
            }
            Path dir = file.toAbsolutePath().getParent();
            DataDirectory.ensurePrivate(dir);
            byte[] key = random();
            Path draft = DataDirectory.createPrivateFile(dir.resolve(file.getFileName() + ".new-" + Long.toHexString(System.nanoTime())));
            Files.writeString(draft, Base64.getEncoder().encodeToString(key) + System.lineSeparator(), StandardCharsets.US_ASCII);
            try {
                publish(draft, file);
            } catch (FileAlreadyExistsException e) {
                return parse(file.toString(), Files.readString(file, StandardCharsets.US_ASCII));
            } finally {
                Files.deleteIfExists(draft);
            }
            LOG.warning(() -> "Generated the secrets key " + file.toAbsolutePath() + " (owner-only). It seals the stored Sinch"
                    + " and webhook secrets: back it up apart from the database; without it they must be typed again.");
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("The secrets key file " + file + " cannot be read or written", e);
        }
    }

    /** Puts the complete file in place unless one is there already (a rename would replace it). */
    private static void publish(Path draft, Path file) throws IOException {
        try {
            Files.createLink(file, draft);
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (UnsupportedOperationException | java.nio.file.FileSystemException e) {
            Files.move(draft, file); // no hard links here: fails, without replacing, when the file exists
        }
    }

    private static byte[] random() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
