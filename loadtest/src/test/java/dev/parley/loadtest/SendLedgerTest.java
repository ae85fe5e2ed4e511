package dev.parley.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.loadtest.SendLedger.Pending;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SendLedgerTest {

    /** The accounts as a run keeps them: expected deliveries and sends of measured messages, refusals by code. */
    private static final class Tally implements SendLedger.Accounts {
        long expected;
        long warmUpExpected;
        long measuredSends;
        final Map<String, Long> refused = new TreeMap<>();

        @Override
        public void expected(int measured, long delta) {
            if (measured == 1) {
                expected += delta;
            } else {
                warmUpExpected += delta;
            }
        }

        @Override
        public void measuredSends(int measured, long delta) {
            measuredSends += measured * delta;
        }

        @Override
        public void refused(String code, long delta) {
            refused.merge(code, delta, Long::sum);
        }
    }

    @Test
    void aRefusedSendIsCountedAsRefusedAndItsDeliveriesAreNoLongerExpected() {
        // A store outage (and, before issue 16, a Redis outage): every send of a room of 10 is refused; nothing is lost.
        Tally tally = new Tally();
        SendLedger ledger = new SendLedger(tally, true);
        for (int counter = 1; counter <= 5; counter++) {
            ledger.sent(counter, 1000L * counter, 1, 10);
        }
        assertThat(tally.expected).isEqualTo(50);
        for (int counter = 1; counter <= 5; counter++) {
            assertThat(ledger.refused(counter, "unavailable")).isPresent();
        }
        assertThat(tally.expected).as("not one delivery of a refused send is expected").isZero();
        assertThat(tally.measuredSends).isZero();
        assertThat(tally.refused).isEqualTo(Map.of("unavailable", 5L));
        Counts counts = Counts.NONE.withExpected(tally.expected);
        assertThat(counts.lost()).isZero();
    }

    @Test
    void aRichSendRetriedAndAckedCountsItsDeliveriesOnceAndItsRefusal() {
        Tally tally = new Tally();
        SendLedger ledger = new SendLedger(tally, true);
        ledger.sent(1, 1000, 1, 10);
        ledger.sent(2, 2000, 1, 10);
        Pending refused = ledger.refused(2, "rate_limited").orElseThrow();
        assertThat(tally.expected).isEqualTo(10);
        assertThat(ledger.refused(2, "rate_limited")).as("already standing refused").isEmpty();
        assertThat(ledger.refused(7, "rate_limited")).as("not ours").isEmpty();

        ledger.resent(refused, 9); // one member left meanwhile
        assertThat(refused.attempts).isEqualTo(2);
        assertThat(tally.expected).isEqualTo(19);
        ledger.confirmed(2);
        ledger.confirmed(1);
        assertThat(ledger.pendingCount()).isZero();
        assertThat(tally.expected).isEqualTo(19);
        assertThat(tally.measuredSends).isEqualTo(2);
        assertThat(tally.refused).as("the refusal happened, though the retry went through")
                .isEqualTo(Map.of("rate_limited", 1L));
    }

    @Test
    void aSendGivenUpStaysRefused() {
        Tally tally = new Tally();
        SendLedger ledger = new SendLedger(tally, true);
        ledger.sent(1, 1000, 1, 10);
        ledger.gaveUp(ledger.refused(1, "unavailable").orElseThrow());
        assertThat(ledger.pendingCount()).isZero();
        assertThat(tally.expected).isZero();
        assertThat(tally.refused).containsEntry("unavailable", 1L);
    }

    @Test
    void aTutorialRefusalFallsOnTheOldestUnconfirmedSendAndMovesWhenThatOnesEchoComes() {
        Tally tally = new Tally();
        SendLedger ledger = new SendLedger(tally, false);
        ledger.sent(1, 1000, 1, 10);
        ledger.sent(2, 2000, 1, 10);
        ledger.sent(3, 3000, 1, 10);
        // 2 was refused, but its error came before 1's echo (1 was still being stored).
        assertThat(ledger.refusedOldest("rate_limited")).isTrue();
        assertThat(tally.expected).isEqualTo(20);
        ledger.confirmed(1);
        assertThat(tally.expected).as("1 was not the refused one after all: 2 is").isEqualTo(20);
        assertThat(tally.refused).isEqualTo(Map.of("rate_limited", 1L));
        ledger.confirmed(3);
        assertThat(ledger.pendingCount()).as("2, refused, waits for nothing more").isEqualTo(1);
        assertThat(ledger.refusedOldest("rate_limited")).as("nothing else unconfirmed").isFalse();
        assertThat(tally.expected).isEqualTo(20);
        assertThat(tally.measuredSends).isEqualTo(2);
    }

    @Test
    void warmUpSendsAreTrackedButNeverCountedAsMeasured() {
        Tally tally = new Tally();
        SendLedger ledger = new SendLedger(tally, false);
        ledger.sent(1, 1000, 0, 10);
        ledger.refusedOldest("unavailable");
        assertThat(tally.expected).isZero();
        assertThat(tally.warmUpExpected).isZero();
        assertThat(tally.refused).isEmpty();
        assertThat(tally.measuredSends).isZero();
    }
}
