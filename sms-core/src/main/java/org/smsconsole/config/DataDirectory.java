package org.smsconsole.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Where the console keeps its files: the embedded database, the secrets key, the initial admin password.
 * {@code SMS_DATA_DIR}, default {@code ./data} relative to the working directory.
 *
 * <p>The folder and its files are its owner's alone (700 and 600 where the file system has POSIX
 * permissions): the H2 file holds every contact and message, and the key file opens the stored secrets.
 * The folder is made private before the database creates its file in it, so the database's own files
 * (created with the process's umask) are out of reach even before {@link #tighten} narrows them.
 */
public final class DataDirectory {

    static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");

    private DataDirectory() {
    }

    public static Path path() {
        return Path.of(DatabaseSettings.setting("SMS_DATA_DIR", "data"));
    }

    /** Creates the folder if needed, owner-only (700); an existing folder is narrowed to that. */
    public static Path ensurePrivate(Path dir) {
        try {
            if (!posix()) {
                return Files.createDirectories(dir);
            }
            if (Files.notExists(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_DIRECTORY));
            }
            if (!Files.getPosixFilePermissions(dir).equals(OWNER_DIRECTORY)) {
                Files.setPosixFilePermissions(dir, OWNER_DIRECTORY);
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("The data folder " + dir.toAbsolutePath() + " cannot be created or made private", e);
        }
    }

    /** A new empty file that only its owner may read and write (600). */
    public static Path createPrivateFile(Path file) throws IOException {
        return posix() ? Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_FILE)) : Files.createFile(file);
    }

    /** The data folder 700, every file directly in it 600 (the database's files are created with the umask's 644). */
    public static void tighten(Path dir) {
        if (!posix() || Files.notExists(dir)) {
            return;
        }
        ensurePrivate(dir);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Set<PosixFilePermission> wanted = Files.isDirectory(f) ? OWNER_DIRECTORY : OWNER_FILE;
                if (Files.isSymbolicLink(f)) {
                    continue; // not ours to change
                }
                if (!Files.getPosixFilePermissions(f).equals(wanted)) {
                    Files.setPosixFilePermissions(f, wanted);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The files of " + dir.toAbsolutePath() + " cannot be made private", e);
        }
    }

    static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
