package org.smsconsole.web.ui;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.smsconsole.contact.imports.ImportLimits;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * File uploads to the screens (multipart POSTs) are refused before their body is read when they are larger than an
 * import may be ({@link ImportLimits#MAX_FILE_BYTES}, plus room for the form's other fields): 413, and the connection
 * closed. An upload that declares no length (chunked; browsers always send one for a form) is refused with 411, since
 * the container would otherwise spool it to disk up to its multipart limit before anyone could say no. The import
 * screen checks the size in the browser first, so people see the limit before anything is sent.
 */
@WebFilter(urlPatterns = "*.xhtml", asyncSupported = true)
public class UploadLimitFilter extends HttpFilter {

    /** The file and the form's other fields (view state, the choices on the page). */
    static final long MAX_REQUEST_BYTES = ImportLimits.MAX_FILE_BYTES + 1024 * 1024;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String type = request.getContentType();
        if ("POST".equals(request.getMethod()) && type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            long length = request.getContentLengthLong();
            if (length < 0) {
                refuse(response, HttpServletResponse.SC_LENGTH_REQUIRED, "An upload must say its length (Content-Length)");
                return;
            }
            if (length > MAX_REQUEST_BYTES) {
                refuse(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, ImportLimits.tooLarge());
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private static void refuse(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setHeader("Connection", "close"); // the rest of the body is not read
        response.setContentType("text/plain; charset=UTF-8");
        response.getOutputStream().write(message.getBytes(StandardCharsets.UTF_8));
    }
}
