package org.smsconsole.config;

import java.nio.file.Path;

/**
 * Where the console keeps its files: the embedded database and the initial admin password.
 * {@code SMS_DATA_DIR}, default {@code ./data} relative to the working directory.
 */
public final class DataDirectory {

    private DataDirectory() {
    }

    public static Path path() {
        return Path.of(DatabaseSettings.setting("SMS_DATA_DIR", "data"));
    }
}
