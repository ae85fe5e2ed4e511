package dev.parley.layer;

import dev.parley.layer.Mailbox.Delivery;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The state of the in-memory layer: its channels, each behind a lock of its own, and its groups, behind theirs.
 *
 * <p>Operations arrive from every event loop at once; a lock per channel lets a room's group send and its members'
 * event loops work on different connections without waiting for each other. User handlers never run under a lock:
 * methods return the {@link Delivery deliveries} they decided on, and callers start them after.
 *
 * <p>A mailbox nobody uses any more is marked removed, under its lock, as it leaves the map; whoever finds a removed
 * mailbox takes the channel's new one, so no message lands in a mailbox nobody will read.
 */
final class LocalChannels {

    private final int capacity;
    private final long messageExpiryNanos;
    private final long groupExpiryNanos;

    private final ConcurrentHashMap<String, Mailbox> mailboxes = new ConcurrentHashMap<>();
    /** Its own lock. */
    private final Groups groups = new Groups();
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean closed;

    LocalChannels(int capacity, long messageExpiryNanos, long groupExpiryNanos) {
        this.capacity = capacity;
        this.messageExpiryNanos = messageExpiryNanos;
        this.groupExpiryNanos = groupExpiryNanos;
    }

    /**
     * Hands the message to an idle receiver of the channel or queues it; null when queued. Fails with
     * {@link ChannelFull} when the channel holds its capacity.
     */
    Delivery send(String channel, JsonObject message) {
        requireOpen();
        while (true) {
            Mailbox mailbox = mailbox(channel);
            synchronized (mailbox) {
                if (mailbox.isRemoved()) {
                    continue;
                }
                long now = System.nanoTime();
                if (!mailbox.accepts(now, capacity)) {
                    throw new ChannelFull(channel, capacity);
                }
                return mailbox.offer(message, now + messageExpiryNanos);
            }
        }
    }

    /** A group member's copy: {@link #send}, but a full member misses it, and the miss is counted. */
    private Delivery offerUnlessFull(String channel, JsonObject message) {
        try {
            return send(channel, message);
        } catch (ChannelFull full) {
            dropped.incrementAndGet();
            return null;
        }
    }

    /**
     * Sends the (read-only) message to every live member of the group, skipping members that are full; returns the
     * deliveries to start, one per member that was waiting idle.
     */
    List<Delivery> sendEach(String group, JsonObject message) {
        requireOpen();
        List<String> members;
        synchronized (groups) {
            members = groups.liveMembers(group, System.nanoTime());
        }
        List<Delivery> deliveries = new ArrayList<>(members.size());
        for (String member : members) {
            Delivery delivery = offerUnlessFull(member, message);
            if (delivery != null) {
                deliveries.add(delivery);
            }
        }
        return deliveries;
    }

    /** Group copies skipped so far because the member was full. */
    long dropped() {
        return dropped.get();
    }

    /** Attaches a new receiver; it gets the first queued message at once, if there is one. */
    Delivery attach(LocalReceiver receiver) {
        requireOpen();
        while (true) {
            Mailbox mailbox = mailbox(receiver.channel());
            synchronized (mailbox) {
                if (mailbox.isRemoved()) {
                    continue;
                }
                mailbox.attach(receiver);
                receiver.attachedTo(mailbox);
                return mailbox.next(receiver, System.nanoTime());
            }
        }
    }

    void groupAdd(String group, String channel) {
        requireOpen();
        synchronized (groups) {
            groups.add(group, channel, System.nanoTime() + groupExpiryNanos);
        }
    }

    void groupDiscard(String group, String channel) {
        requireOpen();
        synchronized (groups) {
            groups.discard(group, channel);
        }
    }

    List<String> groupMembers(String group) {
        requireOpen();
        synchronized (groups) {
            return groups.liveMembers(group, System.nanoTime());
        }
    }

    void flush() {
        requireOpen();
        for (Mailbox mailbox : mailboxes.values()) {
            synchronized (mailbox) {
                mailbox.clear();
                removeIfUnused(mailbox);
            }
        }
        synchronized (groups) {
            groups.clear();
        }
    }

    /** Stops every receiver and forgets everything; false if already closed. */
    boolean close() {
        synchronized (this) {
            if (closed) {
                return false;
            }
            closed = true;
        }
        for (Mailbox mailbox : mailboxes.values()) {
            synchronized (mailbox) {
                mailbox.receivers().forEach(LocalReceiver::markStopped);
                mailbox.markRemoved();
            }
        }
        mailboxes.clear();
        synchronized (groups) {
            groups.clear();
        }
        return true;
    }

    /** The receiver finished a message: hand it the next one, or let it wait. */
    void ready(LocalReceiver receiver) {
        Mailbox mailbox = receiver.mailbox();
        Delivery delivery;
        synchronized (mailbox) {
            if (receiver.isStopped()) {
                return;
            }
            delivery = mailbox.next(receiver, System.nanoTime());
        }
        start(delivery);
    }

    /** A message reached its receiver only after it stopped: another receiver of the channel may still take it. */
    void putBack(LocalReceiver receiver, JsonObject message, long expiresAt) {
        if (closed || LayerNames.isProcessLocal(receiver.channel())) {
            return;
        }
        while (true) {
            Mailbox mailbox = mailbox(receiver.channel());
            Delivery delivery;
            synchronized (mailbox) {
                if (mailbox.isRemoved()) {
                    continue;
                }
                delivery = mailbox.putBack(message, expiresAt, System.nanoTime());
            }
            start(delivery);
            return;
        }
    }

    void stop(LocalReceiver receiver) {
        Mailbox mailbox = receiver.mailbox();
        String channel = receiver.channel();
        synchronized (mailbox) {
            if (receiver.isStopped()) {
                return;
            }
            receiver.markStopped();
            mailbox.detach(receiver);
            if (LayerNames.isProcessLocal(channel)) {
                // Nobody else can ever read this channel, so its messages would only leak.
                mailbox.clear();
            }
            removeIfUnused(mailbox);
        }
        if (LayerNames.isProcessLocal(channel)) {
            synchronized (groups) {
                groups.forget(channel);
            }
        }
    }

    /** Frees what dead channels hold: expired messages, unused mailboxes, expired memberships, empty groups. */
    void sweep() {
        long now = System.nanoTime();
        for (Mailbox mailbox : mailboxes.values()) {
            synchronized (mailbox) {
                mailbox.dropExpired(now);
                removeIfUnused(mailbox);
            }
        }
        synchronized (groups) {
            groups.sweep(now);
        }
    }

    /** Channels and groups held in memory, so tests can see the sweep free them. */
    int footprint() {
        synchronized (groups) {
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

    /** Under the mailbox's lock. */
    private void removeIfUnused(Mailbox mailbox) {
        if (mailbox.isUnused() && !mailbox.isRemoved()) {
            mailbox.markRemoved();
            mailboxes.remove(mailbox.channel(), mailbox);
        }
    }

    private Mailbox mailbox(String channel) {
        Mailbox mailbox = mailboxes.get(channel);
        if (mailbox == null) {
            requireOpen();
            mailbox = mailboxes.computeIfAbsent(channel, Mailbox::new);
        }
        return mailbox;
    }

    private void requireOpen() {
        if (closed) {
            throw new LayerClosed();
        }
    }
}
