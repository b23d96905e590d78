package org.smsconsole.web.security;

import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.annotation.WebListener;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/**
 * The session cookie is {@code HttpOnly}, and {@code Secure} when the console's public address ({@code SMS_PUBLIC_URL})
 * is https, even behind a proxy that ends TLS (the request itself then looks like plain http). {@code SameSite=Strict}
 * comes from glassfish-web.xml's {@code cookieSameSite}: Payara ignores it both in web.xml's cookie-config
 * ("Unsupported deployment descriptors element") and in {@link SessionCookieConfig#setAttribute}. The system tests
 * read the Set-Cookie header.
 */
@WebListener
public class SessionCookieSettings implements ServletContextListener {

    @Inject
    @ConfigProperty(name = "SMS_PUBLIC_URL")
    Optional<String> publicUrl;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        SessionCookieConfig cookie = event.getServletContext().getSessionCookieConfig();
        cookie.setHttpOnly(true);
        if (publicUrl.map(u -> u.strip().regionMatches(true, 0, "https://", 0, 8)).orElse(false)) {
            cookie.setSecure(true);
        }
    }
}
