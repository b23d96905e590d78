package org.smsconsole.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.smsconsole.config.Setting;
import org.smsconsole.config.StoredSettings;
import org.smsconsole.validation.InvalidInputException;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where an outgoing webhook may go: out, never in. A subscription's host is resolved and every address it
 * resolves to must be public ({@link AddressPolicy}) and not the console's own database server; otherwise the
 * console would be a way into its own network (a cloud metadata service, an admin port, the database). An admin
 * names hosts that may be reached anyway in {@code SMS_WEBHOOK_ALLOWED_HOSTS} (or on Admin › Settings), e.g. a
 * receiver on the same private network.
 *
 * <p>Checked when a subscription is saved and again before every request (DNS answers change); the dispatcher
 * then connects to exactly the addresses checked here, never resolving the name a second time.
 */
@ApplicationScoped
public class WebhookAddresses {

    private static final Pattern JDBC_HOSTS = Pattern.compile("^jdbc:[a-z0-9]+://([^/?;]+)", Pattern.CASE_INSENSITIVE);

    @Inject
    StoredSettings settings;

    /** DNS, or a stand-in in unit tests. */
    Resolver resolver = InetAddress::getAllByName;

    @FunctionalInterface
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** An address a webhook may not be sent to; the message says why, without naming what it resolved to. */
    public static final class RefusedAddress extends Exception {
        RefusedAddress(String message) {
            super(message);
        }
    }

    /** Refuses a subscription's address with a 400 naming {@code url}; call once the other fields are fine. */
    public void checkForSubscription(String url) {
        try {
            resolve(URI.create(url));
        } catch (RefusedAddress e) {
            throw new InvalidInputException("url", e.getMessage());
        }
    }

    /**
     * The addresses {@code uri}'s host resolves to, each checked: what the request must connect to.
     *
     * @throws RefusedAddress when the host is unknown or any of its addresses is inside (and the host is not allowed)
     */
    public List<InetAddress> resolve(URI uri) throws RefusedAddress {
        String host = host(uri);
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw new RefusedAddress("The host " + host + " cannot be found");
        }
        if (addresses.length == 0) {
            throw new RefusedAddress("The host " + host + " cannot be found");
        }
        if (allowedHosts().contains(host.toLowerCase(Locale.ROOT))) {
            return List.of(addresses);
        }
        List<InetAddress> database = databaseAddresses();
        for (InetAddress a : addresses) {
            Optional<String> inside = AddressPolicy.inside(a);
            if (inside.isEmpty() && database.contains(a)) {
                inside = Optional.of("the console's own database server");
            }
            if (inside.isPresent()) {
                throw new RefusedAddress("The host " + host + " is " + inside.get() + ": webhooks may not reach inside the"
                        + " console's network. An admin can allow this host in " + Setting.WEBHOOK_ALLOWED_HOSTS.variable()
                        + " (Admin › Settings)");
            }
        }
        return List.of(addresses);
    }

    /** The URL's host as written, without the brackets of an IPv6 literal. */
    static String host(URI uri) {
        String host = uri.getHost();
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    List<String> allowedHosts() {
        return settings.value(Setting.WEBHOOK_ALLOWED_HOSTS).map(WebhookAddresses::hostList).orElse(List.of());
    }

    /** Names and literals, comma- or line-separated, lower case, brackets of IPv6 literals dropped. */
    public static List<String> hostList(String text) {
        return Arrays.stream(text.split("[,\\s]+")).map(String::strip).filter(s -> !s.isEmpty())
                .map(s -> s.startsWith("[") && s.endsWith("]") ? s.substring(1, s.length() - 1) : s)
                .map(s -> s.toLowerCase(Locale.ROOT)).distinct().toList();
    }

    /** The addresses of the database server(s) named in {@code SMS_DB_URL}; none for the embedded database. */
    List<InetAddress> databaseAddresses() {
        String url = org.eclipse.microprofile.config.ConfigProvider.getConfig().getOptionalValue("SMS_DB_URL", String.class).orElse("");
        List<InetAddress> out = new ArrayList<>();
        for (String host : databaseHosts(url)) {
            try {
                out.addAll(List.of(resolver.resolve(host)));
            } catch (UnknownHostException e) {
                // the database is reached through a name this machine cannot resolve now: nothing to compare with
            }
        }
        return out;
    }

    /** {@code jdbc:postgresql://db1:5432,db2/sms} names db1 and db2. */
    static List<String> databaseHosts(String jdbcUrl) {
        Matcher m = JDBC_HOSTS.matcher(jdbcUrl);
        if (!m.find()) {
            return List.of();
        }
        List<String> hosts = new ArrayList<>();
        for (String part : m.group(1).split(",")) {
            String hostPort = part.contains("@") ? part.substring(part.lastIndexOf('@') + 1) : part;
            String host = hostPort.startsWith("[") ? hostPort.substring(1, Math.max(1, hostPort.indexOf(']')))
                    : hostPort.contains(":") ? hostPort.substring(0, hostPort.indexOf(':')) : hostPort;
            if (!host.isBlank()) {
                hosts.add(host);
            }
        }
        return hosts;
    }
}
