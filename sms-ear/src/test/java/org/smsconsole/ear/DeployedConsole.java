package org.smsconsole.ear;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.io.IOException;
import java.io.StringReader;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The console on the server, over plain HTTP as a browser and an API client use it: pages with a cookie session,
 * the REST API with HTTP Basic and no session.
 */
final class DeployedConsole {

    private static final Pattern VIEW_STATE = Pattern.compile("name=\"jakarta\\.faces\\.ViewState\"[^>]*value=\"([^\"]+)\"");
    private static final Pattern FORM_ACTION = Pattern.compile("<form id=\"loginForm\"[^>]*action=\"([^\"]+)\"");

    private final Function<String, URI> url;
    private final HttpClient api = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final HttpClient browser = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NORMAL).build();

    DeployedConsole(Function<String, URI> url) {
        this.url = url;
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return browser.send(HttpRequest.newBuilder(url.apply(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Signs in through the login page's Faces form as a browser does (its view state, its field names, a same-origin
     * POST) and answers the page the console lands on after following its redirect.
     */
    HttpResponse<String> signIn(String user, String password) throws IOException, InterruptedException {
        HttpResponse<String> login = get("/login.xhtml");
        String viewState = group(VIEW_STATE, login.body(), "the login form's view state");
        String action = group(FORM_ACTION, login.body(), "the login form's action");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("loginForm", "loginForm");
        form.put("loginForm:username", user);
        form.put("loginForm:password", password);
        form.put("loginForm:signIn", "");
        form.put("jakarta.faces.ViewState", viewState);
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        URI origin = url.apply("/");
        return browser.send(HttpRequest.newBuilder(url.apply(action))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", origin.getScheme() + "://" + origin.getAuthority())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** An API call with HTTP Basic (null credentials: none); JSON in and out. */
    Answer call(String method, String path, String user, String password, String json) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url.apply(path)).timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (user != null) {
            String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            request.header("Authorization", "Basic " + basic);
        }
        HttpResponse<String> response = api.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body(), response.headers().firstValue("Set-Cookie").isPresent());
    }

    record Answer(int status, String body, boolean setsCookie) {

        JsonObject json() {
            return Json.createReader(new StringReader(body)).readObject();
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    private static String group(Pattern pattern, String html, String what) {
        Matcher m = pattern.matcher(html);
        if (!m.find()) {
            throw new AssertionError("no " + what + " in:\n" + html);
        }
        return m.group(1).replace("&amp;", "&");
    }
}
