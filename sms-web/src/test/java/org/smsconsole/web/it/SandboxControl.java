package org.smsconsole.web.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.smsconsole.apikey.ApiKeys;
import org.smsconsole.user.Role;

import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * The built-in sandbox's control API over HTTP, as a test sees Sinch: settings and what it counted. The control API
 * is for staff with OPERATOR, so the calls carry an operator's API key (made once per server).
 */
final class SandboxControl {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static volatile String operatorKey;
    private final String base;

    SandboxControl(URL deployment, ApiKeys apiKeys) {
        this.base = deployment.toString().replaceAll("/$", "") + "/sandbox/control";
        if (operatorKey == null) {
            operatorKey = apiKeys.create("sandbox control " + System.nanoTime(), Role.OPERATOR, "arquillian").key();
        }
    }

    void patch(String json) {
        call(HttpRequest.newBuilder(URI.create(base + "/settings")).method("PATCH", HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json"), 200);
    }

    void reset() {
        call(HttpRequest.newBuilder(URI.create(base + "/reset")).POST(HttpRequest.BodyPublishers.noBody()), 204);
    }

    /** A POST of {@code json} to {@code /sandbox/control/{path}} as an operator, answered as it came. */
    HttpResponse<String> post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + "/" + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
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
        HttpResponse<String> r = send(request);
        if (r.statusCode() != expected) {
            throw new AssertionError("sandbox control: " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.header("Authorization", "Bearer " + operatorKey).build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
