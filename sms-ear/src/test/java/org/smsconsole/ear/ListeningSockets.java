package org.smsconsole.ear;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The sockets a process listens on, read from Linux's {@code /proc} (what {@code ss -ltnup} shows): TCP sockets in
 * state LISTEN and UDP sockets bound but not connected.
 */
final class ListeningSockets {

    record Listener(String protocol, InetAddress address, int port) {

        boolean loopback() {
            return address.isLoopbackAddress();
        }

        @Override
        public String toString() {
            return protocol + " " + address.getHostAddress() + ":" + port;
        }
    }

    private ListeningSockets() {
    }

    static List<Listener> of(long pid) throws IOException {
        Set<String> inodes = socketInodes(pid);
        List<Listener> listeners = new ArrayList<>();
        read("tcp", "0A", false, inodes, listeners);
        read("tcp6", "0A", true, inodes, listeners);
        read("udp", "07", false, inodes, listeners);
        read("udp6", "07", true, inodes, listeners);
        return listeners;
    }

    private static Set<String> socketInodes(long pid) throws IOException {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc", String.valueOf(pid), "fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // a descriptor closed between listing and reading is not a listener
                }
            }
        }
        return inodes;
    }

    private static void read(String table, String state, boolean ipv6, Set<String> inodes, List<Listener> into) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("/proc/net", table));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.trim().split("\\s+");
            // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
            if (f[3].equals(state) && inodes.contains(f[9])) {
                String[] local = f[1].split(":");
                String protocol = table.startsWith("tcp") ? "tcp" : "udp";
                into.add(new Listener(protocol, address(local[0], ipv6), Integer.parseInt(local[1], 16)));
            }
        }
    }

    /** /proc/net writes each 32-bit word of an address in the machine's (little-endian) byte order. */
    private static InetAddress address(String hex, boolean ipv6) throws UnknownHostException {
        byte[] bytes = new byte[ipv6 ? 16 : 4];
        for (int word = 0; word < bytes.length / 4; word++) {
            for (int b = 0; b < 4; b++) {
                int at = word * 8 + (3 - b) * 2;
                bytes[word * 4 + b] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
            }
        }
        return InetAddress.getByAddress(bytes);
    }
}
