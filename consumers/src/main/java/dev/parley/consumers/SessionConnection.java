package dev.parley.consumers;

import dev.parley.layer.ChannelLayer;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Optional;

/**
 * The consumer's view of its {@link ConsumerSession}: usable only on the connection's own event loop, except the
 * read-only accessors and {@link #tasks()}, which any thread may use.
 */
final class SessionConnection implements Connection {

    private final ConsumerSession session;

    SessionConnection(ConsumerSession session) {
        this.session = session;
    }

    @Override
    public Scope scope() {
        return session.scope();
    }

    @Override
    public String channelName() {
        return session.channelName();
    }

    @Override
    public ChannelLayer layer() {
        return session.layer();
    }

    @Override
    public Future<Void> accept() {
        session.requireEventLoop();
        return session.accept(Optional.empty());
    }

    @Override
    public Future<Void> accept(String subprotocol) {
        session.requireEventLoop();
        return session.accept(Optional.of(subprotocol));
    }

    @Override
    public Future<Void> send(String text) {
        session.requireEventLoop();
        return session.sendText(text);
    }

    @Override
    public Future<Void> sendJson(JsonObject frame) {
        return send(frame.encode());
    }

    @Override
    public Future<Void> close(int code, String reason) {
        session.requireEventLoop();
        return session.close(code, reason);
    }

    @Override
    public Future<Void> groupAdd(String group) {
        session.requireEventLoop();
        return session.joinGroup(group);
    }

    @Override
    public Future<Void> groupDiscard(String group) {
        session.requireEventLoop();
        return session.leaveGroup(group);
    }

    @Override
    public ConnectionTasks tasks() {
        return session.tasks();
    }

    @Override
    public Context context() {
        return session.context();
    }
}
