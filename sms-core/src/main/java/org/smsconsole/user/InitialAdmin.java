package org.smsconsole.user;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.smsconsole.config.DataDirectory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * On the first start, with no staff at all, creates {@code admin}: with {@code SMS_ADMIN_PASSWORD}
 * if set, otherwise with a generated password written to {@code data/initial-admin-password}
 * (owner-only) that must be changed at first login. The password itself is never logged.
 */
@ApplicationScoped
public class InitialAdmin {

    private static final Logger LOG = Logger.getLogger(InitialAdmin.class.getName());
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    public static final String FILE_NAME = "initial-admin-password";

    @Inject
    StaffUsers staffUsers;

    @Inject
    @ConfigProperty(name = "SMS_ADMIN_PASSWORD")
    Optional<String> adminPassword;

    @Transactional
    public void ensure() {
        if (staffUsers.count() > 0) {
            return;
        }
        if (adminPassword.isPresent() && !adminPassword.get().isBlank()) {
            staffUsers.create("admin", "Administrator", adminPassword.get().toCharArray(), Role.ADMIN, false);
            LOG.info("Created user 'admin' with the password from SMS_ADMIN_PASSWORD");
            return;
        }
        char[] generated = generate();
        staffUsers.create("admin", "Administrator", generated, Role.ADMIN, true);
        Path file = write(generated);
        LOG.warning(() -> "Created user 'admin'; its one-time password is in " + file.toAbsolutePath()
                + " and must be changed at first login");
    }

    private static char[] generate() {
        SecureRandom random = new SecureRandom();
        char[] password = new char[20];
        for (int i = 0; i < password.length; i++) {
            password[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        }
        return password;
    }

    private static Path write(char[] password) {
        Path dir = DataDirectory.path();
        Path file = dir.resolve(FILE_NAME);
        try {
            DataDirectory.ensurePrivate(dir);
            Files.deleteIfExists(file);
            DataDirectory.createPrivateFile(file);
            Files.writeString(file, new String(password) + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.TRUNCATE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the initial admin password to " + file, e);
        }
    }
}
