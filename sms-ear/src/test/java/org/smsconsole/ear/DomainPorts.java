package org.smsconsole.ear;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Every port a Payara Server domain opens, each chosen free on loopback. {@code --portbase} would put them at
 * fixed offsets from one base, which a busy machine cannot always give; explicit ports can.
 */
record DomainPorts(int admin, int http, int https, int jms, int iiop, int iiopSsl, int iiopMutualAuth, int jmx,
                   int osgiShell, int debugger, int hazelcastDas, int hazelcastStart) {

    static DomainPorts free() throws IOException {
        List<ServerSocket> held = new ArrayList<>();
        try {
            // All held open together, so that no two are the same.
            for (int i = 0; i < 12; i++) {
                held.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
            int[] p = held.stream().mapToInt(ServerSocket::getLocalPort).toArray();
            return new DomainPorts(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9], p[10], p[11]);
        } finally {
            for (ServerSocket socket : held) {
                socket.close();
            }
        }
    }

    Set<Integer> all() {
        return Set.of(admin, http, https, jms, iiop, iiopSsl, iiopMutualAuth, jmx, osgiShell, debugger, hazelcastDas, hazelcastStart);
    }

    /** The {@code create-domain} options that place every listener on these ports. */
    List<String> createDomainOptions() {
        return List.of(
                "--adminport", String.valueOf(admin),
                "--instanceport", String.valueOf(http),
                "--hazelcastdasport", String.valueOf(hazelcastDas),
                "--hazelcaststartport", String.valueOf(hazelcastStart),
                "--hazelcastautoincrement=false",
                "--domainproperties", "http.ssl.port=" + https + ":jms.port=" + jms + ":orb.listener.port=" + iiop
                        + ":orb.ssl.port=" + iiopSsl + ":orb.mutualauth.port=" + iiopMutualAuth + ":domain.jmxPort=" + jmx
                        + ":osgi.shell.telnet.port=" + osgiShell + ":java.debugger.port=" + debugger);
    }
}
