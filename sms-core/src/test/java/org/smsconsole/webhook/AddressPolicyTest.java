package org.smsconsole.webhook;

import org.junit.jupiter.api.Test;
import org.smsconsole.config.Setting;
import org.smsconsole.config.StoredSettings;
import org.smsconsole.validation.InvalidInputException;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which addresses a webhook may reach: public ones, named hosts an admin allows, never the console's own database. */
class AddressPolicyTest {

    private static InetAddress ip(String literal) throws UnknownHostException {
        return InetAddress.getByName(literal); // a literal: no DNS
    }

    @Test
    void everyInsideRangeIsRecognisedIncludingIpv4HiddenInIpv6() throws Exception {
        for (String inside : List.of("127.0.0.1", "127.8.9.10", "::1", "10.0.0.1", "10.255.255.255", "172.16.0.1", "172.31.255.254",
                "192.168.1.1", "169.254.169.254", "fe80::1", "fd00::1", "fc00::1", "fec0::1", "0.0.0.0", "0.1.2.3", "::",
                "100.64.0.1", "100.127.255.254", "224.0.0.1", "ff02::1", "255.255.255.255",
                "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::ffff:169.254.169.254", "::10.0.0.1", "64:ff9b::a9fe:a9fe", "2002:c0a8:0101::1")) {
            assertTrue(AddressPolicy.inside(ip(inside)).isPresent(), inside + " is inside");
        }
    }

    @Test
    void publicAddressesAreNot() throws Exception {
        for (String outside : List.of("93.184.216.34", "8.8.8.8", "172.32.0.1", "172.15.255.255", "100.128.0.1", "192.169.0.1",
                "2606:4700:4700::1111", "::ffff:8.8.8.8", "64:ff9b::808:808")) {
            assertEquals(Optional.empty(), AddressPolicy.inside(ip(outside)), outside + " is public");
        }
    }

    /** Addresses a stand-in resolver gives: host names here never reach DNS. */
    private final Map<String, InetAddress[]> dns = new HashMap<>();
    private final Map<Setting, String> configured = new HashMap<>();

    private WebhookAddresses addresses(String databaseUrl) {
        WebhookAddresses a = new WebhookAddresses() {
            @Override
            List<InetAddress> databaseAddresses() {
                List<InetAddress> out = new java.util.ArrayList<>();
                for (String host : databaseHosts(databaseUrl)) {
                    try {
                        out.addAll(List.of(resolver.resolve(host)));
                    } catch (UnknownHostException e) {
                        // none
                    }
                }
                return out;
            }
        };
        a.settings = new StoredSettings() {
            @Override
            public Optional<String> value(Setting setting) {
                return Optional.ofNullable(configured.get(setting));
            }
        };
        a.resolver = host -> {
            InetAddress[] answer = dns.get(host);
            if (answer == null) {
                if (host.matches("[0-9.]+|.*:.*")) {
                    return new InetAddress[]{InetAddress.getByName(host)};
                }
                throw new UnknownHostException(host);
            }
            return answer;
        };
        return a;
    }

    @Test
    void aNameIsJudgedByEveryAddressItResolvesToAndTheAddressesAreWhatTheRequestUses() throws Exception {
        dns.put("hooks.example.com", new InetAddress[]{ip("93.184.216.34")});
        dns.put("rebind.example.com", new InetAddress[]{ip("93.184.216.34"), ip("169.254.169.254")});
        WebhookAddresses a = addresses("");
        assertEquals(List.of(ip("93.184.216.34")), a.resolve(URI.create("https://hooks.example.com/x")));
        WebhookAddresses.RefusedAddress refused = assertThrows(WebhookAddresses.RefusedAddress.class,
                () -> a.resolve(URI.create("https://rebind.example.com/x")));
        assertTrue(refused.getMessage().contains("link-local") && refused.getMessage().contains("SMS_WEBHOOK_ALLOWED_HOSTS"), refused.getMessage());
        assertThrows(WebhookAddresses.RefusedAddress.class, () -> a.resolve(URI.create("https://nowhere.example.com/x")), "unknown host");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> a.checkForSubscription("http://[::1]:8080/"));
        assertEquals("url", e.field());
    }

    @Test
    void anAdminMayAllowNamedHostsOnly() throws Exception {
        dns.put("crm.internal", new InetAddress[]{ip("10.0.0.5")});
        dns.put("other.internal", new InetAddress[]{ip("10.0.0.6")});
        configured.put(Setting.WEBHOOK_ALLOWED_HOSTS, "CRM.internal, [::1]");
        WebhookAddresses a = addresses("");
        assertEquals(List.of(ip("10.0.0.5")), a.resolve(URI.create("https://crm.internal/hooks")));
        assertEquals(List.of(ip("::1")), a.resolve(URI.create("http://[::1]:9000/hooks")));
        assertThrows(WebhookAddresses.RefusedAddress.class, () -> a.resolve(URI.create("https://other.internal/hooks")));
        assertThrows(WebhookAddresses.RefusedAddress.class, () -> a.resolve(URI.create("http://10.0.0.5/hooks")),
                "allowing a name does not allow its address typed as such");
    }

    @Test
    void theConsolesOwnDatabaseServerIsRefusedEvenOnAPublicAddress() throws Exception {
        dns.put("db.example.com", new InetAddress[]{ip("203.0.113.7")});
        dns.put("alias.example.com", new InetAddress[]{ip("203.0.113.7")});
        WebhookAddresses a = addresses("jdbc:postgresql://db.example.com:5432,replica.example.com/sms?currentSchema=x");
        WebhookAddresses.RefusedAddress refused = assertThrows(WebhookAddresses.RefusedAddress.class,
                () -> a.resolve(URI.create("http://alias.example.com:5432/")));
        assertTrue(refused.getMessage().contains("database"), refused.getMessage());
        assertEquals(List.of("db.example.com", "replica.example.com"),
                WebhookAddresses.databaseHosts("jdbc:postgresql://db.example.com:5432,replica.example.com/sms?currentSchema=x"));
        assertEquals(List.of("::1"), WebhookAddresses.databaseHosts("jdbc:postgresql://[::1]:5432/sms"));
        assertEquals(List.of(), WebhookAddresses.databaseHosts("jdbc:h2:file:/data/sms;MODE=PostgreSQL"));
    }
}
