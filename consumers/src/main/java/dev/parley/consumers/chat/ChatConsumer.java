package dev.parley.consumers.chat;

import dev.parley.consumers.Connection;
import dev.parley.consumers.ConsumerFactory;
import dev.parley.consumers.JsonConsumer;
import dev.parley.consumers.User;
import dev.parley.consumers.chat.ClientFrame.Post;
import dev.parley.consumers.chat.ClientFrame.Refused;
import dev.parley.consumers.chat.ClientFrame.Typing;
import dev.parley.layer.ChannelLayer.MessageHandler;
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
public final class ChatConsumer implements JsonConsumer {

    private final Connection connection;
    private final ChatSettings settings;
    private final String room;
    private final User user;
    private final WireMode mode;
    private final ClientFrameDecoder decoder;
    private final Presence presence;
    private boolean entered;

    public ChatConsumer(Connection connection, ChatSettings settings, Presence presence) {
        this.connection = connection;
        this.settings = settings;
        this.presence = presence;
        this.room = connection.scope().pathParam("room");
        this.user = connection.scope().user();
        this.mode = WireMode.chooseFor(connection.scope().subprotocols());
        this.decoder = new ClientFrameDecoder(mode, settings.maxMessageLength());
    }

    /** Makes a chat consumer per connection; the route must have a {@code room} path parameter. */
    public static ConsumerFactory factory(ChatSettings settings, Presence presence) {
        return connection -> new ChatConsumer(connection, settings, presence);
    }

    @Override
    public List<String> groups() {
        return List.of(RoomName.group(room));
    }

    @Override
    public Map<String, MessageHandler> eventHandlers() {
        return Map.of(
                ChatMessage.TYPE, this::chatMessage,
                TypingEvent.TYPE, this::typing,
                PresenceEvent.TYPE, this::presenceChanged);
    }

    @Override
    public Future<Void> connect() {
        if (!RoomName.isValid(room)) {
            return connection.close(1008, "invalid room name");
        }
        Future<Void> accepted = mode == WireMode.TUTORIAL
                ? connection.accept()
                : connection.accept(WireMode.RICH_SUBPROTOCOL)
                        .compose(v -> send(ServerFrames.welcome(room, user.name(), user.guest(), settings.maxMessageLength())));
        return accepted.compose(v -> enterRoom());
    }

    @Override
    public Future<Void> disconnect(int closeCode) {
        if (!entered) {
            return Future.succeededFuture();
        }
        return presence.leave(room, user.name())
                .compose(left -> left ? announce(false) : Future.succeededFuture())
                .recover(e -> Future.succeededFuture()); // Presence is best effort: a node's entries expire anyway.
    }

    /** Counts this connection in the room's presence; tells the room if its user just arrived, and rich clients who is here. */
    private Future<Void> enterRoom() {
        entered = true;
        Future<Void> entering = presence.enter(room, user.name())
                .compose(joined -> joined ? announce(true) : Future.succeededFuture());
        if (mode == WireMode.RICH) {
            entering = entering.compose(v -> presence.users(room))
                    .compose(users -> send(ServerFrames.presence(room, users)));
        }
        return entering.recover(e -> Future.succeededFuture()); // Chat works without presence while Redis is away.
    }

    private Future<Void> announce(boolean present) {
        return connection.layer().groupSend(RoomName.group(room), new PresenceEvent(room, user.name(), present).toEvent());
    }

    @Override
    public Future<Void> receiveJson(JsonObject frame) {
        ClientFrame decoded = decoder.decode(frame);
        if (decoded instanceof Post post) {
            return post(post);
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

    private Future<Void> post(Post post) {
        ChatMessage message = new ChatMessage(room, user.name(), post.message(), settings.clock().instant(),
                post.clientId());
        return connection.layer().groupSend(RoomName.group(room), message.toEvent())
                .transform(sent -> {
                    if (sent.failed()) {
                        return sendError(ErrorCode.UNAVAILABLE, ErrorCode.UNAVAILABLE.sentence(), post.clientId());
                    }
                    return mode == WireMode.RICH
                            ? send(ServerFrames.ack(post.clientId(), message.sentAt()))
                            : Future.succeededFuture();
                });
    }

    private Future<Void> chatMessage(JsonObject event) {
        return send(ChatMessage.fromEvent(event).toFrame(mode));
    }

    private Future<Void> typing(JsonObject event) {
        TypingEvent typing = TypingEvent.fromEvent(event);
        if (mode == WireMode.TUTORIAL || typing.senderChannel().equals(connection.channelName())) {
            return Future.succeededFuture();
        }
        return send(ServerFrames.typing(typing));
    }

    private Future<Void> presenceChanged(JsonObject event) {
        PresenceEvent change = PresenceEvent.fromEvent(event);
        if (mode == WireMode.TUTORIAL || change.user().equals(user.name())) {
            return Future.succeededFuture();
        }
        return send(change.toFrame());
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
