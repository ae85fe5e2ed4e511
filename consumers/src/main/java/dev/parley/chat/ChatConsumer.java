package dev.parley.chat;

import dev.parley.consumers.Connection;
import dev.parley.consumers.ConsumerFactory;
import dev.parley.consumers.FrameRateLimit;
import dev.parley.consumers.JsonConsumer;
import dev.parley.consumers.Strikes;
import dev.parley.consumers.User;
import dev.parley.chat.ClientFrame.Amend;
import dev.parley.chat.ClientFrame.HistoryAfter;
import dev.parley.chat.ClientFrame.HistoryBefore;
import dev.parley.chat.ClientFrame.Post;
import dev.parley.chat.ClientFrame.Refused;
import dev.parley.chat.ClientFrame.Typing;
import dev.parley.store.Amendment;
import dev.parley.store.Amendment.Authorship;
import dev.parley.store.MessageStore;
import dev.parley.store.MessageStore.Amended;
import dev.parley.store.MessageStore.Appended;
import dev.parley.store.StoredMessage;
import dev.parley.store.NewMessage;
import dev.parley.layer.ChannelLayer.MessageHandler;
import dev.parley.layer.LayerUnavailable;
import dev.parley.layer.Presence;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A chat room by URL, {@code /ws/chat/{room}/}: every message posted reaches every connection of the room, the
 * sender's included. Speaks the Django Channels tutorial protocol, or the rich one when the client offers
 * {@value WireMode#RICH_SUBPROTOCOL} (docs/protocol.md).
 */
public final class ChatConsumer implements JsonConsumer, FrameRateLimit.Listener {

    private final Connection connection;
    private final ChatSettings settings;
    private final String room;
    /** Who this is; a guest is renamed when somebody registers its name. */
    private User user;
    private final WireMode mode;
    private final ClientFrameDecoder decoder;
    private final Presence presence;
    private final MessageStore store;
    private final HistoryReader history;
    private final FloodControl.Connection limits;
    private boolean entered;
    /** What this connection posted: all a guest may edit or delete. */
    private final PostedSeqs postedHere = new PostedSeqs();
    /** The node's catch-up after a Redis outage, which this connection is part of. */
    private final OutageRecovery recovery;
    /** The room's rows this client was sent: each once, live as they come, gaps filled from the store. */
    private final CatchUpDelivery delivery;
    /** Whether the history frame sent on joining held messages, so told the client's place in the room. */
    private boolean historyFrameHeld;

    public ChatConsumer(Connection connection, ChatSettings settings, Presence presence, MessageStore store,
                        FloodControl floodControl, OutageRecovery recovery) {
        this.connection = connection;
        this.recovery = recovery;
        this.limits = floodControl.forConnection();
        this.settings = settings;
        this.presence = presence;
        this.store = store;
        this.room = connection.scope().pathParam("room");
        this.user = connection.scope().user();
        this.mode = WireMode.chooseFor(connection.scope().subprotocols());
        this.decoder = new ClientFrameDecoder(mode, settings.maxMessageLength());
        this.history = new HistoryReader(store, room);
        this.delivery = new CatchUpDelivery(room, mode, recovery.reads(), connection.context(),
                text -> connection.send(text).recover(e -> Future.succeededFuture()),
                (delay, task) -> connection.tasks().after(delay, task));
    }

    /** Makes a chat consumer per connection; the route must have a {@code room} path parameter. No rate limits. */
    public static ConsumerFactory factory(ChatSettings settings, Presence presence, MessageStore store) {
        return factory(settings, presence, store, FloodControl.unlimited());
    }

    /**
     * Makes a chat consumer per connection, within the gateway's message rate. The factory's connections share an
     * {@link OutageRecovery}, started with the first of them.
     */
    public static ConsumerFactory factory(ChatSettings settings, Presence presence, MessageStore store,
                                          FloodControl floodControl) {
        OutageRecovery[] shared = new OutageRecovery[1];
        return connection -> {
            OutageRecovery recovery;
            synchronized (shared) {
                if (shared[0] == null) {
                    shared[0] = OutageRecovery.start(connection.context().owner(), connection.layer(), store);
                }
                recovery = shared[0];
            }
            return new ChatConsumer(connection, settings, presence, store, floodControl, recovery);
        };
    }

    /** Makes a chat consumer per connection, within the gateway's message rate, sharing the node's recovery. */
    public static ConsumerFactory factory(ChatSettings settings, Presence presence, MessageStore store,
                                          FloodControl floodControl, OutageRecovery recovery) {
        return connection -> new ChatConsumer(connection, settings, presence, store, floodControl, recovery);
    }

    @Override
    public List<String> groups() {
        // An invalid room has no group: connect() refuses it with 1008 rather than the layer with an outage.
        if (!RoomName.isValid(room)) {
            return List.of();
        }
        // A guest hears when its name is registered, on whichever gateway.
        return user.guest() ? List.of(RoomName.group(room), NameRegistered.group(user.name()))
                : List.of(RoomName.group(room));
    }

    @Override
    public Map<String, MessageHandler> eventHandlers() {
        return Map.of(
                ChatMessage.TYPE, this::chatMessage,
                ChatAmendment.TYPE, this::chatMessage,
                LatestSeq.TYPE, this::latestSeq,
                TypingEvent.TYPE, this::typing,
                PresenceEvent.TYPE, this::presenceChanged,
                NameRegistered.TYPE, this::nameRegistered);
    }

    @Override
    public Future<Void> connect() {
        if (!RoomName.isValid(room)) {
            return connection.close(1008, "invalid room name");
        }
        recovery.joined(room, connection.channelName());
        Future<Void> accepted = mode == WireMode.TUTORIAL
                ? connection.accept()
                : connection.accept(WireMode.RICH_SUBPROTOCOL)
                        .compose(v -> send(ServerFrames.welcome(room, user, settings.maxMessageLength())));
        return accepted.compose(v -> enterRoom())
                .compose(v -> mode == WireMode.RICH ? sendHistory() : Future.succeededFuture())
                .compose(v -> learnTheLatest());
    }

    /**
     * The room's latest seq, where no history frame told it (tutorial clients, an empty frame): what was posted before
     * the client joined is not "missed" when it is told a newer seq. Read after the handshake, which it does not
     * delay; live messages wait meanwhile, and are sent whatever it says. If the store does not answer, the first live
     * message sets the mark.
     */
    private Future<Void> learnTheLatest() {
        if (historyFrameHeld) {
            return Future.succeededFuture();
        }
        return recovery.reads().latestSeq(room, connection.context())
                .<Void>map(seq -> {
                    delivery.joinedAt(seq);
                    return null;
                })
                .recover(e -> Future.succeededFuture());
    }

    @Override
    public Future<Void> disconnect(int closeCode) {
        recovery.left(room, connection.channelName());
        if (!entered) {
            return Future.succeededFuture();
        }
        return leaveRoom(user.name());
    }

    private Future<Void> leaveRoom(String name) {
        return presence.leave(room, name)
                .compose(left -> left ? announce(name, false) : Future.succeededFuture())
                .recover(e -> Future.succeededFuture()); // Presence is best effort: a node's entries expire anyway.
    }

    /** Counts this connection in the room's presence; tells the room if its user just arrived, and rich clients who is here. */
    private Future<Void> enterRoom() {
        entered = true;
        String name = user.name();
        Future<Void> entering = presence.enter(room, name)
                .compose(joined -> joined ? announce(name, true) : Future.succeededFuture());
        if (mode == WireMode.RICH) {
            entering = entering.compose(v -> presence.users(room))
                    .compose(users -> send(ServerFrames.presence(room, users)));
        }
        return entering.recover(e -> Future.succeededFuture()); // Chat works without presence while Redis is away.
    }

    /** The first history frame; live messages it already holds will not be sent again. */
    private Future<Void> sendHistory() {
        Optional<String> afterParam = connection.scope().queryParam("after");
        Optional<Long> after = afterParam.flatMap(ChatConsumer::wholeNumber).filter(seq -> seq >= 0);
        int latest = requestedLatest();
        Future<Void> warned = afterParam.isPresent() && after.isEmpty()
                ? sendError(ErrorCode.INVALID_REQUEST, "\"after\" must be a message seq; sending the latest instead",
                        Optional.empty())
                : Future.succeededFuture();
        return warned.compose(v -> history.onJoin(after, latest))
                .compose(frame -> {
                    long highest = HistoryReader.highestSeq(frame);
                    if (highest > 0) {
                        historyFrameHeld = true;
                        delivery.holdsUpTo(highest);
                    }
                    return send(frame);
                })
                .recover(e -> sendError(ErrorCode.UNAVAILABLE, "history is unavailable right now; new messages still arrive",
                        Optional.empty()));
    }

    /** How many of the latest messages the client asked for on joining ({@code ?history=}). */
    private int requestedLatest() {
        return connection.scope().queryParam("history").flatMap(ChatConsumer::wholeNumber)
                .map(n -> (int) Math.max(0, Math.min(ClientFrameDecoder.MAX_HISTORY_PAGE, n)))
                .orElse(HistoryReader.DEFAULT_LATEST);
    }

    private Future<Void> announce(String name, boolean present) {
        return connection.layer().groupSend(RoomName.group(room), new PresenceEvent(room, name, present).toEvent());
    }

    private Future<Void> sendHistoryPage(Future<JsonObject> page) {
        return page.compose(this::send)
                .recover(e -> sendError(ErrorCode.UNAVAILABLE, "history is unavailable right now", Optional.empty()));
    }

    @Override
    public Future<Void> receiveJson(JsonObject frame) {
        ClientFrame decoded = decoder.decode(frame);
        if (decoded instanceof Post post) {
            return limits.messageAllowed(user) ? post(post) : rateLimited(post.clientId());
        }
        if (decoded instanceof Amend amend) {
            return limits.messageAllowed(user) ? amend(amend) : rateLimited(amend.clientId());
        }
        if (decoded instanceof HistoryBefore page) {
            return sendHistoryPage(history.before(page.before(), page.limit()));
        }
        if (decoded instanceof HistoryAfter page) {
            return sendHistoryPage(history.after(page.after(), page.limit()));
        }
        if (decoded instanceof Typing typing) {
            TypingEvent event = new TypingEvent(room, user.name(), typing.active(), connection.channelName());
            return connection.layer().groupSend(RoomName.group(room), event.toEvent())
                    .recover(e -> Future.succeededFuture()); // Typing is best effort: a lost one expires on the client.
        }
        Refused refused = (Refused) decoded;
        return sendError(refused.code(), refused.detail(), refused.clientId());
    }

    @Override
    public Future<Void> receiveInvalidJson(String text, JsonProblem problem) {
        ErrorCode code = problem == JsonProblem.NOT_JSON ? ErrorCode.INVALID_JSON : ErrorCode.INVALID_FRAME;
        return sendError(code, code.sentence(), Optional.empty());
    }

    @Override
    public Future<Void> receiveBinary(Buffer bytes) {
        return sendError(ErrorCode.BINARY_NOT_SUPPORTED, ErrorCode.BINARY_NOT_SUPPORTED.sentence(), Optional.empty());
    }

    /** A frame over the connection's frame rate ({@link FrameRateLimit}): {@code rate_limited}, with its client id. */
    @Override
    public Future<Void> frameRefused(Optional<String> text) {
        return sendError(ErrorCode.RATE_LIMITED, ErrorCode.RATE_LIMITED.sentence(), text.flatMap(this::clientIdIn));
    }

    /** The client id of a refused frame, if it is a JSON object that carries a plausible one. */
    private Optional<String> clientIdIn(String text) {
        try {
            return new JsonObject(text).getValue("client_id") instanceof String id && id.length() <= 64
                    ? Optional.of(id) : Optional.empty();
        } catch (RuntimeException notAnObject) {
            return Optional.empty();
        }
    }

    /** Over a rate limit: an error frame, and for a connection that keeps on regardless, a close with 1008. */
    private Future<Void> rateLimited(Optional<String> clientId) {
        if (limits.flooding()) {
            return connection.close(1008, Strikes.FLOODING);
        }
        return sendError(ErrorCode.RATE_LIMITED, ErrorCode.RATE_LIMITED.sentence(), clientId);
    }

    /**
     * Stored first, then sent to the room, then acknowledged: nobody sees a message that is not kept. While Redis is
     * away it is still stored, sent to this node's members and acknowledged; the others catch up when it is back.
     */
    private Future<Void> post(Post post) {
        NewMessage message = new NewMessage(room, user.name(), post.message(), settings.clock().instant(), post.clientId());
        return store.append(message).transform(stored -> {
            if (stored.failed()) {
                return sendError(ErrorCode.UNAVAILABLE, ErrorCode.UNAVAILABLE.sentence(), post.clientId());
            }
            Appended appended = stored.result();
            if (!appended.duplicate()) {
                postedHere.add(appended.message().seq());
            }
            ChatMessage posted = ChatMessage.of(appended.message()).sentBy(user.guest());
            Future<Void> delivered = appended.duplicate()
                    ? Future.succeededFuture()
                    : toRoom(posted.toEvent(), appended.message().seq());
            return delivered.compose(v -> mode == WireMode.RICH
                    ? send(ServerFrames.ack(appended.message(), appended.duplicate()))
                    : Future.succeededFuture());
        });
    }

    /**
     * An edit or deletion, as a message: stored first (the store checks the target and its author), then sent to the
     * room, then acknowledged. A guest's authorship is what this connection posted.
     */
    private Future<Void> amend(Amend amend) {
        Authorship authorship = !user.guest() ? Authorship.ACCOUNT
                : postedHere.contains(amend.target()) ? Authorship.POSTED_ON_THIS_CONNECTION
                : Authorship.NOT_POSTED_ON_THIS_CONNECTION;
        Amendment amendment = new Amendment(room, amend.target(), user.name(), authorship, amend.newText(),
                settings.clock().instant(), amend.clientId());
        return store.amend(amendment).transform(stored -> {
            if (stored.failed()) {
                return sendError(ErrorCode.UNAVAILABLE, "the change could not be stored; nothing was changed, send it "
                        + "again", amend.clientId());
            }
            Amended amended = stored.result();
            return switch (amended.outcome()) {
                case NO_SUCH_MESSAGE -> sendError(ErrorCode.NO_SUCH_MESSAGE, "there is no message " + amend.target()
                        + " in this room to edit or delete (or it was deleted)", amend.clientId());
                case NOT_YOURS -> sendError(ErrorCode.NOT_YOUR_MESSAGE, user.guest()
                        ? "message " + amend.target() + " was not posted on this connection; guests can only edit "
                                + "or delete what they posted since they connected"
                        : "message " + amend.target() + " is not yours", amend.clientId());
                case AMENDED, DUPLICATE -> deliver(amended.event().orElseThrow(),
                        amended.outcome() == Amended.Outcome.DUPLICATE);
            };
        });
    }

    private Future<Void> deliver(StoredMessage stored, boolean duplicate) {
        ChatAmendment event = ChatAmendment.of(stored);
        Future<Void> delivered = duplicate ? Future.succeededFuture() : toRoom(event.toEvent(), stored.seq());
        return delivered.compose(v -> mode == WireMode.RICH
                ? send(ServerFrames.ack(stored, duplicate))
                : Future.succeededFuture());
    }

    /**
     * Sends a stored row (message, edit, deletion) to the room. If the layer cannot publish it (Redis away), this
     * node's members still get it: the layer delivered it to them before failing with {@link LayerUnavailable}, and
     * for any other refusal it is sent to their channels here. Either way the room is remembered, and the other
     * nodes' members are told its latest seq once the layer is back ({@link OutageRecovery}).
     */
    private Future<Void> toRoom(JsonObject event, long seq) {
        return connection.layer().groupSend(RoomName.group(room), event).recover(e -> {
            recovery.unpublished(room, seq);
            if (e instanceof LayerUnavailable) {
                return Future.succeededFuture();
            }
            return recovery.deliverHere(room, event).recover(x -> Future.succeededFuture())
                    .compose(v -> delivery.live(seq, ChatMessage.frameOf(event, mode)));
        });
    }

    /** A row of the room, live: sent at once unless already sent (a gap before it is filled from the store later). */
    private Future<Void> chatMessage(JsonObject event) {
        return delivery.live(ChatMessage.seqOf(event), ChatMessage.frameOf(event, mode));
    }

    /** The room's latest seq (after a Redis outage): what this client lacks is read from the store and sent. */
    private Future<Void> latestSeq(JsonObject event) {
        LatestSeq latest = LatestSeq.fromEvent(event);
        return latest.room().equals(room) ? delivery.latest(latest.seq()) : Future.succeededFuture();
    }

    private Future<Void> typing(JsonObject event) {
        TypingEvent typing = TypingEvent.fromEvent(event);
        if (mode == WireMode.TUTORIAL || typing.senderChannel().equals(connection.channelName())) {
            return Future.succeededFuture();
        }
        return send(ServerFrames.typing(typing));
    }

    /**
     * Somebody registered a name: a guest holding it (or a look-alike) takes a new guest name at once, leaving the
     * owner's presence entry, and a rich client is told why. Tutorial clients just see the new name on messages.
     */
    private Future<Void> nameRegistered(JsonObject event) {
        if (!user.guest() || !NameRegistered.fromEvent(event).claims(user.name())) {
            return Future.succeededFuture();
        }
        String previous = user.name();
        user = User.guest(GuestNames.generate());
        Future<Void> told = mode == WireMode.RICH
                ? send(ServerFrames.renamed(room, previous, user.name()))
                : Future.succeededFuture();
        return told.compose(v -> entered ? leaveRoom(previous).compose(left -> enterRoom()) : Future.succeededFuture())
                .compose(v -> connection.groupDiscard(NameRegistered.group(previous)))
                // Staying in the old name's group is harmless: a guest- name is never registered.
                .recover(e -> Future.succeededFuture());
    }

    private Future<Void> presenceChanged(JsonObject event) {
        PresenceEvent change = PresenceEvent.fromEvent(event);
        if (mode == WireMode.TUTORIAL || change.user().equals(user.name())) {
            return Future.succeededFuture();
        }
        return send(change.toFrame());
    }

    private static Optional<Long> wholeNumber(String text) {
        try {
            return Optional.of(Long.parseLong(text.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private Future<Void> sendError(ErrorCode code, String detail, Optional<String> clientId) {
        return send(ServerFrames.error(code, detail, clientId));
    }

    /**
     * Sends a frame, treating a connection that closed meanwhile as done: the client is gone, and the consumer
     * must not fail (and be closed with 1011) for that.
     */
    private Future<Void> send(JsonObject frame) {
        return connection.sendJson(frame).recover(e -> Future.succeededFuture());
    }
}
