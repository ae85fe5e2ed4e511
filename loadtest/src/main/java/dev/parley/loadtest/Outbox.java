package dev.parley.loadtest;

import dev.parley.loadtest.Options.Schedule;
import dev.parley.loadtest.SendLedger.Pending;
import dev.parley.loadtest.UserPlan.PlannedUser;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One simulated user's sending: its open-loop schedule (a send never waits for a reply), the frames it writes, and
 * its messages the server has not confirmed ({@link SendLedger}). A refused rich send goes out again with its
 * client_id after a short backoff, as the web UI lets its users do. Used on the user's event loop only.
 */
final class Outbox implements SendSchedule.Sender {

    /** A refused rich send is tried this often at most (again after 0.25, 0.5, 1, 2, 2… s), then given up. */
    static final int MAX_SEND_ATTEMPTS = 8;

    /** What the outbox needs of its user's connection. */
    interface Connection {
        boolean joined();

        /** The user is leaving: nothing more goes out. */
        boolean closing();

        void write(String frame);
    }

    private final PlannedUser plan;
    private final Options options;
    private final GeneratorLoop loop;
    private final RunStats stats;
    private final PhaseClock clock;
    private final Connection connection;
    private final boolean rich;
    private final SendLedger ledger;
    private boolean sending;
    private int counter;

    Outbox(PlannedUser plan, Options options, GeneratorLoop loop, RunStats stats, PhaseClock clock,
           Connection connection) {
        this.plan = plan;
        this.options = options;
        this.loop = loop;
        this.stats = stats;
        this.clock = clock;
        this.connection = connection;
        this.rich = options.protocol() == Scenario.Protocol.RICH;
        this.ledger = new SendLedger(new Accounts(options.scenario() == Scenario.RECONNECT), rich);
    }

    /** Starts the schedule at {@code startNanos} (System.nanoTime) with a random phase; on the loop. */
    void start(long startNanos) {
        sending = true;
        long interval = (long) (1e9 / options.rate());
        loop.sends().add(this, startNanos + ThreadLocalRandom.current().nextLong(Math.max(1, interval)));
    }

    void stop() {
        sending = false;
    }

    /** The server took message {@code count}: its ack, or in the tutorial protocol its echo to the sender. */
    void confirmed(int count) {
        ledger.confirmed(count);
    }

    /** An error frame for this user; {@code count} is the refused send's counter when its client_id names one. */
    void refused(String code, int count) {
        if (rich) {
            if (count > 0) {
                ledger.refused(count, code).ifPresent(this::retryLater);
            }
        } else if (!code.equals("invalid_request")) {
            ledger.refusedOldest(code); // nothing names the send: the oldest unconfirmed one (see SendLedger)
        }
    }

    /** The schedule's call: sends the message planned for then, and says when the next one is due. */
    @Override
    public long sendDue(long plannedNanos) {
        if (!sending) {
            return -1;
        }
        long lateMicros = (System.nanoTime() - plannedNanos) / 1000;
        if (lateMicros > RunStats.LATE_SEND_MICROS && clock.measuring() == 1) {
            stats.lateSends.increment(); // while measuring, as the loop lag: a cold start is no verdict
        }
        send();
        return plannedNanos + nextInterval();
    }

    private long nextInterval() {
        double mean = 1e9 / options.rate();
        if (options.schedule() == Schedule.POISSON) {
            return (long) (-Math.log(1 - ThreadLocalRandom.current().nextDouble()) * mean);
        }
        return (long) mean;
    }

    private void send() {
        if (!connection.joined()) {
            stats.skippedSends.increment();
            return;
        }
        int measured = clock.measuring();
        int count = ++counter;
        long sentMicros = PhaseClock.epochMicros();
        write(count, sentMicros, measured);
        loop.stats(measured).sent.increment();
        ledger.sent(count, sentMicros, measured, plan.room().connected().get());
    }

    private void retryLater(Pending send) {
        if (send.attempts >= MAX_SEND_ATTEMPTS || connection.closing() || clock.phase() == Phase.DONE) {
            giveUp(send);
            return;
        }
        long delay = Math.min(2000, 250L << Math.min(4, send.attempts - 1));
        loop.context().owner().setTimer(delay, id -> resend(send));
    }

    private void resend(Pending send) {
        if (connection.closing() || clock.phase() == Phase.DONE) {
            giveUp(send);
            return;
        }
        if (!connection.joined()) {
            loop.context().owner().setTimer(500, id -> resend(send)); // reconnecting: send it once back
            return;
        }
        ledger.resent(send, plan.room().connected().get());
        stats.retried.increment();
        write(send.counter, send.sentMicros, send.measured);
    }

    private void giveUp(Pending send) {
        ledger.gaveUp(send);
        stats.givenUp.increment();
    }

    private void write(int count, long sentMicros, int measured) {
        StringBuilder frame = new StringBuilder(80 + options.messageSize());
        frame.append(rich ? "{\"type\":\"chat.send\",\"message\":\"" : "{\"message\":\"");
        ChatPayload.append(frame, plan.senderSlot(), count, sentMicros, measured, options.messageSize());
        if (rich) {
            ChatPayload.appendClientId(frame.append("\",\"client_id\":\""), count, sentMicros, measured).append("\"}");
        } else {
            frame.append("\"}");
        }
        connection.write(frame.toString());
        loop.stats().sentAll.increment();
    }

    /** The ledger's counts, into this loop's counters and the run's. */
    private final class Accounts implements SendLedger.Accounts {
        private final boolean bySeq;

        /** {@code bySeq}: the reconnect scenario, which counts deliveries by seq instead. */
        Accounts(boolean bySeq) {
            this.bySeq = bySeq;
        }

        @Override
        public void expected(int measured, long delta) {
            if (!bySeq) {
                loop.stats(measured).expected.add(delta);
            }
        }

        @Override
        public void measuredSends(int measured, long delta) {
            if (plan.room().shared()) {
                plan.room().sentMeasured().add(measured * delta);
            }
        }

        @Override
        public void refused(String code, long delta) {
            stats.refused(code, delta);
        }
    }
}
