package org.smsconsole.contact.imports;

/**
 * The line where each number was first seen in a file, to report duplicates. Open addressing on
 * primitive arrays: E.164 digits fit a long, so a million numbers take about 24 MB, not 100+.
 */
final class PhoneLines {

    private long[] keys = new long[1 << 16];
    private long[] lines = new long[1 << 16];
    private int size;

    /** Records {@code line} for {@code e164} and returns 0, or returns the earlier line if it was seen. */
    long putIfAbsent(String e164, long line) {
        long key = Long.parseLong(e164.substring(1));
        if (size * 2 >= keys.length) {
            grow();
        }
        int i = slot(keys, key);
        if (keys[i] == key) {
            return lines[i];
        }
        keys[i] = key;
        lines[i] = line;
        size++;
        return 0;
    }

    private static int slot(long[] keys, long key) {
        int mask = keys.length - 1;
        int i = (int) (Long.hashCode(key * 0x9E3779B97F4A7C15L)) & mask;
        while (keys[i] != 0 && keys[i] != key) {
            i = (i + 1) & mask;
        }
        return i;
    }

    private void grow() {
        long[] oldKeys = keys;
        long[] oldLines = lines;
        keys = new long[oldKeys.length * 2];
        lines = new long[oldKeys.length * 2];
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldKeys[j] != 0) {
                int i = slot(keys, oldKeys[j]);
                keys[i] = oldKeys[j];
                lines[i] = oldLines[j];
            }
        }
    }
}
