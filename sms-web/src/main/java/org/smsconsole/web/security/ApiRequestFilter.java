package org.smsconsole.web.security;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.smsconsole.web.api.problem.ProblemResponses;

import java.io.IOException;
import java.util.Locale;
import java.util.Set;

/**
 * Keeps the REST API out of reach of other sites' pages. Credentials a browser holds for the console (Basic
 * credentials it cached, one day, for any reason) would ride along with a request that another site's page makes,
 * so a state-changing request is refused
 * <ul>
 *   <li>with 403 when its {@code Origin} names another site ({@link OwnOrigin}): browsers send Origin with every
 *   POST, PUT, PATCH and DELETE, machines send none;</li>
 *   <li>with 415 when it has a body that is not {@code application/json}: an HTML form can only send
 *   {@code text/plain}, {@code multipart/form-data} and {@code application/x-www-form-urlencoded}, and a script of
 *   another site can send anything else only after a CORS preflight, which the console never answers. The contact
 *   import's {@code text/csv} is not one of those three either.</li>
 * </ul>
 * Sinch's callbacks ({@code /api/webhooks/sinch}) carry no credentials and check their own signature, so they are left
 * alone. Every API answer is {@code no-store} (it holds personal data) and gets a CSP that lets it run nothing.
 */
@WebFilter(urlPatterns = "/api/*", asyncSupported = true)
public class ApiRequestFilter extends HttpFilter {

    private static final Set<String> CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final Set<String> BODY_TYPES = Set.of("application/json", "text/csv");

    @Inject
    OwnOrigin ownOrigin;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        SecurityHeaders.apply(response);
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (CHANGING.contains(request.getMethod()) && !path.startsWith("/api/webhooks/sinch")) {
            if (!ownOrigin.allows(request)) {
                ProblemResponses.write(response, HttpServletResponse.SC_FORBIDDEN,
                        "Cross-site request refused: Origin " + request.getHeader("Origin") + " is not this console");
                return;
            }
            if (hasBody(request) && !BODY_TYPES.contains(mediaType(request.getContentType()))) {
                ProblemResponses.write(response, HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE,
                        "The request body must be application/json (text/csv for a contact import)");
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private static boolean hasBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null
                || request.getContentType() != null;
    }

    /** {@code application/json; charset=UTF-8} -> {@code application/json}. */
    static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }
}
