package org.smsconsole.web.sandbox;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * With {@code SMS_SANDBOX_ONLY=true} this WAR is a stand-in for Sinch and nothing else: only
 * {@code /sandbox/...} and the health check answer; the console's pages and API are 404.
 */
// asyncSupported: the sandbox answers POST /batches asynchronously when a send_answer_delay is set.
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class SandboxOnlyFilter extends HttpFilter {

    @Inject
    SandboxConfig config;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (config.sandboxOnly()) {
            String path = request.getRequestURI().substring(request.getContextPath().length());
            if (!path.startsWith("/sandbox/") && !path.equals("/api/health")) {
                response.sendError(HttpServletResponse.SC_NOT_FOUND);
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
