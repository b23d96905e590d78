package org.smsconsole.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * The password of the embedded H2 database when {@code SMS_DB_PASSWORD} is not set: generated on the first
 * start and kept in {@code db-password} in the data folder (owner-only).
 *
 * <p>Why not empty: the datasource reads {@code ${MPCONFIG=sms.db.password}}, and MicroProfile Config treats an
 * empty value as no value, so Payara passed the reference's own text as the password. Databases made that way
 * (every one before this class) are re-keyed on their first start with it: opened with that text and given the
 * generated password. The new password is written beside the database before the database is changed, so a
 * crash in between loses nothing.
 */
final class H2Password {

    static final String FILE_NAME = "db-password";
    /** What Payara used as the password while the configured one was empty: the same text in every installation. */
    /** What earlier versions gave H2 as its password: the datasource definition's unresolved reference. */
    static final String UNRESOLVED_REFERENCE = "${MPCONFIG=sms.db.password}";
    private static final Logger LOG = Logger.getLogger(H2Password.class.getName());
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private H2Password() {
    }

    /**
     * The password of the H2 database {@code databaseFile} (without H2's {@code .mv.db}) at {@code url}, read from the
     * data folder, or generated (and the existing database re-keyed to it).
     */
    static String of(Path dataDir, Path databaseFile, String url, String user) {
        Path file = dataDir.resolve(FILE_NAME);
        Path pending = dataDir.resolve(FILE_NAME + ".pending");
        try {
            if (Files.exists(file)) {
                return read(file);
            }
            DataDirectory.ensurePrivate(dataDir);
            String password;
            if (Files.exists(pending)) {
                password = read(pending); // a start that stopped half-way: the database may have it already
            } else {
                password = generate();
                Files.writeString(DataDirectory.createPrivateFile(pending), password + System.lineSeparator(), StandardCharsets.US_ASCII);
            }
            if (Files.exists(databaseFile.resolveSibling(databaseFile.getFileName() + ".mv.db"))) {
                rekey(url, user, password);
            }
            Files.move(pending, file, StandardCopyOption.ATOMIC_MOVE);
            return password;
        } catch (IOException e) {
            throw new UncheckedIOException("The database password file " + file + " cannot be read or written", e);
        }
    }

    /** Gives the existing database {@code password}, opening it with the reference text (or an empty password). */
    private static void rekey(String url, String user, String password) {
        if (!user.matches("[A-Za-z][A-Za-z0-9_]*")) {
            throw new IllegalStateException("SMS_DB_USER '" + user + "' cannot be re-keyed here: set SMS_DB_PASSWORD instead");
        }
        Driver driver = driver();
        SQLException last = null;
        for (String old : List.of(password, UNRESOLVED_REFERENCE, "")) {
            Properties credentials = new Properties();
            credentials.setProperty("user", user);
            credentials.setProperty("password", old);
            try (Connection c = driver.connect(url, credentials); Statement s = c.createStatement()) {
                if (!old.equals(password)) {
                    s.execute("alter user " + user + " set password '" + password + "'");
                    LOG.info("The embedded database's password was the unresolved text " + (old.isEmpty() ? "(empty)" : UNRESOLVED_REFERENCE)
                            + "; it now has a generated one, kept in the data folder's " + FILE_NAME + " (owner-only)");
                }
                return;
            } catch (SQLException e) {
                last = e; // wrong password (28000): try the next one
            }
        }
        throw new IllegalStateException("The embedded database opens neither with its old password nor with the generated one;"
                + " set SMS_DB_PASSWORD to its password", last);
    }

    private static Driver driver() {
        try {
            return (Driver) Class.forName("org.h2.Driver", true, H2Password.class.getClassLoader()).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("The H2 driver is not on the class path", e);
        }
    }

    private static String read(Path file) throws IOException {
        String password = Files.readString(file, StandardCharsets.US_ASCII).strip();
        if (password.isEmpty()) {
            throw new IllegalStateException(file + " is empty: restore it, or set SMS_DB_PASSWORD to the database's password");
        }
        return password;
    }

    /** Also the per-process password of the in-memory database of the sandbox alone. */
    static String generate() {
        SecureRandom random = new SecureRandom();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 32; i++) {
            out.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return out.toString();
    }
}
