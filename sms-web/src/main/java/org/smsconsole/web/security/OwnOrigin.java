package org.smsconsole.web.security;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether a request's {@code Origin} header is the console's own: the origin of {@code SMS_PUBLIC_URL}, or that of the
 * address the request was sent to (its scheme and {@code Host}). A page of another site cannot choose the Host its
 * request goes to, so a forged request always names a foreign origin. No header at all is a client that is not a
 * browser (browsers send Origin with every POST, PUT, PATCH and DELETE); {@code null} is a sandboxed or privacy-
 * stripped origin and is refused.
 */
@ApplicationScoped
public class OwnOrigin {

    @Inject
    @ConfigProperty(name = "SMS_PUBLIC_URL")
    Optional<String> publicUrl;

    private String published;

    @PostConstruct
    void init() {
        published = publicUrl.filter(u -> !u.isBlank()).map(OwnOrigin::originOf).orElse(null);
    }

    /** True when the request names no origin or the console's own. */
    public boolean allows(HttpServletRequest request) {
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return true;
        }
        String normal = originOf(origin);
        if (normal == null) {
            return false;
        }
        if (normal.equals(published)) {
            return true;
        }
        String host = request.getHeader("Host");
        return host != null && normal.equals(originOf(request.getScheme() + "://" + host));
    }

    /** {@code scheme://host[:port]}, lower case, default ports left out; null for anything else (including "null"). */
    static String originOf(String url) {
        try {
            URI uri = URI.create(url.strip());
            if (uri.getScheme() == null || uri.getHost() == null) {
                return null;
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            int port = uri.getPort();
            boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
