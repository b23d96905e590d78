package org.smsconsole.web.sandbox.engine;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.Locale;

/**
 * The allow-list for callbacks: loopback always, other hosts only when configured, so that the
 * sandbox cannot be used to make the server call arbitrary addresses.
 */
public final class CallbackHosts {
    private CallbackHosts() {
    }

    /** Checked when a batch is accepted: by name, without asking DNS. */
    public static boolean allowed(String url, Collection<String> extraHosts) {
        String host = host(url);
        if (host == null) {
            return false;
        }
        return isLoopbackName(host) || extraHosts.stream().anyMatch(h -> h.equalsIgnoreCase(host));
    }

    /** Checked again just before posting, on the resolved address, so a name cannot be pointed elsewhere later. */
    public static boolean allowedResolved(String url, Collection<String> extraHosts) {
        String host = host(url);
        if (host == null) {
            return false;
        }
        if (extraHosts.stream().anyMatch(h -> h.equalsIgnoreCase(host))) {
            return true;
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    static String host(String url) {
        try {
            URI uri = URI.create(url);
            String host = uri.getHost();
            if (host == null || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
                return null;
            }
            return host.startsWith("[") ? host.substring(1, host.length() - 1) : host.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean isLoopbackName(String host) {
        return host.equals("localhost") || host.equals("::1") || host.equals("0:0:0:0:0:0:0:1")
                || host.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }
}
