package dev.parley.gateway.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * What a browser sends with every request to the chat, for clients that are not browsers but go through the same
 * load balancer: the page's {@code Origin} (the balancer's own address) and, once signed up, its session cookie.
 */
final class BrowserSession {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String origin;
    private final String cookie;

    private BrowserSession(String origin, String cookie) {
        this.origin = origin;
        this.cookie = cookie;
    }

    /** A guest's page at {@code origin}, e.g. {@code http://127.0.0.1:8080}: an Origin, no cookie. */
    static BrowserSession guest(String origin) {
        return new BrowserSession(origin, "");
    }

    /** Signs up {@code name} from a page at {@code origin}, as the start page does, and keeps the session cookie. */
    static BrowserSession signUp(String origin, String name, String password) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(origin + "/api/signup"))
                        .header("Origin", origin)
                        .header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(10))
                        .POST(HttpRequest.BodyPublishers.ofString(
                                new JsonObject().put("name", name).put("password", password).encode()))
                        .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("sign-up of %s from a page at %s: %s", name, origin, response.body())
                .isEqualTo(201);
        String setCookie = response.headers().firstValue("set-cookie").orElseThrow();
        return new BrowserSession(origin, setCookie.substring(0, setCookie.indexOf(';')));
    }

    /** The headers of a WebSocket handshake from this page. */
    Map<String, String> headers() {
        return cookie.isEmpty() ? Map.of("Origin", origin) : Map.of("Origin", origin, "Cookie", cookie);
    }

    boolean signedIn() {
        return !cookie.isEmpty();
    }
}
