package dev.parley.gateway;

import dev.parley.consumers.ConsumerFactory;
import dev.parley.gateway.http.PathTemplate;
import dev.parley.gateway.http.PlainResponses;
import dev.parley.gateway.http.SecurityHeaders;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A server's routes: WebSocket paths to consumer factories, HTTP paths to handlers, like Channels'
 * {@code URLRouter}. Apps add theirs as the server starts ({@link App}); then it is only read. Templates name
 * their parameters in braces, {@code /ws/chat/{room}/}; a parameter matches one path segment unless
 * {@link #param} says what it may hold. HTTP handlers are Vert.x Web handlers.
 */
public final class RouteTable {

    public static final int MAX_BODY_BYTES = 8 * 1024;

    private final Map<String, String> paramPatterns = new HashMap<>();
    private final List<Handler<RoutingContext>> guards = new ArrayList<>();
    private final List<WebSocketRoute> webSockets = new ArrayList<>();
    private final List<HttpRoute> http = new ArrayList<>();
    private final List<StaticMount> staticMounts = new ArrayList<>();

    /** Declares what a path parameter may hold, for every template that uses it (like a Django path converter). */
    public RouteTable param(String name, String pattern) {
        paramPatterns.put(name, pattern);
        return this;
    }

    /**
     * Runs before every HTTP route (after the security headers), in the order added: it calls {@code ctx.next()} to
     * let a request through, or answers it itself. WebSocket handshakes do not pass here.
     */
    public RouteTable guard(Handler<RoutingContext> guard) {
        guards.add(guard);
        return this;
    }

    /** Connections to this path are served by consumers from the factory, without a subprotocol. */
    public RouteTable websocket(String template, ConsumerFactory factory) {
        return websocket(template, factory, List.of());
    }

    /** Connections to this path are served by consumers from the factory, which may accept these subprotocols. */
    public RouteTable websocket(String template, ConsumerFactory factory, List<String> subprotocols) {
        webSockets.add(new WebSocketRoute(PathTemplate.compile(template, paramPatterns), factory, List.copyOf(subprotocols)));
        return this;
    }

    /** A GET route (HEAD too). */
    public RouteTable get(String template, Handler<RoutingContext> handler) {
        http.add(new HttpRoute(HttpMethod.GET, PathTemplate.compile(template, paramPatterns), handler));
        return this;
    }

    /** A POST route; its body is read first, up to {@value #MAX_BODY_BYTES} bytes (else 413). */
    public RouteTable post(String template, Handler<RoutingContext> handler) {
        http.add(new HttpRoute(HttpMethod.POST, PathTemplate.compile(template, paramPatterns), handler));
        return this;
    }

    /** A PUT route; it takes no body (the path says it all). */
    public RouteTable put(String template, Handler<RoutingContext> handler) {
        http.add(new HttpRoute(HttpMethod.PUT, PathTemplate.compile(template, paramPatterns), handler));
        return this;
    }

    /** A DELETE route; it takes no body. */
    public RouteTable delete(String template, Handler<RoutingContext> handler) {
        http.add(new HttpRoute(HttpMethod.DELETE, PathTemplate.compile(template, paramPatterns), handler));
        return this;
    }

    /** Serves the files of a classpath directory under a path prefix ending in {@code /}. */
    public RouteTable staticFiles(String prefix, String classpathDirectory) {
        staticMounts.add(new StaticMount(prefix, classpathDirectory));
        return this;
    }

    /** Every HTTP route as "METHOD template" (HEAD implied by GET left out), then "GET prefix*" per static mount. */
    List<String> httpRoutes() {
        List<String> routes = new ArrayList<>();
        http.forEach(route -> routes.add(route.method() + " " + route.template()));
        staticMounts.forEach(mount -> routes.add("GET " + mount.prefix() + "*"));
        return List.copyOf(routes);
    }

    /** The WebSocket route for a path, with its parameters: what the server's WebSocket endpoint asks. */
    public Optional<WebSocketMatch> matchWebSocket(String path) {
        for (WebSocketRoute route : webSockets) {
            Optional<Map<String, String>> params = route.template().match(path);
            if (params.isPresent()) {
                return Optional.of(new WebSocketMatch(route, params.get()));
            }
        }
        return Optional.empty();
    }

    /** Every subprotocol some WebSocket route may accept, for the server's handshake. */
    List<String> subprotocols() {
        Set<String> all = new LinkedHashSet<>();
        webSockets.forEach(route -> all.addAll(route.subprotocols()));
        return List.copyOf(all);
    }

    /** A Vert.x Web router for the HTTP routes; WebSocket paths asked for without an upgrade get 426, others 404. */
    Router httpRouter(io.vertx.core.Vertx vertx) {
        Router router = Router.router(vertx);
        router.route().handler(SecurityHeaders::add);
        guards.forEach(guard -> router.route().handler(guard));
        for (HttpRoute route : http) {
            if (route.method() == HttpMethod.POST) {
                router.routeWithRegex(HttpMethod.POST, route.template().regex())
                        .handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES))
                        .handler(route.handler());
            } else if (route.method() == HttpMethod.GET) {
                router.routeWithRegex(HttpMethod.GET, route.template().regex()).handler(route.handler());
                router.routeWithRegex(HttpMethod.HEAD, route.template().regex()).handler(route.handler());
            } else {
                router.routeWithRegex(route.method(), route.template().regex()).handler(route.handler());
            }
        }
        for (StaticMount mount : staticMounts) {
            // File names carry no version, so browsers must revalidate rather than keep a stale UI for a day.
            router.route(mount.prefix() + "*").handler(StaticHandler.create(mount.classpathDirectory())
                    .setCachingEnabled(true)
                    .setMaxAgeSeconds(0));
        }
        for (WebSocketRoute route : webSockets) {
            router.routeWithRegex(route.template().regex()).handler(ctx -> PlainResponses.send(ctx, 426,
                    "This path takes WebSocket connections: connect with ws:// or wss://."));
        }
        router.route().last().handler(ctx -> PlainResponses.send(ctx, 404, "Not found: " + ctx.normalizedPath()));
        router.errorHandler(500, ctx -> PlainResponses.send(ctx, 500, "Internal server error."));
        router.errorHandler(413, ctx -> PlainResponses.send(ctx, 413, "The request body is too large."));
        return router;
    }

    public record WebSocketRoute(PathTemplate template, ConsumerFactory factory, List<String> subprotocols) {
    }

    public record WebSocketMatch(WebSocketRoute route, Map<String, String> params) {
    }

    private record HttpRoute(HttpMethod method, PathTemplate template, Handler<RoutingContext> handler) {
    }

    private record StaticMount(String prefix, String classpathDirectory) {
    }
}
