package org.smsconsole.web.api;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.InputStream;

/**
 * {@code GET /openapi}: the REST API's OpenAPI 3 document. Written by hand next to the resources
 * (Payara's generated one lives at the server's /openapi, which this application's root context
 * hides), and checked against the served routes by the system tests.
 */
@WebServlet("/openapi")
public class OpenApiDocument extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("application/yaml");
        response.setCharacterEncoding("UTF-8");
        try (InputStream in = OpenApiDocument.class.getResourceAsStream("/openapi.yaml")) {
            in.transferTo(response.getOutputStream());
        }
    }
}
