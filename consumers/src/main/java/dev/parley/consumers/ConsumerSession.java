package dev.parley.consumers;

import dev.parley.layer.ChannelLayer;
import dev.parley.layer.ChannelLayer.MessageHandler;
import dev.parley.layer.ChannelLayer.Receiver;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one consumer for one connection: gives it a channel, joins its groups, and feeds it the connection's
 * frames and its channel-layer events one at a time, in order, on the connection's event loop.
 *
 * <p>A transport (the gateway's WebSocket, or the test harness) opens a session when a handshake arrives and
 * reports frames and the end of the connection; the session answers through the {@link Transport}.
 */
public final class ConsumerSession {

    private static final Logger log = LoggerFactory.getLogger(ConsumerSession.class);

    /** Prefix of every connection's process-local channel name. */
    static final String CHANNEL_PREFIX = "ws";
    /** Frames waiting for the consumer before the transport stops reading, and the level at which it reads again. */
    private static final int PAUSE_READING_AT = 32;
    private static final int RESUME_READING_AT = 8;
    private static final int MAX_CLOSE_REASON_BYTES = 123;

    private enum State { CONNECTING, OPEN, CLOSING, CLOSED }

    private final ChannelLayer layer;
    private final Scope scope;
    private final Transport transport;
    private final Thread eventLoop;
    private final Context context;
    private final EventQueue events;
    private final SessionTasks tasks;
    private final Set<String> groups = new LinkedHashSet<>();
    private final Promise<Void> ended = Promise.promise();
    private final Connection connection = new SessionConnection(this);

    private State state = State.CONNECTING;
    private boolean readingPaused;
    private String channelName = "";
    private Consumer consumer;
    private Map<String, MessageHandler> eventHandlers = Map.of();
    private Optional<Receiver> receiver = Optional.empty();
    private boolean connectRan;

    private ConsumerSession(Context context, ChannelLayer layer, Scope scope, Transport transport) {
        this.layer = layer;
        this.scope = scope;
        this.transport = transport;
        this.eventLoop = Thread.currentThread();
        this.context = context;
        this.events = new EventQueue(context, this::resumeReadingIfCaughtUp);
        this.tasks = new SessionTasks(context, events, cause -> hookFailed("timer", cause));
    }

    /**
     * Starts serving a new connection: creates its channel and its consumer, joins the consumer's groups, then
     * runs {@link Consumer#connect}. Call it on the connection's event loop. If the layer is unavailable the
     * handshake is refused with 503; if the consumer cannot be made, with 500.
     */
    public static ConsumerSession open(ChannelLayer layer, Scope scope, ConsumerFactory factory, Transport transport) {
        Context context = Vertx.currentContext();
        if (context == null || !context.isEventLoopContext()) {
            throw new IllegalStateException("open a ConsumerSession on the connection's event loop");
        }
        ConsumerSession session = new ConsumerSession(context, layer, scope, transport);
        session.start(factory);
        return session;
    }

    /** A text frame arrived from the client. */
    public void textReceived(String text) {
        frameReceived(() -> consumer.receiveText(text));
    }

    /** A binary frame arrived from the client. */
    public void binaryReceived(Buffer bytes) {
        frameReceived(() -> consumer.receiveBinary(bytes));
    }

    /** A ping or a pong arrived from the client (the transport answers pings itself). */
    public void controlFrameReceived() {
        frameReceived(() -> consumer.receiveControlFrame());
    }

    /**
     * The connection is gone. Cancels the consumer's {@link ConnectionTasks} at once (timers stop, blocking calls are
     * interrupted), runs {@link Consumer#disconnect} after the events already queued, then leaves the groups and
     * stops the channel. The Future completes when all of that is done; calling again returns it.
     */
    public Future<Void> closed(int closeCode) {
        if (state == State.CLOSED) {
            return ended.future();
        }
        state = State.CLOSED;
        // Now rather than after disconnect: no timer may run once the client is gone, and disconnect, queued
        // behind a hook that sleeps or waits on a socket, would otherwise wait for it.
        tasks.cancelAll();
        events.submit(() -> connectRan ? consumer.disconnect(closeCode) : Future.succeededFuture())
                .onFailure(e -> log.warn("{} failed in disconnect for {}", consumerName(), scope.path(), e))
                .eventually(v -> releaseChannel())
                .onComplete(ended);
        return ended.future();
    }

    /** Completes when the session has ended and released its channel and groups. */
    public Future<Void> ended() {
        return ended.future();
    }

    /** This connection's channel name on the layer (empty until the layer has given one). */
    public String channelName() {
        return channelName;
    }

    private void start(ConsumerFactory factory) {
        layer.newChannel(CHANNEL_PREFIX)
                .compose(name -> {
                    channelName = name;
                    return layer.receive(name, this::eventReceived);
                })
                .compose(r -> {
                    receiver = Optional.of(r);
                    return makeConsumer(factory);
                })
                .compose(c -> joinGroups(c.groups()))
                .onComplete(outcome -> {
                    if (state == State.CLOSED) {
                        // The client left while the channel was being set up: release what the steps above made.
                        releaseChannel();
                    } else if (outcome.succeeded()) {
                        events.submit(this::runConnect);
                    } else {
                        refuseUnavailable(outcome.cause());
                    }
                });
    }

    private Future<Consumer> makeConsumer(ConsumerFactory factory) {
        try {
            consumer = factory.create(connection);
            eventHandlers = Map.copyOf(consumer.eventHandlers());
            return Future.succeededFuture(consumer);
        } catch (RuntimeException e) {
            return Future.failedFuture(new ConsumerFailed("the consumer factory failed for " + scope.path(), e));
        }
    }

    private Future<Void> joinGroups(List<String> toJoin) {
        List<Future<Void>> joins = new ArrayList<>();
        for (String group : toJoin) {
            groups.add(group);
            joins.add(layer.groupAdd(group, channelName));
        }
        return Future.all(joins).mapEmpty();
    }

    private Future<Void> runConnect() {
        if (state == State.CLOSED) {
            return Future.succeededFuture();
        }
        connectRan = true;
        Future<Void> connected;
        try {
            connected = consumer.connect();
        } catch (RuntimeException e) {
            connected = Future.failedFuture(e);
        }
        return connected.andThen(outcome -> {
            if (outcome.failed()) {
                hookFailed("connect", outcome.cause());
            } else if (state == State.CONNECTING) {
                accept(Optional.empty());
            }
        });
    }

    private void refuseUnavailable(Throwable cause) {
        if (cause instanceof ConsumerFailed) {
            log.error("{}", cause.getMessage(), cause.getCause());
            refuse(500);
        } else {
            log.warn("refusing {}: the channel layer is unavailable: {}", scope.path(), cause.toString());
            refuse(503);
        }
    }

    private void refuse(int httpStatus) {
        if (state == State.CONNECTING) {
            state = State.CLOSING;
            transport.reject(httpStatus);
        }
        closed(CloseCodes.ABNORMAL);
    }

    private void frameReceived(Supplier<Future<Void>> hook) {
        if (state != State.OPEN) {
            return; // Frames after our close frame: the client had not seen it yet; nothing to answer.
        }
        events.submit(hook).onFailure(e -> hookFailed("receive", e));
        if (!readingPaused && events.size() >= PAUSE_READING_AT) {
            readingPaused = true;
            transport.pauseReading();
        }
    }

    private Future<Void> eventReceived(JsonObject event) {
        if (state == State.CLOSED) {
            return Future.succeededFuture();
        }
        String type = event.getString("type");
        MessageHandler handler = eventHandlers.get(type);
        if (handler == null) {
            log.warn("{} has no handler for event type '{}'; dropped it", consumerName(), type);
            return Future.succeededFuture();
        }
        return events.submitLayerEvent(() -> handler.handle(event)).onFailure(e -> hookFailed("event " + type, e));
    }

    private void hookFailed(String hook, Throwable cause) {
        if (cause instanceof ConnectionClosed) {
            // The socket closed under a send (a drain, the client gone): not the consumer's fault, and the
            // transport's close report follows, which ends the session.
            log.debug("{} could not send in {} for {}: {}", consumerName(), hook, scope.path(), cause.getMessage());
            return;
        }
        switch (state) {
            case CONNECTING -> {
                log.error("{} failed in {} for {}; refusing the handshake", consumerName(), hook, scope.path(), cause);
                refuse(500);
            }
            case OPEN -> {
                log.error("{} failed in {} for {}; closing with 1011", consumerName(), hook, scope.path(), cause);
                close(CloseCodes.INTERNAL_ERROR, "internal error");
            }
            default -> log.debug("{} failed in {} after the connection closed: {}", consumerName(), hook, cause.toString());
        }
    }

    private void resumeReadingIfCaughtUp() {
        if (readingPaused && events.size() <= RESUME_READING_AT) {
            readingPaused = false;
            transport.resumeReading();
        }
    }

    Future<Void> accept(Optional<String> subprotocol) {
        if (state != State.CONNECTING) {
            return Future.failedFuture(new IllegalStateException("accept called on a connection that is " + state));
        }
        if (subprotocol.isPresent() && !scope.subprotocols().contains(subprotocol.get())) {
            return Future.failedFuture(new IllegalArgumentException(
                    "the client did not offer subprotocol '" + subprotocol.get() + "' (it offered " + scope.subprotocols() + ")"));
        }
        state = State.OPEN;
        transport.accept(subprotocol);
        return Future.succeededFuture();
    }

    Future<Void> close(int code, String reason) {
        switch (state) {
            case CONNECTING -> refuse(403);
            case OPEN -> {
                state = State.CLOSING;
                transport.close(code, truncate(reason));
            }
            default -> {
                // Already closing or closed: nothing more to say to the client.
            }
        }
        return Future.succeededFuture();
    }

    private Future<Void> releaseChannel() {
        List<Future<Void>> releases = new ArrayList<>();
        for (String group : groups) {
            releases.add(layer.groupDiscard(group, channelName));
        }
        receiver.ifPresent(r -> releases.add(r.stop()));
        return Future.join(releases).<Void>mapEmpty()
                .recover(e -> {
                    log.warn("could not release channel {} of {}: {}", channelName, scope.path(), e.toString());
                    return Future.succeededFuture();
                });
    }

    private String consumerName() {
        return consumer == null ? "consumer" : consumer.getClass().getSimpleName();
    }

    private static String truncate(String reason) {
        byte[] bytes = reason.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_CLOSE_REASON_BYTES) {
            return reason;
        }
        int end = reason.length();
        while (reason.substring(0, end).getBytes(StandardCharsets.UTF_8).length > MAX_CLOSE_REASON_BYTES) {
            end--;
        }
        if (end > 0 && Character.isHighSurrogate(reason.charAt(end - 1))) {
            end--;
        }
        return reason.substring(0, end);
    }

    void requireEventLoop() {
        if (Thread.currentThread() != eventLoop) {
            throw new IllegalStateException("use a Connection only on its own event loop, from the consumer's hooks and handlers");
        }
    }

    Scope scope() {
        return scope;
    }

    ConnectionTasks tasks() {
        return tasks;
    }

    Context context() {
        return context;
    }

    ChannelLayer layer() {
        return layer;
    }

    /** For {@link SessionConnection#send}: frames go out only while the connection is open. */
    Future<Void> sendText(String text) {
        if (state != State.OPEN) {
            return Future.failedFuture(new ConnectionClosed("cannot send on a connection that is " + state));
        }
        return transport.sendText(text);
    }

    /** For {@link SessionConnection#groupAdd}: remembered, so the connection leaves it when it ends. */
    Future<Void> joinGroup(String group) {
        groups.add(group);
        return layer.groupAdd(group, channelName);
    }

    Future<Void> leaveGroup(String group) {
        groups.remove(group);
        return layer.groupDiscard(group, channelName);
    }

    /** The factory threw while making a consumer. */
    private static final class ConsumerFailed extends RuntimeException {
        ConsumerFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
