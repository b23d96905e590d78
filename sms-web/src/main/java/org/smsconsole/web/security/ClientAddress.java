package org.smsconsole.web.security;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where a request comes from, for counting failed sign-ins per source: the connection's address, or, when that is a
 * reverse proxy named in {@code SMS_TRUSTED_PROXIES}, the last address that proxy put in {@code X-Forwarded-For}
 * (the one it saw; entries before it are whatever the client claimed). Behind a proxy that is not named, every
 * request seems to come from the proxy, and one attacker's failures would slow everyone down.
 */
@ApplicationScoped
public class ClientAddress {

    @Inject
    @ConfigProperty(name = "SMS_TRUSTED_PROXIES")
    Optional<String> trustedProxies;

    private Set<String> proxies = Set.of();

    @PostConstruct
    void init() {
        proxies = trustedProxies.map(list -> Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet())).orElse(Set.of());
    }

    public String of(HttpServletRequest request) {
        String peer = request.getRemoteAddr();
        if (!proxies.contains(peer)) {
            return peer;
        }
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded == null || forwarded.isBlank()) {
            return peer;
        }
        String[] hops = forwarded.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].strip();
            if (!hop.isEmpty() && !proxies.contains(hop)) {
                return hop.length() > 64 ? hop.substring(0, 64) : hop;
            }
        }
        return peer;
    }
}
