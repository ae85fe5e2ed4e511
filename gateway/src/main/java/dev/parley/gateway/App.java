package dev.parley.gateway;

/**
 * An application served by a {@link ParleyServer}: its routes, like a Channels project's {@code asgi.py} and
 * {@code routing.py}. A server may serve several, like Sanic's blueprints; each adds its own routes to the one table.
 *
 * <pre>{@code
 * App echo = (routes, services) -> routes.websocket("/ws/echo/", EchoConsumer::new);
 * }</pre>
 */
@FunctionalInterface
public interface App {

    /** Adds the app's routes; called once as the server starts, with what the server has opened for it. */
    void routes(RouteTable routes, Services services);
}
