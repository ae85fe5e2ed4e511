package dev.parley.loadtest;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Optional;

/**
 * One sender's messages that the server has not confirmed yet, oldest first, and what a refusal changes. A send the
 * server refuses with an error frame was never posted: its expected deliveries are taken back and it counts as
 * refused, not as deliveries lost. Rich clients name the refused send by its client_id (and send it again, counting
 * its deliveries anew); a tutorial frame has no client_id, so a refusal is put on the oldest unconfirmed send and
 * moved to the next one if that send's echo comes after all. Used on the sender's event loop only.
 */
final class SendLedger {

    /**
     * Where the ledger's counts go: expected deliveries and measured sends, up or down, and refusals by code.
     * {@code measured} is 1 for a measured send, 0 for a warm-up one (whose counts nobody reads).
     */
    interface Accounts {
        void expected(int measured, long delta);

        void measuredSends(int measured, long delta);

        void refused(String code, long delta);
    }

    /** A send not yet confirmed; {@code refusedCode} is set while it stands refused. */
    static final class Pending {
        final int counter;
        final long sentMicros;
        final int measured;
        int expected;
        int attempts = 1;
        String refusedCode;

        Pending(int counter, long sentMicros, int measured, int expected) {
            this.counter = counter;
            this.sentMicros = sentMicros;
            this.measured = measured;
            this.expected = expected;
        }
    }

    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private final Accounts accounts;
    private final boolean refusalsNameTheSend;

    /** {@code refusalsNameTheSend}: rich protocol, where an error frame carries the refused send's client_id. */
    SendLedger(Accounts accounts, boolean refusalsNameTheSend) {
        this.accounts = accounts;
        this.refusalsNameTheSend = refusalsNameTheSend;
    }

    /** A message went out (measured: 1 or 0), expecting {@code expected} deliveries (its room's members now). */
    void sent(int counter, long sentMicros, int measured, int expected) {
        pending.addLast(new Pending(counter, sentMicros, measured, expected));
        count(measured, expected, 1);
    }

    /**
     * The server confirmed the send (its ack, or in the tutorial protocol its echo to the sender), so its
     * deliveries are expected after all. In the tutorial protocol a refusal the ledger had put on it was another
     * send's: it moves to the oldest other unconfirmed one.
     */
    void confirmed(int counter) {
        Pending confirmed = remove(counter);
        if (confirmed == null || confirmed.refusedCode == null) {
            return;
        }
        String code = confirmed.refusedCode;
        confirmed.refusedCode = null;
        count(confirmed.measured, confirmed.expected, 1);
        if (!refusalsNameTheSend) {
            refusal(confirmed, code, -1);
            oldestStanding().ifPresent(other -> refuse(other, code));
        }
    }

    /** A tutorial refusal (no client_id): put on the oldest unconfirmed send not yet refused; false if none. */
    boolean refusedOldest(String code) {
        Optional<Pending> oldest = oldestStanding();
        oldest.ifPresent(send -> refuse(send, code));
        return oldest.isPresent();
    }

    /** A rich refusal naming its send; the send, now refused, to retry or give up, or empty if not ours. */
    Optional<Pending> refused(int counter, String code) {
        for (Pending send : pending) {
            if (send.counter == counter && send.refusedCode == null) {
                refuse(send, code);
                return Optional.of(send);
            }
        }
        return Optional.empty();
    }

    /** A refused send goes out again (same client_id), expecting the room's members at that moment. */
    void resent(Pending send, int expected) {
        if (send.refusedCode == null) {
            return;
        }
        send.refusedCode = null;
        send.attempts++;
        send.expected = expected;
        count(send.measured, expected, 1);
    }

    /** A refused send that will not be tried again: no longer pending, and stays refused. */
    void gaveUp(Pending send) {
        pending.remove(send);
    }

    int pendingCount() {
        return pending.size();
    }

    private void refuse(Pending send, String code) {
        send.refusedCode = code;
        count(send.measured, send.expected, -1);
        refusal(send, code, 1);
    }

    private void count(int measured, int expected, int sign) {
        accounts.expected(measured, (long) sign * expected);
        accounts.measuredSends(measured, sign);
    }

    private void refusal(Pending send, String code, int delta) {
        if (send.measured == 1) {
            accounts.refused(code, delta);
        }
    }

    private Optional<Pending> oldestStanding() {
        for (Pending send : pending) {
            if (send.refusedCode == null) {
                return Optional.of(send);
            }
        }
        return Optional.empty();
    }

    /** Removes the send; usually the oldest, as the server answers in order. */
    private Pending remove(int counter) {
        Iterator<Pending> sends = pending.iterator();
        while (sends.hasNext()) {
            Pending send = sends.next();
            if (send.counter == counter) {
                sends.remove();
                return send;
            }
        }
        return null;
    }
}
