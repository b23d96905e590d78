package org.smsconsole.web.security;

import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.annotation.WebListener;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/**
 * The session cookie's attributes, set through the Servlet 6 API while the application starts: {@code SameSite=Strict}
 * (a request started by another site carries no session, so no form can be posted and no page read on someone's
 * behalf), {@code HttpOnly}, and {@code Secure} when the console's public address is https. Payara ignores a
 * {@code SameSite} attribute in web.xml's cookie-config ("Unsupported deployment descriptors element"), but honours
 * {@link SessionCookieConfig#setAttribute}; the system tests read the Set-Cookie header to keep it so.
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
        cookie.setAttribute("SameSite", "Strict");
        if (publicUrl.map(u -> u.strip().regionMatches(true, 0, "https://", 0, 8)).orElse(false)) {
            cookie.setSecure(true);
        }
    }
}
