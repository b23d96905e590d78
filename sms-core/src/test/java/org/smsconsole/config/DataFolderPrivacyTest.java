package org.smsconsole.config;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The data folder is its owner's alone, and the embedded database has a real password: generated for a new
 * database, and given to one made while the password was the unresolved {@code ${MPCONFIG=sms.db.password}} text.
 */
class DataFolderPrivacyTest {

    @TempDir
    Path dir;

    @AfterEach
    void clear() {
        System.clearProperty("SMS_DATA_DIR");
        System.clearProperty("SMS_DB_URL");
        System.clearProperty("SMS_DB_PASSWORD");
        System.clearProperty("SMS_SANDBOX_ONLY");
    }

    private static String permissions(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void theDataFolderAndItsFilesAreNarrowedToTheirOwner() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path db = Files.writeString(data.resolve("sms.mv.db"), "data");
        Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rw-r--r--"));
        DataDirectory.tighten(data);
        assertEquals("rwx------", permissions(data));
        assertEquals("rw-------", permissions(db));
    }

    @Test
    void aNewEmbeddedDatabaseGetsAGeneratedPasswordKeptOwnerOnly() throws Exception {
        Path data = dir.resolve("fresh");
        System.setProperty("SMS_DATA_DIR", data.toString());
        String password = DatabaseSettings.password();
        assertEquals(32, password.length());
        assertNotEquals(H2Password.UNRESOLVED_REFERENCE, password);
        assertEquals("rwx------", permissions(data), "made private before H2 creates its file");
        Path file = data.resolve(H2Password.FILE_NAME);
        assertEquals("rw-------", permissions(file));
        assertEquals(password, Files.readString(file).strip());
        assertEquals(password, DatabaseSettings.password(), "the same on every read");
        try (Connection c = DriverManager.getConnection(DatabaseSettings.current().url(), "sa", password)) {
            assertTrue(c.isValid(1));
        }
    }

    @Test
    void aDatabaseMadeWithTheUnresolvedReferenceAsPasswordIsReKeyedOnItsFirstStart() throws Exception {
        Path data = Files.createDirectories(dir.resolve("old"));
        System.setProperty("SMS_DATA_DIR", data.toString());
        String url = DatabaseSettings.current().url();
        try (Connection c = DriverManager.getConnection(url, "sa", "${MPCONFIG=sms.db.password}")) {
            c.createStatement().execute("create table kept (x int)");
            c.createStatement().execute("insert into kept values (42)");
        }

        String password = DatabaseSettings.password();

        assertThrows(SQLException.class, () -> DriverManager.getConnection(url, "sa", "${MPCONFIG=sms.db.password}").close(),
                "the text every installation shared opens it no more");
        try (Connection c = DriverManager.getConnection(url, "sa", password); var rs = c.createStatement().executeQuery("select x from kept")) {
            assertTrue(rs.next());
            assertEquals(42, rs.getInt(1), "nothing lost");
        }
        assertFalse(Files.exists(data.resolve(H2Password.FILE_NAME + ".pending")));
    }

    @Test
    void anExplicitPasswordOrAnotherDatabaseIsLeftAsConfigured() {
        System.setProperty("SMS_DATA_DIR", dir.resolve("x").toString());
        System.setProperty("SMS_DB_PASSWORD", "given");
        assertEquals("given", DatabaseSettings.password());
        System.clearProperty("SMS_DB_PASSWORD");
        System.setProperty("SMS_DB_URL", "jdbc:postgresql://127.0.0.1:5432/sms");
        assertEquals("", DatabaseSettings.password(), "PostgreSQL without a password: nothing is made up");
        assertFalse(Files.exists(dir.resolve("x").resolve(H2Password.FILE_NAME)));
    }
}
