package org.smsconsole.web.api.problem;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.smsconsole.web.security.SecurityHeaders;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Every error the container answers itself (web.xml's error pages): the security constraint's 401 and 403, an unknown
 * path, a wrong method, a body over a limit, an uncaught exception. Under {@code /api} the answer is a problem
 * (application/problem+json) like every other API error; elsewhere a plain page that names no server or version.
 * The detail is the container's message only for client errors, which the code that refused wrote itself; a server
 * error says nothing about its cause.
 */
@WebServlet("/error")
public class ErrorPageServlet extends HttpServlet {

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : HttpServletResponse.SC_NOT_FOUND; // /error asked for directly
        String uri = String.valueOf(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI));
        String path = uri.startsWith(request.getContextPath()) ? uri.substring(request.getContextPath().length()) : uri;
        String message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE) instanceof String m && !m.isBlank() ? m : null;
        String detail = status < 500 && message != null && !looksLikeServerText(message) && !message.equals(title(status)) ? message : null;
        SecurityHeaders.apply(response);
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'self'; frame-ancestors 'none'");
        if (path.startsWith("/api/") || path.equals("/api")) {
            ProblemResponses.write(response, status, detail != null ? detail : ProblemResponses.defaultDetail(status));
            return;
        }
        page(response, request.getContextPath(), status, detail);
    }

    private static String title(int status) {
        jakarta.ws.rs.core.Response.Status known = jakarta.ws.rs.core.Response.Status.fromStatusCode(status);
        return known != null ? known.getReasonPhrase() : ProblemResponses.titleOf(status);
    }

    private static void page(HttpServletResponse response, String context, int status, String detail) throws IOException {
        String title = status + " " + title(status);
        String text = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"UTF-8\"><title>" + title + " · SMS Console</title>"
                + "<link rel=\"stylesheet\" href=\"" + context + "/resources/css/console.css\"></head><body class=\"console\"><main class=\"console-main\">"
                + "<h1>" + title + "</h1>" + (detail == null ? "" : "<p>" + escape(detail) + "</p>")
                + "<p><a href=\"" + context + "/\">Back to the console</a></p></main></body></html>";
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("text/html");
        response.setCharacterEncoding("UTF-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** Container messages that describe the server, not the request (class names, stack frames). */
    private static boolean looksLikeServerText(String message) {
        return message.contains("Exception") || message.contains("\tat ") || message.contains("java.");
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
