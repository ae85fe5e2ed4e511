package dev.parley.gateway.chat;

import dev.parley.chat.ChatMessage;
import dev.parley.chat.RoomEvents;
import dev.parley.chat.RoomName;
import dev.parley.chat.WireMode;
import dev.parley.gateway.http.PlainResponses;
import dev.parley.layer.ChannelLayer;
import dev.parley.store.MessageStore.Page;
import dev.parley.store.MessageStore;
import dev.parley.store.StoredMessage;
import io.netty.handler.timeout.IdleStateHandler;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code GET /api/rooms/{room}/events}: a room's chat messages as Server-Sent Events (docs/protocol.md), like a
 * Channels {@code AsyncHttpConsumer} that streams; read-only, for clients behind proxies that refuse WebSockets.
 * Each message, edit or deletion is one event ({@code message}, {@code edit}, {@code delete}) whose id is its seq. A client that comes back with {@code Last-Event-ID} (or
 * {@code ?after=}) first gets the stored messages after that seq, then live ones: none twice, none missing between.
 */
public final class RoomEventStream {

    /** How often a comment line goes out, so that proxies do not close a quiet stream. */
    static final Duration HEARTBEAT = Duration.ofSeconds(15);
    /** How long a gap in the live seqs may stay open (a message on its way) before the store is asked for it. */
    static final Duration GAP_WAIT = Duration.ofSeconds(1);
    /** Live messages held while the store is read; more, and the stream closes (the client resumes). */
    static final int MAX_PENDING = 1000;
    public static final int PAGE = 200;
    public static final long RETRY_MILLIS = 3000;

    private final ChannelLayer layer;
    private final MessageStore store;
    private final Duration heartbeat;

    public RoomEventStream(ChannelLayer layer, MessageStore store) {
        this(layer, store, HEARTBEAT);
    }

    public RoomEventStream(ChannelLayer layer, MessageStore store, Duration heartbeat) {
        this.layer = layer;
        this.store = store;
        this.heartbeat = heartbeat;
    }

    /** The route's handler; {@link ChatApp} puts {@link AccountApi#readersOnly} in front. */
    public void open(RoutingContext ctx) {
        Optional<Long> after;
        try {
            // EventSource keeps the URL of its first connect: a newer Last-Event-ID wins over ?after=.
            after = seq("Last-Event-ID", ctx.request().getHeader("last-event-id"))
                    .or(() -> seq("after", ctx.request().getParam("after")));
        } catch (IllegalArgumentException e) {
            PlainResponses.json(ctx, 400, new JsonObject().put("error", e.getMessage()));
            return;
        }
        if (ctx.request().method() == HttpMethod.HEAD) {
            streamHead(ctx.response()).end();
            return;
        }
        new Stream(ctx, ctx.pathParam("room"), after).start();
    }

    private static Optional<Long> seq(String name, String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            long seq = Long.parseLong(value.strip());
            if (seq >= 0) {
                return Optional.of(seq);
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        String shown = value.length() > 40 ? value.substring(0, 40) + "…" : value;
        throw new IllegalArgumentException(name + " must be a message seq (a whole number from 0), got '" + shown + "'");
    }

    private static HttpServerResponse streamHead(HttpServerResponse response) {
        return response.setStatusCode(200)
                .putHeader("content-type", "text/event-stream; charset=utf-8")
                .putHeader("cache-control", "no-store")
                .putHeader("x-accel-buffering", "no"); // nginx would otherwise hold events back to fill its buffer
    }

    /** One client's stream; everything runs on the request's event loop (the layer delivers on the caller's context). */
    private final class Stream {

        private final RoutingContext ctx;
        private final HttpServerResponse response;
        private final String room;
        private final String group;
        private final Optional<Long> after;
        /** Live events not yet sent, by seq: while the store is read, or behind a gap. */
        private final TreeMap<Long, JsonObject> pending = new TreeMap<>();
        private String channel; // null until the layer named it
        private ChannelLayer.Receiver receiver; // null until receiving, and again once stopped
        private boolean joined;
        private boolean closed;
        private boolean catchingUp = true;
        /** The highest seq sent, or known to the client; -1 until the start is known. */
        private long lastSent = -1;
        private long heartbeatTimer = -1;
        private long gapTimer = -1;

        Stream(RoutingContext ctx, String room, Optional<Long> after) {
            this.ctx = ctx;
            this.response = ctx.response();
            this.room = room;
            this.group = RoomName.group(room);
            this.after = after;
        }

        /** Joins the room first, holding what arrives, then reads the store: nothing posted meanwhile is lost. */
        void start() {
            response.closeHandler(v -> release());
            layer.newChannel("sse")
                    .compose(name -> {
                        channel = name;
                        return layer.receive(name, this::received);
                    })
                    .compose(started -> {
                        receiver = started;
                        return closed ? Future.<Void>failedFuture("closed") : layer.groupAdd(group, channel);
                    })
                    .compose(v -> {
                        joined = true;
                        return closed ? Future.<Page>failedFuture("closed") : store.latest(room, 1);
                    })
                    .onComplete(latest -> {
                        if (closed) {
                            release();
                        } else if (latest.failed()) {
                            PlainResponses.json(ctx, 503, new JsonObject().put("error",
                                    "the room's events are unavailable right now; try again shortly"));
                            release();
                        } else {
                            begin(newest(latest.result()));
                        }
                    });
        }

        private long newest(Page page) {
            return page.messages().isEmpty() ? 0 : page.messages().get(page.messages().size() - 1).seq();
        }

        private void begin(long newest) {
            keepOpenWhileQuiet();
            streamHead(response).setChunked(true).write("retry: " + RETRY_MILLIS + "\n\n");
            heartbeatTimer = ctx.vertx().setPeriodic(heartbeat.toMillis(), id -> {
                if (!tooSlow()) {
                    response.write(": keep-alive\n\n");
                }
            });
            // A seq beyond the room's newest (another server's, say) would hide the messages up to it.
            lastSent = Math.min(after.orElse(newest), newest);
            if (lastSent < newest) {
                catchUp(false);
            } else {
                caughtUp(false);
            }
        }

        /**
         * A reader sends nothing after its request, so the server's read idle time-out ({@code
         * CHAT_IDLE_TIMEOUT_SECONDS}, meant for WebSockets that answer pings) would cut every stream. A peer that is
         * gone shows instead when the heartbeats cannot be written.
         */
        private void keepOpenWhileQuiet() {
            if (ctx.request().connection() instanceof ConnectionBase base
                    && base.channel().pipeline().get(IdleStateHandler.class) != null) {
                base.channel().pipeline().remove(IdleStateHandler.class);
            }
        }

        private Future<Void> received(JsonObject event) {
            if (closed || !RoomEvents.isHistoryEvent(event)) {
                return Future.succeededFuture();
            }
            long seq = ChatMessage.seqOf(event);
            if (lastSent >= 0 && seq <= lastSent) {
                return Future.succeededFuture();
            }
            pending.put(seq, event);
            if (pending.size() > MAX_PENDING) {
                close(); // the client resumes from what it has, out of the store
            } else if (!catchingUp) {
                sendContiguous();
            }
            return Future.succeededFuture();
        }

        /** Reads the store after {@link #lastSent}, page by page, then sends what arrived live meanwhile. */
        private void catchUp(boolean forgiveGaps) {
            catchingUp = true;
            store.after(room, lastSent, PAGE).onComplete(page -> {
                if (closed) {
                    return;
                }
                if (page.failed()) {
                    close(); // the client resumes once the store answers again
                    return;
                }
                if (page.result().skipsAfter(lastSent)) {
                    sendReset(page.result().messages().get(0).seq());
                }
                for (StoredMessage message : page.result().messages()) {
                    if (message.seq() > lastSent) {
                        send(message.seq(), RoomEvents.eventName(message),
                                RoomEvents.frame(message, WireMode.RICH).encode());
                    }
                }
                if (closed) {
                    return;
                }
                if (page.result().hasMore()) {
                    catchUp(forgiveGaps);
                } else {
                    caughtUp(forgiveGaps);
                }
            });
        }

        private void caughtUp(boolean forgiveGaps) {
            catchingUp = false;
            if (forgiveGaps) {
                // The store had nothing for the gap: send what is held rather than wait for what will not come.
                while (!closed && !pending.isEmpty()) {
                    Map.Entry<Long, JsonObject> first = pending.pollFirstEntry();
                    if (first.getKey() > lastSent) {
                        sendEvent(first.getKey(), first.getValue());
                    }
                }
            }
            sendContiguous();
        }

        /** Sends held events that follow {@link #lastSent} without a gap; a gap left open is waited for a moment. */
        private void sendContiguous() {
            while (!closed && !pending.isEmpty() && pending.firstKey() <= lastSent + 1) {
                Map.Entry<Long, JsonObject> first = pending.pollFirstEntry();
                if (first.getKey() > lastSent) {
                    sendEvent(first.getKey(), first.getValue());
                }
            }
            if (closed || pending.isEmpty()) {
                cancelGapTimer();
            } else if (gapTimer < 0) {
                gapTimer = ctx.vertx().setTimer(GAP_WAIT.toMillis(), id -> {
                    gapTimer = -1;
                    if (!closed && !catchingUp && !pending.isEmpty()) {
                        catchUp(true);
                    }
                });
            }
        }

        private void sendEvent(long seq, JsonObject event) {
            send(seq, RoomEvents.eventName(event), ChatMessage.frameOf(event, WireMode.RICH));
        }

        /** The retention removed the seqs from lastSent + 1 to oldest - 1: the reader starts again (no id: not a seq). */
        private void sendReset(long oldest) {
            if (!tooSlow()) {
                response.write("event: reset\ndata: " + new JsonObject().put("type", "reset").put("room", room)
                        .put("after", lastSent).put("oldest_seq", oldest).encode() + "\n\n");
            }
        }

        private void send(long seq, String eventName, String frame) {
            if (tooSlow()) {
                return;
            }
            response.write("id: " + seq + "\nevent: " + eventName + "\ndata: " + frame + "\n\n");
            lastSent = seq;
        }

        /** A reader that does not keep up is closed rather than buffered without bound; it resumes by seq. */
        private boolean tooSlow() {
            if (closed) {
                return true;
            }
            if (response.writeQueueFull()) {
                close();
                return true;
            }
            return false;
        }

        private void close() {
            release();
            response.close();
        }

        private void cancelGapTimer() {
            if (gapTimer >= 0) {
                ctx.vertx().cancelTimer(gapTimer);
                gapTimer = -1;
            }
        }

        /** Leaves the group and stops the receiver; safe to call again, and before the set-up has finished. */
        private void release() {
            closed = true;
            pending.clear();
            cancelGapTimer();
            if (heartbeatTimer >= 0) {
                ctx.vertx().cancelTimer(heartbeatTimer);
                heartbeatTimer = -1;
            }
            if (joined) {
                joined = false;
                layer.groupDiscard(group, channel);
            }
            if (receiver != null) {
                receiver.stop();
                receiver = null;
            }
        }
    }
}
