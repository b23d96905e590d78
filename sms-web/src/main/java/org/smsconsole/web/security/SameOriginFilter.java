package org.smsconsole.web.security;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * Second line against cross-site form posts (the first is the SameSite=Strict session cookie): a state-changing page
 * request whose Origin names another site is refused ({@link OwnOrigin}). Also sets the headers that keep the console
 * out of frames and stop content sniffing, keeps pages out of caches ({@code no-store}: they show personal data,
 * and the browser's back button after signing out must not show them again). Static resources stay cacheable.
 * Redirects stay relative (glassfish-web.xml's {@code relativeRedirectAllowed}), never built from the Host header. The Content-Security-Policy of pages comes from
 * PrimeFaces (web.xml, {@code primefaces.CSP}), which knows each page's nonce.
 */
// asyncSupported: the sandbox answers POST /batches asynchronously when a send_answer_delay is set.
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class SameOriginFilter extends HttpFilter {

    @Inject
    OwnOrigin ownOrigin;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        SecurityHeaders.apply(response);
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean machineEndpoint = path.startsWith("/api/") || path.startsWith("/sandbox/");
        if (machineEndpoint) {
            chain.doFilter(request, response);
            return;
        }
        if ("POST".equals(request.getMethod()) && !ownOrigin.allows(request)) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN, "Cross-site request refused");
            return;
        }
        boolean staticResource = path.startsWith("/jakarta.faces.resource/") || path.startsWith("/resources/");
        if (!staticResource) {
            response.setHeader("Cache-Control", "no-store");
        }
        chain.doFilter(request, response);
    }
}
