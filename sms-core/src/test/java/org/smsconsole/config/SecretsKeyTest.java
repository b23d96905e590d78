package org.smsconsole.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where the secrets key comes from: the variable, else an owner-only key file made once and kept. */
class SecretsKeyTest {

    @TempDir
    Path dir;

    private final Map<String, String> settings = new HashMap<>();

    @Test
    void withoutTheVariableAKeyFileIsMadeOwnerOnlyOnceAndReadAfterwards() throws Exception {
        Path data = dir.resolve("data");
        settings.put(SecretsKey.FILE_VARIABLE, data.resolve("secrets.key").toString());
        byte[] first = SecretsKey.load(settings::get);
        Path file = data.resolve("secrets.key");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data)));
        assertArrayEquals(first, Base64.getDecoder().decode(Files.readString(file).strip()));
        assertArrayEquals(first, SecretsKey.load(settings::get), "the same key on the next start");
        try (var left = Files.list(data)) {
            assertEquals(1, left.count(), "no draft files left behind");
        }
    }

    @Test
    void theVariableWinsAndMustBeThirtyTwoBytesOfBase64() {
        byte[] key = new byte[32];
        key[0] = 7;
        settings.put(SecretsKey.VARIABLE, Base64.getEncoder().encodeToString(key));
        settings.put(SecretsKey.FILE_VARIABLE, dir.resolve("never.key").toString());
        assertArrayEquals(key, SecretsKey.load(settings::get));
        assertFalse(Files.exists(dir.resolve("never.key")), "no file when the variable gives the key");
        settings.put(SecretsKey.VARIABLE, Base64.getEncoder().encodeToString(new byte[16]));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> SecretsKey.load(settings::get));
        assertTrue(e.getMessage().contains("openssl rand -base64 32"), e.getMessage());
        settings.put(SecretsKey.VARIABLE, "not base64 at all!");
        assertThrows(IllegalStateException.class, () -> SecretsKey.load(settings::get));
    }

    @Test
    void theSandboxAloneKeepsItsKeyInMemory() {
        settings.put("SMS_SANDBOX_ONLY", "true");
        settings.put(SecretsKey.FILE_VARIABLE, dir.resolve("never.key").toString());
        assertEquals(32, SecretsKey.load(settings::get).length);
        assertFalse(Files.exists(dir.resolve("never.key")));
    }
}
