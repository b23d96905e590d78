package org.smsconsole.web.security;

import jakarta.servlet.http.HttpServletResponse;

/** The headers every answer carries, pages, API and error pages alike. */
public final class SecurityHeaders {

    private SecurityHeaders() {
    }

    public static void apply(HttpServletResponse response) {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "same-origin");
    }
}
