package org.smsconsole.web.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The built-in sandbox's control API over HTTP, as a test sees Sinch: settings and what it counted. */
final class SandboxControl {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String base;

    SandboxControl(URL deployment) {
        this.base = deployment.toString().replaceAll("/$", "") + "/sandbox/control";
    }

    void patch(String json) {
        call(HttpRequest.newBuilder(URI.create(base + "/settings")).method("PATCH", HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json"), 200);
    }

    void reset() {
        call(HttpRequest.newBuilder(URI.create(base + "/reset")).POST(HttpRequest.BodyPublishers.noBody()), 204);
    }

    /** Messages dispatched to this number so far (digits, no plus). */
    long messagesTo(String e164) {
        JsonObject per = counters().getJsonObject("messages_per_recipient");
        String digits = e164.startsWith("+") ? e164.substring(1) : e164;
        return per.containsKey(digits) ? per.getJsonNumber(digits).longValue() : 0;
    }

    JsonObject counters() {
        return Json.createReader(new StringReader(call(HttpRequest.newBuilder(URI.create(base + "/counters")).GET(), 200))).readObject();
    }

    long event(String name) {
        JsonObject events = counters().getJsonObject("events");
        return events.containsKey(name) ? events.getJsonNumber(name).longValue() : 0;
    }

    private String call(HttpRequest.Builder request, int expected) {
        try {
            HttpResponse<String> r = HTTP.send(request.header("Authorization", "Bearer sandbox-api-token").build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != expected) {
                throw new AssertionError("sandbox control: " + r.statusCode() + " " + r.body());
            }
            return r.body();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
