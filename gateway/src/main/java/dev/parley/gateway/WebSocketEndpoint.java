package dev.parley.gateway;

import dev.parley.consumers.CloseCodes;
import dev.parley.consumers.ConsumerSession;
import dev.parley.consumers.Scope;
import dev.parley.consumers.User;
import dev.parley.gateway.RouteTable.WebSocketMatch;
import dev.parley.gateway.metrics.GatewayMetrics;
import dev.parley.layer.ChannelLayer;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes every WebSocket handshake: finds its route (404 without one), refuses hosts not allowed (400), pages of
 * other sites (403),
 * newcomers while draining (503), guests where they are not allowed (401) and clients over their connection caps
 * (429), builds its scope with the user,
 * and opens a consumer session whose consumer decides the handshake.
 */
final class WebSocketEndpoint implements Handler<ServerWebSocket> {

    private static final Logger log = LoggerFactory.getLogger(WebSocketEndpoint.class);

    private final RouteTable routes;
    private final ChannelLayer layer;
    private final OpenConnections open;
    private final GatewayMetrics metrics;
    private final OriginPolicy origins;
    private final int maxMessageBytes;
    private final Identity identity;
    private final ConnectionCaps caps;
    private final boolean trustProxy;
    private final Duration handshakeTimeout;
    private final AllowedHosts hosts;

    WebSocketEndpoint(RouteTable routes, ChannelLayer layer, OpenConnections open, GatewayMetrics metrics,
                      OriginPolicy origins, Identity identity, GatewayConfig config) {
        this.maxMessageBytes = config.limits().maxFrameBytes();
        this.identity = identity;
        this.caps = new ConnectionCaps(config.limits().connectionsPerAddress(), config.limits().connectionsPerUser(),
                new AddressBlock(config.ipv6PrefixLength()));
        this.trustProxy = config.trustProxy();
        this.handshakeTimeout = config.limits().handshakeTimeout();
        this.hosts = new AllowedHosts(config.allowedHosts());
        this.routes = routes;
        this.layer = layer;
        this.open = open;
        this.metrics = metrics;
        this.origins = origins;
    }

    @Override
    public void handle(ServerWebSocket socket) {
        Optional<WebSocketMatch> match = routes.matchWebSocket(socket.path());
        if (match.isEmpty()) {
            socket.reject(404);
            return;
        }
        if (!hosts.allows(Optional.ofNullable(socket.headers().get("host")))) {
            socket.reject(400); // a name this server is not reached by: DNS rebinding, or a misdirected request
            return;
        }
        if (!origins.allows(socket.headers(), socket.isSsl())) {
            log.info("Refused a WebSocket to {} from the page of another site: {}", socket.path(),
                    socket.headers().get("origin"));
            socket.reject(403);
            return;
        }
        if (open.isDraining()) {
            socket.reject(503);
            return;
        }
        Promise<Integer> handshake = Promise.promise();
        socket.setHandshake(handshake.future());
        refuseUnlessDecidedInTime(handshake);
        String address = ClientAddress.of(socket.remoteAddress(), socket.headers(), trustProxy);
        Map<String, List<String>> query = new QueryStringDecoder(socket.uri()).parameters();
        Optional<String> requestedName = Optional.ofNullable(query.get("name")).flatMap(v -> v.stream().findFirst());
        identity.of(Optional.ofNullable(socket.headers().get("cookie")), requestedName).onComplete(found -> {
            if (handshake.future().isComplete() || socket.isClosed()) {
                // Refused meanwhile (the lookup took longer than the handshake may), or the client left: there is
                // no connection to open, and opening one would hold the address's place for good.
                handshake.tryComplete(503);
            } else if (found.failed() || open.isDraining()) {
                handshake.tryComplete(503);
            } else if (found.result().isEmpty()) {
                handshake.tryComplete(401); // not signed in, and guests are not allowed
            } else {
                User user = found.result().get();
                caps.admit(address, user.guest() ? Optional.empty() : Optional.of(user.name())).ifPresentOrElse(
                        release -> openSession(socket, handshake,
                                scopeOf(socket, match.get().params(), query, user, address), match.get())
                                .onComplete(ended -> release.run()),
                        () -> handshake.tryComplete(429)); // too many connections from this address or user
            }
        });
    }

    /** A consumer (or the account lookup) that takes too long to decide gets the handshake refused with 503. */
    private void refuseUnlessDecidedInTime(Promise<Integer> handshake) {
        Vertx vertx = Vertx.currentContext().owner();
        long timer = vertx.setTimer(handshakeTimeout.toMillis(), t -> handshake.tryComplete(503));
        handshake.future().onComplete(decided -> vertx.cancelTimer(timer));
    }

    /** Runs the connection's consumer session; the Future completes when the session has ended. */
    private Future<Void> openSession(ServerWebSocket socket, Promise<Integer> handshake, Scope scope,
                                     WebSocketMatch match) {
        WebSocketTransport transport = new WebSocketTransport(socket, handshake, metrics);
        metrics.connectionOpened();
        // Counted before the consumer runs: it may accept at once, and a shutdown must then find it.
        open.add(transport);
        ConsumerSession session = ConsumerSession.open(layer, scope, match.route().factory(), transport);
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

    private static Scope scopeOf(ServerWebSocket socket, Map<String, String> pathParams,
                                 Map<String, List<String>> query, User user, String address) {
        // The server keeps the handshake's headers for the connection's life: the scope reads those, not a copy.
        MultiMap headers = socket.headers();
        String client = socket.remoteAddress() == null ? address : address + ":" + socket.remoteAddress().port();
        return new Scope(socket.path(), pathParams, query, headers::getAll, client, subprotocolsOf(headers), user);
    }

    private static List<String> subprotocolsOf(MultiMap headers) {
        List<String> offered = new ArrayList<>();
        for (String header : headers.getAll("sec-websocket-protocol")) {
            Arrays.stream(header.split(",")).map(String::trim).filter(p -> !p.isEmpty()).forEach(offered::add);
        }
        return offered;
    }
}
