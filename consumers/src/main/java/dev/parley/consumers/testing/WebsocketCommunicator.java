package dev.parley.consumers.testing;

import dev.parley.consumers.CloseCodes;
import dev.parley.consumers.ConsumerFactory;
import dev.parley.consumers.ConsumerSession;
import dev.parley.consumers.Scope;
import dev.parley.consumers.Transport;
import dev.parley.layer.ChannelLayer;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Drives one consumer as a WebSocket client would, without a server, like Channels' {@code WebsocketCommunicator}:
 * connect, send frames, expect frames (or nothing), disconnect. Its methods block, so call them from a test
 * thread, never from an event loop; a missing expectation throws {@link AssertionError}.
 */
public final class WebsocketCommunicator {

    /** How long {@link #receiveText()} and {@link #connect()} wait, like Channels' default of one second. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);
    /** How long {@link #receiveNothing()} listens, like Channels' default of 0.1 s. */
    public static final Duration DEFAULT_QUIET = Duration.ofMillis(100);

    private final ChannelLayer layer;
    private final ConsumerFactory factory;
    private final Scope scope;
    private final Context context;
    private final BlockingQueue<Output> outputs = new LinkedBlockingQueue<>();
    private final CompletableFuture<Handshake> handshake = new CompletableFuture<>();
    private volatile boolean readingPaused;
    private ConsumerSession session;

    public WebsocketCommunicator(Vertx vertx, ChannelLayer layer, ConsumerFactory factory, Scope scope) {
        this.layer = layer;
        this.factory = factory;
        this.scope = scope;
        this.context = vertx.getOrCreateContext();
    }

    /** Opens the connection and waits for the consumer to accept or refuse it. */
    public Handshake connect() {
        return connect(DEFAULT_TIMEOUT);
    }

    public Handshake connect(Duration timeout) {
        onEventLoop(() -> {
            session = ConsumerSession.open(layer, scope, factory, new QueueTransport());
            return Future.succeededFuture();
        });
        return await(handshake, timeout, "the consumer to accept or refuse the connection");
    }

    public void sendText(String text) {
        requireConnected();
        context.runOnContext(v -> session.textReceived(text));
    }

    public void sendJson(JsonObject frame) {
        sendText(frame.encode());
    }

    public void sendBinary(Buffer bytes) {
        requireConnected();
        context.runOnContext(v -> session.binaryReceived(bytes));
    }

    /** A ping from the client; the transport would answer it, so the consumer only sees that one came. */
    public void sendPing() {
        requireConnected();
        context.runOnContext(v -> session.controlFrameReceived());
    }

    /** The next text frame the consumer sent. */
    public String receiveText() {
        return receiveText(DEFAULT_TIMEOUT);
    }

    public String receiveText(Duration timeout) {
        Output output = next(timeout, "a text frame");
        if (output instanceof Output.Close close) {
            throw new AssertionError("expected a text frame, but the consumer closed the connection with "
                    + close.code() + " (" + close.reason() + ")");
        }
        return ((Output.Text) output).text();
    }

    /** The next text frame the consumer sent, which must be a JSON object. */
    public JsonObject receiveJson() {
        return receiveJson(DEFAULT_TIMEOUT);
    }

    public JsonObject receiveJson(Duration timeout) {
        String text = receiveText(timeout);
        try {
            return new JsonObject(text);
        } catch (DecodeException e) {
            throw new AssertionError("expected a JSON object, but the consumer sent: " + text, e);
        }
    }

    /** Asserts that the consumer sends nothing for a moment. */
    public void receiveNothing() {
        receiveNothing(DEFAULT_QUIET);
    }

    public void receiveNothing(Duration quiet) {
        try {
            Output output = outputs.poll(quiet.toMillis(), TimeUnit.MILLISECONDS);
            if (output != null) {
                throw new AssertionError("expected nothing, but the consumer sent " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The close frame the consumer sent next. */
    public Output.Close receiveClose() {
        Output output = next(DEFAULT_TIMEOUT, "a close frame");
        if (output instanceof Output.Close close) {
            return close;
        }
        throw new AssertionError("expected a close frame, but the consumer sent " + output);
    }

    /** Closes the connection from the client's side (1000) and waits for the consumer's disconnect to finish. */
    public void disconnect() {
        disconnect(CloseCodes.NORMAL);
    }

    public void disconnect(int closeCode) {
        requireConnected();
        Future<Void> ended = onEventLoop(() -> session.closed(closeCode));
        await(ended.toCompletionStage().toCompletableFuture(), DEFAULT_TIMEOUT, "the consumer to disconnect");
    }

    /** Whether the session asked the transport to stop reading frames (its consumer is behind). */
    public boolean isReadingPaused() {
        return readingPaused;
    }

    /** The connection's channel name on the layer, once connected. */
    public String channelName() {
        requireConnected();
        return session.channelName();
    }

    private void requireConnected() {
        if (session == null) {
            throw new IllegalStateException("call connect() first");
        }
    }

    private Output next(Duration timeout, String what) {
        try {
            Output output = outputs.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (output == null) {
                throw new AssertionError("expected " + what + " within " + timeout.toMillis() + " ms, but nothing came");
            }
            return output;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + what, e);
        }
    }

    private <T> Future<T> onEventLoop(Supplier<Future<T>> action) {
        if (Context.isOnEventLoopThread()) {
            throw new IllegalStateException("the communicator blocks: call it from a test thread, not an event loop");
        }
        CompletableFuture<Future<T>> started = new CompletableFuture<>();
        context.runOnContext(v -> {
            try {
                started.complete(action.get());
            } catch (RuntimeException e) {
                started.completeExceptionally(e);
            }
        });
        return await(started, DEFAULT_TIMEOUT, "the event loop");
    }

    private static <T> T await(CompletableFuture<T> future, Duration timeout, String what) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what);
        } catch (ExecutionException e) {
            throw new AssertionError("failed waiting for " + what + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + what, e);
        }
    }

    /** The outcome of {@link #connect}: accepted (with a subprotocol or none) or refused with an HTTP status. */
    public record Handshake(boolean accepted, Optional<String> subprotocol, int httpStatus) {
    }

    /** What the consumer sent to its client. */
    public sealed interface Output {
        record Text(String text) implements Output {
        }

        record Close(int code, String reason) implements Output {
        }
    }

    /** The session's transport: frames go to the output queue, a close is answered at once as a client would. */
    private final class QueueTransport implements Transport {

        @Override
        public void accept(Optional<String> subprotocol) {
            handshake.complete(new Handshake(true, subprotocol, 101));
        }

        @Override
        public void reject(int httpStatus) {
            handshake.complete(new Handshake(false, Optional.empty(), httpStatus));
        }

        @Override
        public Future<Void> sendText(String text) {
            outputs.add(new Output.Text(text));
            return Future.succeededFuture();
        }

        @Override
        public void close(int code, String reason) {
            outputs.add(new Output.Close(code, reason));
            session.closed(code);
        }

        @Override
        public void pauseReading() {
            readingPaused = true;
        }

        @Override
        public void resumeReading() {
            readingPaused = false;
        }
    }
}
