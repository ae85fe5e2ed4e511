package dev.parley.gateway;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A real WebSocket client (the JDK's) for tests against a running gateway: connect, send, expect, close. */
public final class WebSocketTestClient {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration EXPECT_WITHIN = Duration.ofSeconds(5);

    private final WebSocket socket;
    private final BlockingQueue<Object> received;

    private WebSocketTestClient(WebSocket socket, BlockingQueue<Object> received) {
        this.socket = socket;
        this.received = received;
    }

    /** Connects, offering these subprotocols; fails the test if the handshake is refused. */
    public static WebSocketTestClient connect(URI uri, String... subprotocols) {
        return connect(uri, true, subprotocols);
    }

    /**
     * Connects a client that never answers the server's close frame, as a stalled or malicious one would: the
     * server must not wait for it forever.
     */
    static WebSocketTestClient connectNotAnsweringClose(URI uri) {
        return connect(uri, false);
    }

    /** Connects as a browser showing a page of {@code origin} would, e.g. {@code http://127.0.0.1:8080}. */
    static WebSocketTestClient connectFrom(String origin, URI uri) {
        return connectWith(Map.of("Origin", origin), uri);
    }

    /** Connects sending these handshake headers too (such as {@code Cookie}), offering these subprotocols. */
    public static WebSocketTestClient connectWith(Map<String, String> headers, URI uri, String... subprotocols) {
        try {
            return open(uri, true, headers, subprotocols).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("could not connect to " + uri + " with " + headers.keySet() + ": " + e, e);
        }
    }

    private static WebSocketTestClient connect(URI uri, boolean answerClose, String... subprotocols) {
        try {
            return open(uri, answerClose, Map.of(), subprotocols).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("could not connect to " + uri + ": " + e, e);
        }
    }

    /** The HTTP status with which the server refused the handshake; fails the test if it was accepted. */
    static int refusedStatus(URI uri) {
        return refusedStatus(uri, Map.of());
    }

    /** The HTTP status with which the server refused a handshake from a page of {@code origin}. */
    static int refusedStatusFrom(String origin, URI uri) {
        return refusedStatus(uri, Map.of("Origin", origin));
    }

    /** The HTTP status with which the server refused a handshake sending these headers. */
    static int refusedStatusWith(Map<String, String> headers, URI uri) {
        return refusedStatus(uri, headers);
    }

    private static int refusedStatus(URI uri, Map<String, String> headers) {
        try {
            WebSocketTestClient client = open(uri, true, headers).get(10, TimeUnit.SECONDS);
            client.socket.abort();
            throw new AssertionError("expected " + uri + " to be refused, but it was accepted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw new AssertionError("expected an HTTP refusal from " + uri + " but got " + e.getCause(), e);
        } catch (Exception e) {
            throw new AssertionError("could not connect to " + uri + ": " + e, e);
        }
    }

    /**
     * Connects, offering these subprotocols, as a client that retries would: empty if the handshake is refused or
     * fails within 10 s, or the connection cannot be made.
     */
    public static Optional<WebSocketTestClient> tryConnect(URI uri, String... subprotocols) {
        return tryConnectWith(Map.of(), uri, subprotocols);
    }

    /** As {@link #tryConnect}, sending these handshake headers too. */
    public static Optional<WebSocketTestClient> tryConnectWith(Map<String, String> headers, URI uri, String... subprotocols) {
        try {
            return Optional.of(open(uri, true, headers, subprotocols).get(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            return Optional.empty();
        }
    }

    private static CompletableFuture<WebSocketTestClient> open(URI uri, boolean answerClose,
                                                               Map<String, String> headers, String... subprotocols) {
        BlockingQueue<Object> received = new LinkedBlockingQueue<>();
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        headers.forEach(builder::header);
        if (subprotocols.length > 0) {
            builder.subprotocols(subprotocols[0], java.util.Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
        }
        return builder.buildAsync(uri, new Collector(received, answerClose)).thenApply(ws -> new WebSocketTestClient(ws, received));
    }

    /** The subprotocol the server chose, if any. */
    Optional<String> subprotocol() {
        String chosen = socket.getSubprotocol();
        return chosen == null || chosen.isEmpty() ? Optional.empty() : Optional.of(chosen);
    }

    public void send(String text) {
        socket.sendText(text, true).join();
    }

    public void send(JsonObject frame) {
        send(frame.encode());
    }

    public JsonObject receiveJson() {
        Object next = next(EXPECT_WITHIN);
        if (next instanceof String text) {
            return new JsonObject(text);
        }
        throw new AssertionError("expected a text frame, got " + next);
    }

    /** The next JSON frame if one arrives within the wait. */
    public Optional<JsonObject> receiveJsonWithin(long millis) {
        try {
            Object next = received.poll(millis, TimeUnit.MILLISECONDS);
            return next instanceof String text ? Optional.of(new JsonObject(text)) : Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * The next thing that happens within the wait, without blocking past it: a {@link JsonObject} for a text frame,
     * or a {@link Closed} once the connection has ended (1006 if it ended without a close frame); empty if neither.
     */
    public Optional<Object> receiveWithin(long millis) {
        try {
            Object next = received.poll(millis, TimeUnit.MILLISECONDS);
            return Optional.ofNullable(next instanceof String text ? new JsonObject(text) : next);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Sends a frame; false if the connection is already gone (the frame was not sent). */
    public boolean trySend(JsonObject frame) {
        try {
            socket.sendText(frame.encode(), true).join();
            return true;
        } catch (java.util.concurrent.CompletionException | IllegalStateException e) {
            return false;
        }
    }

    /** Drops the connection at once, without a close handshake. */
    public void abort() {
        socket.abort();
    }

    /** The next JSON frame whose type is {@code type}, skipping others (such as the welcome). */
    public JsonObject receiveJsonOfType(String type) {
        while (true) {
            JsonObject frame = receiveJson();
            if (type.equals(frame.getString("type"))) {
                return frame;
            }
        }
    }

    /** Asserts nothing arrives for a moment. */
    void receiveNothing() {
        try {
            Object next = received.poll(200, TimeUnit.MILLISECONDS);
            if (next != null) {
                throw new AssertionError("expected nothing, got " + next);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Waits for the server to close the connection and returns its close code. */
    Closed receiveClose() {
        while (true) {
            Object next = next(EXPECT_WITHIN);
            if (next instanceof Closed closed) {
                return closed;
            }
        }
    }

    /** The close, whatever text frames come before it. */
    Closed receiveCloseSkippingFrames() {
        long deadline = System.nanoTime() + EXPECT_WITHIN.toNanos() * 2;
        while (System.nanoTime() < deadline) {
            if (next(EXPECT_WITHIN) instanceof Closed closed) {
                return closed;
            }
        }
        throw new AssertionError("no close within " + EXPECT_WITHIN.multipliedBy(2).toSeconds() + " s");
    }

    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
    }

    private Object next(Duration within) {
        try {
            Object next = received.poll(within.toMillis(), TimeUnit.MILLISECONDS);
            if (next == null) {
                throw new AssertionError("nothing arrived within " + within.toMillis() + " ms");
            }
            return next;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public record Closed(int code, String reason) {
    }

    /** Puts each whole text message, and the close, on the queue. */
    private static final class Collector implements WebSocket.Listener {
        private final BlockingQueue<Object> received;
        private final boolean answerClose;
        private final StringBuilder partial = new StringBuilder();

        Collector(BlockingQueue<Object> received, boolean answerClose) {
            this.received = received;
            this.answerClose = answerClose;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                received.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            received.add(new Closed(statusCode, reason));
            // The JDK answers the close once the returned stage completes: never, for a client that does not.
            return answerClose ? null : new CompletableFuture<Void>();
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            received.add(new Closed(1006, String.valueOf(error)));
        }
    }
}
