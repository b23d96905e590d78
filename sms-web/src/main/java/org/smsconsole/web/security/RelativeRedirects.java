package org.smsconsole.web.security;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import java.io.IOException;

/**
 * Redirects as the application wrote them: {@code sendRedirect("/dashboard.xhtml")} would otherwise become an
 * absolute URL built from the request's {@code Host} header, which anyone can set (a poisoned cache or a password
 * reset link then points elsewhere). A relative Location is valid HTTP (RFC 9110) and every browser follows it.
 */
public final class RelativeRedirects extends HttpServletResponseWrapper {

    public RelativeRedirects(HttpServletResponse response) {
        super(response);
    }

    @Override
    public void sendRedirect(String location) throws IOException {
        if (location.startsWith("//") || location.contains("://")) {
            super.sendRedirect(location); // already absolute: written by the application, not from Host
            return;
        }
        send((HttpServletResponse) getResponse(), location);
        flushBuffer(); // committed, as after the container's own sendRedirect
    }

    /** A 302 whose Location is exactly {@code location}, for answers made outside the filter chain too. */
    public static void send(HttpServletResponse response, String location) {
        response.resetBuffer();
        response.setStatus(HttpServletResponse.SC_FOUND);
        response.setHeader("Location", location);
    }
}
