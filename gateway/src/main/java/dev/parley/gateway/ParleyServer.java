package dev.parley.gateway;

import dev.parley.gateway.middleware.MiddlewareStack;
import dev.parley.gateway.worker.Worker;
import dev.parley.gateway.worker.Workers;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * A Parley server of your own: the apps it serves, the middleware in front of their consumers, and the command
 * line that starts it. The Parley chat is one such server ({@link Main}).
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *     ParleyServer.create()
 *             .app((routes, services) -> routes.websocket("/ws/echo/", EchoConsumer::new))
 *             .run(args); // configured by CHAT_* environment variables; --help lists them
 * }
 * }</pre>
 *
 * Every WebSocket connection passes the {@link MiddlewareStack#defaults default middleware} unless
 * {@link #middleware} changes them. In tests, {@link #start} starts the server on a {@link Vertx} of the test's own.
 */
public final class ParleyServer {

    private final List<App> apps = new ArrayList<>();
    private UnaryOperator<MiddlewareStack> middleware = UnaryOperator.identity();
    private final Workers workers = new Workers();

    private ParleyServer() {
    }

    /** A server with no apps yet and the default middleware. */
    public static ParleyServer create() {
        return new ParleyServer();
    }

    /** Adds an app; the apps add their routes in the order given. */
    public ParleyServer app(App app) {
        apps.add(Objects.requireNonNull(app, "app"));
        return this;
    }

    /**
     * Changes the middleware stack, from the defaults: {@code stack -> stack.with(new MyMiddleware())}. Called again,
     * the changes apply one after the other.
     */
    public ParleyServer middleware(UnaryOperator<MiddlewareStack> change) {
        UnaryOperator<MiddlewareStack> before = middleware;
        middleware = stack -> change.apply(before.apply(stack));
        return this;
    }

    /**
     * Registers the worker of a named channel (no {@code !}), like Channels' {@code ChannelNameRouter}: consumers
     * send jobs to the channel, and {@code runworker CHANNEL} on the command line runs the workers, in a process
     * of their own, on the Redis layer the gateways share.
     */
    public ParleyServer worker(String channel, Supplier<Worker> worker) {
        workers.register(channel, worker);
        return this;
    }

    /** The workers registered, by channel. */
    Workers workers() {
        return workers;
    }

    /**
     * Starts serving on {@code vertx} with these settings; fails if a setting cannot be served, an app's routes are
     * wrong, or the port is taken. {@link Gateway#stop} drains and stops it.
     */
    public Future<Gateway> start(Vertx vertx, GatewayConfig config) {
        if (apps.isEmpty()) {
            return Future.failedFuture(new IllegalStateException("the server has no app: add one with app(...)"));
        }
        return Gateway.start(vertx, config, List.copyOf(apps), middleware);
    }

    /**
     * The server's command line, for a {@code main}: with no arguments it reads the {@code CHAT_*} environment,
     * starts, and drains on SIGTERM; {@code runworker CHANNEL...} runs the workers of those channels instead;
     * {@code --help} lists the settings; {@code --check-health} asks a running one.
     * Exits the JVM with 2 on a bad setting or argument, 1 if it cannot start.
     */
    public void run(String[] args) {
        CommandLine.run(args, this);
    }
}
