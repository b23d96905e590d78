package org.smsconsole.user;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.smsconsole.config.DataDirectory;
import org.smsconsole.contact.DatabaseKind;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * On the first start, with no staff at all, creates {@code admin}: with {@code SMS_ADMIN_PASSWORD}
 * if set, otherwise with a generated password written to {@code data/initial-admin-password}
 * (owner-only) that must be changed at first login. The password itself is never logged.
 *
 * <p>Instances of a cluster start at the same moment on an empty database: on PostgreSQL the check and the
 * creation run under a transaction-scoped advisory lock, so the second instance waits, then sees the first's
 * administrator and creates none (before, its insert hit the unique user name and its application failed to
 * deploy). An H2 file belongs to one process, which calls this once.
 */
@ApplicationScoped
public class InitialAdmin {

    private static final Logger LOG = Logger.getLogger(InitialAdmin.class.getName());
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    public static final String FILE_NAME = "initial-admin-password";
    public static final String USERNAME = "admin";
    private static final long LOCK = 0x534d53_61646dL; // "SMS" "adm": serialises the first start of several instances

    @PersistenceContext(unitName = "sms")
    EntityManager em;

    @Inject
    StaffUsers staffUsers;

    @Inject
    @ConfigProperty(name = "SMS_ADMIN_PASSWORD")
    Optional<String> adminPassword;

    @Transactional
    public void ensure() {
        if (DatabaseKind.isPostgres(em)) {
            em.createNativeQuery("select 1 from (select pg_advisory_xact_lock(" + LOCK + ")) locked").getSingleResult();
        }
        if (staffUsers.count() > 0) {
            return;
        }
        if (adminPassword.isPresent() && !adminPassword.get().isBlank()) {
            staffUsers.create(USERNAME, "Administrator", adminPassword.get().toCharArray(), Role.ADMIN, false);
            LOG.info("Created user 'admin' with the password from SMS_ADMIN_PASSWORD");
            return;
        }
        char[] generated = generate();
        staffUsers.create(USERNAME, "Administrator", generated, Role.ADMIN, true);
        Path file = write(generated);
        LOG.warning(() -> "Created user 'admin'; its one-time password is in " + file.toAbsolutePath()
                + " and must be changed at first login");
    }

    /**
     * Where the generated password waits, while the administrator has not yet replaced it (the login page says so,
     * for whoever installed the console); empty once it was changed or when none was generated.
     */
    @Transactional
    public Optional<Path> pendingPasswordFile() {
        Path file = DataDirectory.path().resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        boolean unchanged = staffUsers.find(USERNAME).map(StaffUser::isMustChangePassword).orElse(false);
        return unchanged ? Optional.of(file.toAbsolutePath()) : Optional.empty();
    }

    /** The generated password no longer works once the administrator has chosen one: its file goes. */
    static void forgetGeneratedPassword() {
        try {
            Files.deleteIfExists(DataDirectory.path().resolve(FILE_NAME));
        } catch (IOException e) {
            LOG.warning(() -> "Could not delete the spent initial admin password file: " + e.getMessage());
        }
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
            Files.createDirectories(dir);
            Files.deleteIfExists(file);
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
            Files.writeString(file, new String(password) + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.TRUNCATE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the initial admin password to " + file, e);
        }
    }
}
