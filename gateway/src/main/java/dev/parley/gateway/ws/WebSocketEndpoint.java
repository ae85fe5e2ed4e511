package dev.parley.gateway.ws;

import dev.parley.consumers.CloseCodes;
import dev.parley.consumers.ConsumerFactory;
import dev.parley.consumers.ConsumerSession;
import dev.parley.consumers.HandshakeRefused;
import dev.parley.consumers.Middleware;
import dev.parley.consumers.Scope;
import dev.parley.consumers.User;
import dev.parley.gateway.GatewayConfig;
import dev.parley.gateway.RouteTable.WebSocketMatch;
import dev.parley.gateway.RouteTable;
import dev.parley.gateway.http.ClientAddress;
import dev.parley.gateway.metrics.GatewayMetrics;
import dev.parley.gateway.middleware.MiddlewareStack;
import dev.parley.layer.ChannelLayer;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes every WebSocket handshake: finds its route (404 without one), refuses newcomers while draining (503), passes
 * the handshake through the middleware (each may refuse it with a status, or enrich its scope), and opens a consumer
 * session, its consumer wrapped by the middleware, whose consumer decides the handshake.
 */
public final class WebSocketEndpoint implements Handler<ServerWebSocket> {

    private static final Logger log = LoggerFactory.getLogger(WebSocketEndpoint.class);

    private final RouteTable routes;
    private final List<Middleware> middleware;
    private final ChannelLayer layer;
    private final OpenConnections open;
    private final GatewayMetrics metrics;
    private final int maxMessageBytes;
    private final boolean trustProxy;
    /** When a middleware's failure was last logged as a warning ({@link System#nanoTime}); any thread may log. */
    private volatile long lastFailureWarned = System.nanoTime() - TimeUnit.MINUTES.toNanos(2);

    public WebSocketEndpoint(RouteTable routes, MiddlewareStack middleware, ChannelLayer layer, OpenConnections open,
                      GatewayMetrics metrics, GatewayConfig config) {
        this.routes = routes;
        this.middleware = middleware.middleware();
        this.layer = layer;
        this.open = open;
        this.metrics = metrics;
        this.maxMessageBytes = config.limits().maxFrameBytes();
        this.trustProxy = config.trustProxy();
    }

    @Override
    public void handle(ServerWebSocket socket) {
        Optional<WebSocketMatch> match = routes.matchWebSocket(socket.path());
        if (match.isEmpty()) {
            socket.reject(404);
            return;
        }
        if (open.isDraining()) {
            socket.reject(503);
            return;
        }
        Promise<Integer> answer = Promise.promise();
        socket.setHandshake(answer.future());
        String address = ClientAddress.of(socket.remoteAddress(), socket.headers(), trustProxy);
        PendingHandshake handshake = new PendingHandshake(socket, answer,
                scopeOf(socket, match.get().params(), address), address);
        admit(handshake, 0).onComplete(admitted -> {
            if (handshake.over()) {
                // Refused meanwhile (a deadline), or the client left: there is no connection to open, and opening
                // one would hold what the middleware took for good.
                handshake.refuse(503);
                handshake.end();
            } else if (admitted.failed() || open.isDraining()) {
                handshake.refuse(statusFor(admitted.cause(), socket.path()));
                handshake.end();
            } else {
                ConsumerFactory factory = Middleware.wrapping(middleware, match.get().route().factory());
                openSession(socket, answer, admitted.result(), factory).onComplete(ended -> handshake.end());
            }
        });
    }

    /** Passes the handshake to the middleware from {@code index} on, one after the other; the scope they hand on. */
    private Future<Scope> admit(PendingHandshake handshake, int index) {
        if (index == middleware.size() || handshake.over()) {
            return Future.succeededFuture(handshake.scope());
        }
        Future<Scope> step;
        try {
            step = middleware.get(index).admit(handshake);
        } catch (RuntimeException e) {
            step = Future.failedFuture(e);
        }
        return step.compose(scope -> {
            handshake.handOn(scope);
            return admit(handshake, index + 1);
        });
    }

    /**
     * The status for a refused handshake: the middleware's, or 503 for a middleware that failed. A failure is logged
     * as a warning at most once a minute (while a database is down, every handshake fails alike), else at debug.
     */
    private int statusFor(Throwable failure, String path) {
        if (failure == null) {
            return 503; // draining
        }
        if (failure instanceof HandshakeRefused refused) {
            log.debug("Refused a WebSocket to {}: {} ({})", path, refused.httpStatus(), refused.getMessage());
            return refused.httpStatus();
        }
        long now = System.nanoTime();
        if (now - lastFailureWarned > TimeUnit.MINUTES.toNanos(1)) {
            lastFailureWarned = now;
            log.warn("A middleware failed on a WebSocket to {}, answered 503 (more such failures this minute are "
                    + "logged at debug): {}", path, failure.toString());
        } else {
            log.debug("A middleware failed on a WebSocket to {}: {}", path, failure.toString());
        }
        return 503;
    }

    /** Runs the connection's consumer session; the Future completes when the session has ended. */
    private Future<Void> openSession(ServerWebSocket socket, Promise<Integer> handshake, Scope scope,
                                     ConsumerFactory factory) {
        WebSocketTransport transport = new WebSocketTransport(socket, handshake, metrics);
        metrics.connectionOpened();
        // Counted before the consumer runs: it may accept at once, and a shutdown must then find it.
        open.add(transport);
        ConsumerSession session = ConsumerSession.open(layer, scope, factory, transport);
        socket.frameHandler(new FrameReader(maxMessageBytes, new FrameReader.Listener() {
            @Override
            public void text(String message) {
                metrics.frameReceived();
                session.textReceived(message);
            }

            @Override
            public void binary(Buffer message) {
                metrics.frameReceived();
                session.binaryReceived(message);
            }

            @Override
            public void control() {
                session.controlFrameReceived();
            }

            @Override
            public void tooBig() {
                closeTooBig(transport);
            }

            @Override
            public void invalidText() {
                transport.closeWithin(CloseCodes.INVALID_PAYLOAD, "invalid UTF-8 in a text message");
            }
        }));
        socket.exceptionHandler(e -> {
            if (isTooBig(e)) {
                // Netty stops reading the frame but would leave the connection open, waiting.
                closeTooBig(transport);
            } else {
                log.debug("WebSocket error on {}: {}", socket.path(), e.toString());
            }
        });
        socket.closeHandler(v -> {
            transport.closed();
            Short code = socket.closeStatusCode();
            session.closed(code == null ? CloseCodes.ABNORMAL : code);
        });
        return session.ended().onComplete(v -> open.remove(transport)).mapEmpty();
    }

    private void closeTooBig(WebSocketTransport transport) {
        transport.closeWithin(CloseCodes.MESSAGE_TOO_BIG, "message too big: at most " + maxMessageBytes + " bytes");
    }

    /** A frame over the limit, as Netty reports it (a message of several frames: {@link FrameReader}). */
    private static boolean isTooBig(Throwable error) {
        return error instanceof CorruptedWebSocketFrameException corrupted
                && corrupted.closeStatus().code() == CloseCodes.MESSAGE_TOO_BIG;
    }

    /** The scope as the middleware first see it: its user is anonymous until a middleware tells who it is. */
    private static Scope scopeOf(ServerWebSocket socket, Map<String, String> pathParams, String address) {
        Map<String, List<String>> query = new QueryStringDecoder(socket.uri()).parameters();
        // The server keeps the handshake's headers for the connection's life: the scope reads those, not a copy.
        MultiMap headers = socket.headers();
        String client = socket.remoteAddress() == null ? address : address + ":" + socket.remoteAddress().port();
        return new Scope(socket.path(), pathParams, query, headers::getAll, client, subprotocolsOf(headers), User.anonymous());
    }

    private static List<String> subprotocolsOf(MultiMap headers) {
        List<String> offered = new ArrayList<>();
        for (String header : headers.getAll("sec-websocket-protocol")) {
            Arrays.stream(header.split(",")).map(String::trim).filter(p -> !p.isEmpty()).forEach(offered::add);
        }
        return offered;
    }
}
