package dev.parley.layer;

import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;

/**
 * One channel of the in-memory layer: its undelivered messages and the receivers competing for them.
 *
 * <p>Not thread-safe: every method runs under the mailbox's own lock, taken by {@link LocalChannels}. A receiver is
 * idle only while the queue is empty, so a message never waits while a receiver could take it.
 */
final class Mailbox {

    /** A message on its way to one receiver; started outside the lock because it schedules user code. */
    record Delivery(LocalReceiver receiver, JsonObject message, long expiresAt) {
        /** Schedules the handler on the receiver's context. */
        void start() {
            receiver.deliver(message, expiresAt);
        }

        /** Runs the handler now: only on the receiver's context. */
        void handleNow() {
            receiver.handleNow(message, expiresAt);
        }
    }

    private record Queued(JsonObject message, long expiresAt) {
    }

    private final String channel;
    private final ArrayDeque<Queued> queue = new ArrayDeque<>();
    private final ArrayDeque<LocalReceiver> idle = new ArrayDeque<>();
    private final Set<LocalReceiver> receivers = new HashSet<>();
    /** Left the layer's map: whoever holds it must look the channel up again. */
    private boolean removed;

    Mailbox(String channel) {
        this.channel = channel;
    }

    String channel() {
        return channel;
    }

    boolean isRemoved() {
        return removed;
    }

    void markRemoved() {
        removed = true;
    }

    /** Whether a send can be accepted now: an idle receiver takes it at once, or the queue has room. */
    boolean accepts(long now, int capacity) {
        dropExpired(now);
        return !idle.isEmpty() || queue.size() < capacity;
    }

    /** Hands the message to an idle receiver, or queues it and returns null; only after {@link #accepts}. */
    Delivery offer(JsonObject message, long expiresAt) {
        LocalReceiver receiver = idle.poll();
        if (receiver != null) {
            return new Delivery(receiver, message, expiresAt);
        }
        queue.add(new Queued(message, expiresAt));
        return null;
    }

    /** The receiver is ready for more: its next message, or null when it now waits idle. */
    Delivery next(LocalReceiver receiver, long now) {
        dropExpired(now);
        Queued head = queue.poll();
        if (head == null) {
            idle.add(receiver);
            return null;
        }
        return new Delivery(receiver, head.message(), head.expiresAt());
    }

    /**
     * Returns a message that a receiver stopped before handling. It goes back to the head, ahead of later
     * messages, and may exceed capacity for a moment: it was already accepted once.
     */
    Delivery putBack(JsonObject message, long expiresAt, long now) {
        if (expiresAt - now <= 0) {
            return null;
        }
        LocalReceiver receiver = idle.poll();
        if (receiver != null) {
            return new Delivery(receiver, message, expiresAt);
        }
        queue.addFirst(new Queued(message, expiresAt));
        return null;
    }

    void attach(LocalReceiver receiver) {
        receivers.add(receiver);
    }

    void detach(LocalReceiver receiver) {
        receivers.remove(receiver);
        idle.remove(receiver);
    }

    Set<LocalReceiver> receivers() {
        return receivers;
    }

    /** Drops expired messages; the expiry is the same for all, so they sit at the head. */
    void dropExpired(long now) {
        while (!queue.isEmpty() && queue.peek().expiresAt() - now <= 0) {
            queue.poll();
        }
    }

    void clear() {
        queue.clear();
    }

    /** Nothing to deliver and nobody to deliver to: the layer may forget this channel. */
    boolean isUnused() {
        return queue.isEmpty() && receivers.isEmpty();
    }
}
