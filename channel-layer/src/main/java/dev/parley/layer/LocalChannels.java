package dev.parley.layer;

import dev.parley.layer.Mailbox.Delivery;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The state of the in-memory layer, its channels and groups, behind one lock.
 *
 * <p>Operations arrive from many event loops, so every access takes the lock; user handlers are never run
 * under it: methods return the {@link Delivery deliveries} they decided on, and callers start them after.
 */
final class LocalChannels {

    private final int capacity;
    private final long messageExpiryNanos;
    private final long groupExpiryNanos;

    private final Object lock = new Object();
    private final Map<String, Mailbox> mailboxes = new HashMap<>();
    private final Groups groups = new Groups();
    private boolean closed;
    private long dropped;

    LocalChannels(int capacity, long messageExpiryNanos, long groupExpiryNanos) {
        this.capacity = capacity;
        this.messageExpiryNanos = messageExpiryNanos;
        this.groupExpiryNanos = groupExpiryNanos;
    }

    /** Hands the message to an idle receiver of the channel or queues it; null when queued. */
    Delivery send(String channel, JsonObject message) {
        synchronized (lock) {
            requireOpen();
            long now = System.nanoTime();
            Mailbox mailbox = mailbox(channel);
            if (!mailbox.accepts(now, capacity)) {
                throw new ChannelFull(channel, capacity);
            }
            return mailbox.offer(message, now + messageExpiryNanos);
        }
    }

    /**
     * Sends the (read-only) message to every live member of the group, skipping members that are full; returns the
     * deliveries to start, one per member that was waiting idle.
     */
    List<Delivery> sendEach(String group, JsonObject message) {
        synchronized (lock) {
            requireOpen();
            long now = System.nanoTime();
            List<String> members = groups.liveMembers(group, now);
            List<Delivery> deliveries = new ArrayList<>(members.size());
            for (String member : members) {
                Mailbox mailbox = mailbox(member);
                if (mailbox.accepts(now, capacity)) {
                    Delivery delivery = mailbox.offer(message, now + messageExpiryNanos);
                    if (delivery != null) {
                        deliveries.add(delivery);
                    }
                } else {
                    dropped++;
                }
            }
            return deliveries;
        }
    }

    /** Group copies skipped so far because the member was full. */
    long dropped() {
        synchronized (lock) {
            return dropped;
        }
    }

    /** Attaches a new receiver; it gets the first queued message at once, if there is one. */
    Delivery attach(LocalReceiver receiver) {
        synchronized (lock) {
            requireOpen();
            Mailbox mailbox = mailbox(receiver.channel());
            mailbox.attach(receiver);
            return mailbox.next(receiver, System.nanoTime());
        }
    }

    void groupAdd(String group, String channel) {
        synchronized (lock) {
            requireOpen();
            groups.add(group, channel, System.nanoTime() + groupExpiryNanos);
        }
    }

    void groupDiscard(String group, String channel) {
        synchronized (lock) {
            requireOpen();
            groups.discard(group, channel);
        }
    }

    List<String> groupMembers(String group) {
        synchronized (lock) {
            requireOpen();
            return groups.liveMembers(group, System.nanoTime());
        }
    }

    void flush() {
        synchronized (lock) {
            requireOpen();
            mailboxes.values().removeIf(mailbox -> {
                mailbox.clear();
                return mailbox.isUnused();
            });
            groups.clear();
        }
    }

    /** Stops every receiver and forgets everything; false if already closed. */
    boolean close() {
        synchronized (lock) {
            if (closed) {
                return false;
            }
            closed = true;
            mailboxes.values().forEach(mailbox -> mailbox.receivers().forEach(LocalReceiver::markStopped));
            mailboxes.clear();
            groups.clear();
            return true;
        }
    }

    /** The receiver finished a message: hand it the next one, or let it wait. */
    void ready(LocalReceiver receiver) {
        Delivery delivery;
        synchronized (lock) {
            if (receiver.isStopped()) {
                return;
            }
            delivery = mailbox(receiver.channel()).next(receiver, System.nanoTime());
        }
        start(delivery);
    }

    /** A message reached its receiver only after it stopped: another receiver of the channel may still take it. */
    void putBack(LocalReceiver receiver, JsonObject message, long expiresAt) {
        Delivery delivery;
        synchronized (lock) {
            if (closed || LayerNames.isProcessLocal(receiver.channel())) {
                return;
            }
            delivery = mailbox(receiver.channel()).putBack(message, expiresAt, System.nanoTime());
        }
        start(delivery);
    }

    void stop(LocalReceiver receiver) {
        synchronized (lock) {
            if (receiver.isStopped()) {
                return;
            }
            receiver.markStopped();
            String channel = receiver.channel();
            Mailbox mailbox = mailbox(channel);
            mailbox.detach(receiver);
            if (LayerNames.isProcessLocal(channel)) {
                // Nobody else can ever read this channel, so its messages and memberships would only leak.
                mailbox.clear();
                groups.forget(channel);
            }
            if (mailbox.isUnused()) {
                mailboxes.remove(channel);
            }
        }
    }

    /** Frees what dead channels hold: expired messages, unused mailboxes, expired memberships, empty groups. */
    void sweep() {
        synchronized (lock) {
            long now = System.nanoTime();
            mailboxes.values().removeIf(mailbox -> {
                mailbox.dropExpired(now);
                return mailbox.isUnused();
            });
            groups.sweep(now);
        }
    }

    /** Channels and groups held in memory, so tests can see the sweep free them. */
    int footprint() {
        synchronized (lock) {
            return mailboxes.size() + groups.size();
        }
    }

    static void start(Delivery delivery) {
        if (delivery != null) {
            delivery.start();
        }
    }

    /**
     * Starts many deliveries with one task per event loop rather than one per receiver: a group send to a room
     * whose members share two event loops wakes each loop once.
     */
    static void startAll(List<Delivery> deliveries) {
        if (deliveries.size() == 1) {
            deliveries.get(0).start();
            return;
        }
        List<List<Delivery>> byContext = new ArrayList<>(2);
        for (Delivery delivery : deliveries) {
            List<Delivery> same = null;
            for (List<Delivery> batch : byContext) {
                if (batch.get(0).receiver().context() == delivery.receiver().context()) {
                    same = batch;
                    break;
                }
            }
            if (same == null) {
                same = new ArrayList<>();
                byContext.add(same);
            }
            same.add(delivery);
        }
        for (List<Delivery> batch : byContext) {
            batch.get(0).receiver().context().runOnContext(v -> batch.forEach(Delivery::handleNow));
        }
    }

    private Mailbox mailbox(String channel) {
        return mailboxes.computeIfAbsent(channel, name -> new Mailbox());
    }

    private void requireOpen() {
        if (closed) {
            throw new LayerClosed();
        }
    }
}
