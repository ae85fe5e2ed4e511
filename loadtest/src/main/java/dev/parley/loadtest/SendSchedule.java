package dev.parley.loadtest;

import io.vertx.core.Context;
import java.util.Arrays;

/**
 * The sends due on one event loop, earliest first (a binary heap), fired by one timer at a time rather than one
 * timer per send: a tick makes every send that is due and arms the timer for the next. Used on its loop only.
 */
final class SendSchedule {

    /** Makes the send planned for {@code plannedNanos}; returns when the next is due (System.nanoTime) or -1. */
    interface Sender {
        long sendDue(long plannedNanos);
    }

    /** A send due within this much of now goes in this tick rather than in a timer of its own. */
    private static final long SLACK_NANOS = 4_000_000;
    /** Sends per tick before the loop is given back to its other work (a tick that cannot catch up). */
    private static final int MAX_PER_TICK = 5_000;
    private static final long NOT_ARMED = Long.MAX_VALUE;
    private static final long TICK_QUEUED = Long.MIN_VALUE;

    private final Context loop;
    private long[] due = new long[64];
    private Sender[] senders = new Sender[64];
    private int size;
    private long armedFor = NOT_ARMED;
    private long timerId = -1;

    SendSchedule(Context loop) {
        this.loop = loop;
    }

    /** Plans a send; on the loop's thread. */
    void add(Sender sender, long dueNanos) {
        push(sender, dueNanos);
        arm();
    }

    private void tick() {
        armedFor = NOT_ARMED;
        timerId = -1;
        long now = System.nanoTime();
        int made = 0;
        while (size > 0 && due[0] <= now + SLACK_NANOS) {
            if (++made > MAX_PER_TICK) {
                armedFor = TICK_QUEUED;
                loop.runOnContext(v -> tick());
                return;
            }
            long planned = due[0];
            Sender sender = senders[0];
            pop();
            long next = sender.sendDue(planned);
            if (next >= 0) {
                push(sender, next);
            }
        }
        arm();
    }

    private void arm() {
        if (size == 0 || armedFor <= due[0]) {
            return; // nothing to send, or a timer (or queued tick) comes soon enough
        }
        if (timerId >= 0) {
            loop.owner().cancelTimer(timerId);
        }
        long delayMillis = Math.max(1, (due[0] - System.nanoTime() + 999_999) / 1_000_000);
        armedFor = due[0];
        timerId = loop.owner().setTimer(delayMillis, id -> tick());
    }

    private void push(Sender sender, long dueNanos) {
        if (size == due.length) {
            due = Arrays.copyOf(due, size * 2);
            senders = Arrays.copyOf(senders, size * 2);
        }
        int at = size++;
        while (at > 0) {
            int parent = (at - 1) >>> 1;
            if (due[parent] <= dueNanos) {
                break;
            }
            due[at] = due[parent];
            senders[at] = senders[parent];
            at = parent;
        }
        due[at] = dueNanos;
        senders[at] = sender;
    }

    private void pop() {
        size--;
        long lastDue = due[size];
        Sender last = senders[size];
        senders[size] = null;
        int at = 0;
        while (true) {
            int child = 2 * at + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && due[child + 1] < due[child]) {
                child++;
            }
            if (due[child] >= lastDue) {
                break;
            }
            due[at] = due[child];
            senders[at] = senders[child];
            at = child;
        }
        if (size > 0) {
            due[at] = lastDue;
            senders[at] = last;
        }
    }
}
