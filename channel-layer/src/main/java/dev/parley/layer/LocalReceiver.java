package dev.parley.layer;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** A receiver of the in-memory layer: runs its handler on the context it was registered from, one message at a time. */
final class LocalReceiver implements ChannelLayer.Receiver {

    private final LocalChannels channels;
    private final String channel;
    private final Context context;
    private final ChannelLayer.MessageHandler handler;

    /** Written under the mailbox's lock; read without it on the receiver's context just before handling. */
    private volatile boolean stopped;
    /** Set once, under the mailbox's lock, when attached. */
    private volatile Mailbox mailbox;

    LocalReceiver(LocalChannels channels, String channel, Context context, ChannelLayer.MessageHandler handler) {
        this.channels = channels;
        this.channel = channel;
        this.context = context;
        this.handler = handler;
    }

    @Override
    public Future<Void> stop() {
        channels.stop(this);
        return Future.succeededFuture();
    }

    String channel() {
        return channel;
    }

    boolean isStopped() {
        return stopped;
    }

    void markStopped() {
        stopped = true;
    }

    void attachedTo(Mailbox attached) {
        mailbox = attached;
    }

    Mailbox mailbox() {
        return mailbox;
    }

    Context context() {
        return context;
    }

    void deliver(JsonObject message, long expiresAt) {
        context.runOnContext(v -> handleNow(message, expiresAt));
    }

    /** Handles the message on the receiver's context, then asks for the next one. */
    void handleNow(JsonObject message, long expiresAt) {
        if (stopped) {
            // Stopped between dispatch and now: the message was never handled, so another receiver may take it.
            channels.putBack(this, message, expiresAt);
            return;
        }
        handle(message).onComplete(done -> channels.ready(this));
    }

    private Future<Void> handle(JsonObject message) {
        try {
            Future<Void> done = handler.handle(message);
            return done == null ? Future.succeededFuture() : done;
        } catch (Throwable e) {
            // A throwing handler must not stall its channel: it counts as a failed message, and the next one comes.
            return Future.failedFuture(e);
        }
    }
}
