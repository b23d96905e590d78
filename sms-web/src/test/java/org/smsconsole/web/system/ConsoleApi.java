package org.smsconsole.web.system;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The console's REST API as a client uses it: HTTP Basic as one staff user, JSON in and out. */
final class ConsoleApi {

    private final ConsoleProcess console;
    private final String authorization;
    private final HttpClient http = HttpClient.newHttpClient();

    ConsoleApi(ConsoleProcess console, String user, String password) {
        this.console = console;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    JsonObject get(String path) {
        return call("GET", path, null);
    }

    JsonObject post(String path, String json) {
        return call("POST", path, json);
    }

    private JsonObject call(String method, String path, String json) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(console.url(path)).header("Authorization", authorization)
                    .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
            if (json != null) {
                request.header("Content-Type", "application/json");
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(response.statusCode() / 100 == 2, method + " " + path + ": " + response.statusCode() + " " + response.body());
            String body = response.body();
            return body == null || body.isBlank() ? JsonObject.EMPTY_JSON_OBJECT : Json.createReader(new StringReader(body)).readObject();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
