package dev.parley.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.loadtest.ReceiptLedger.Receipt;
import org.junit.jupiter.api.Test;

class LedgerTest {

    @Test
    void aReceiptLedgerCountsLateMessagesAsNewAndRepeatsAsDuplicates() {
        ReceiptLedger ledger = new ReceiptLedger(2);
        assertThat(ledger.accept(0, 1)).isEqualTo(Receipt.NEW);
        assertThat(ledger.accept(0, 3)).isEqualTo(Receipt.NEW);
        assertThat(ledger.accept(0, 2)).isEqualTo(Receipt.NEW);
        assertThat(ledger.accept(0, 2)).isEqualTo(Receipt.DUPLICATE);
        assertThat(ledger.accept(1, 1)).isEqualTo(Receipt.NEW);
        assertThat(ledger.accept(1, 1)).isEqualTo(Receipt.DUPLICATE);
        assertThat(ledger.accept(5, 1)).isEqualTo(Receipt.DUPLICATE);
    }

    @Test
    void aSeqLedgerResumesAfterItsFirstGapAndCountsWhatIsMissing() {
        SeqLedger seqs = new SeqLedger();
        seqs.accept(1, SeqLedger.Source.LIVE);
        seqs.accept(2, SeqLedger.Source.LIVE);
        seqs.accept(4, SeqLedger.Source.LIVE);
        assertThat(seqs.contiguous()).isEqualTo(2);
        assertThat(seqs.hasGap()).as("3 is missing below 4").isTrue();
        assertThat(seqs.accept(2, SeqLedger.Source.LIVE)).isFalse();
        assertThat(seqs.duplicates()).isEqualTo(1);
        assertThat(seqs.missingUpTo(5)).isEqualTo(2);
        assertThat(new SeqLedger().hasGap()).as("nothing held").isFalse();
    }

    @Test
    void aSeqLedgerTellsDuplicatesFromWhatAResumeOrAGapFillBrought() {
        SeqLedger seqs = new SeqLedger();
        seqs.accept(2, SeqLedger.Source.LIVE);
        assertThat(seqs.accept(1, SeqLedger.Source.GAP_FILL)).isTrue();
        assertThat(seqs.accept(2, SeqLedger.Source.GAP_FILL)).as("also in the answer").isFalse();
        assertThat(seqs.hasGap()).isFalse();
        assertThat(seqs.accept(1, SeqLedger.Source.LIVE)).as("was on its way while the gap was filled").isFalse();
        assertThat(seqs.duplicates()).isZero();

        seqs.accept(3, SeqLedger.Source.RESUME);
        seqs.accept(4, SeqLedger.Source.GAP_FILL);
        assertThat(seqs.accept(3, SeqLedger.Source.RESUME)).as("a resume repeating what followed a gap").isFalse();
        assertThat(seqs.duplicates()).isZero();
        seqs.accept(3, SeqLedger.Source.LIVE);
        assertThat(seqs.duplicates()).as("live after a resume held it: the server sent it twice").isEqualTo(1);

        assertThat(seqs.onlyByGapFill()).as("4: only the gap fill brought it").isEqualTo(1);
    }

    @Test
    void payloadsAndClientIdsRoundTrip() {
        ChatPayload payload = new ChatPayload(3, 17, 1_790_000_000_123_456L, true);
        assertThat(ChatPayload.decode(payload.encode(0))).contains(payload);
        assertThat(payload.encode(100)).hasSize(100);
        assertThat(ChatPayload.decode(payload.encode(100))).contains(payload);
        assertThat(ChatPayload.fromClientId(3, payload.clientId())).contains(payload);
        assertThat(ChatPayload.decode("hello")).isEmpty();
    }

    @Test
    void chatMessagesAreScannedAndOtherFramesParsed() {
        Frame chat = Frame.read("{\"type\":\"chat.message\",\"room\":\"r\",\"seq\":42,\"user\":\"u\","
                + "\"message\":\"lt 0 1 5 m\",\"sent_at\":\"x\"}");
        assertThat(chat.kind()).isEqualTo(Frame.Kind.CHAT_MESSAGE);
        assertThat(chat.seq()).isEqualTo(42);
        assertThat(chat.message()).isEqualTo("lt 0 1 5 m");
        Frame escaped = Frame.read("{\"type\":\"chat.message\",\"seq\":1,\"message\":\"a \\\"b\\\"\"}");
        assertThat(escaped.message()).isEqualTo("a \"b\"");
        Frame ack = Frame.read("{\"type\":\"chat.ack\",\"client_id\":\"1.5m\",\"seq\":7}");
        assertThat(ack.kind()).isEqualTo(Frame.Kind.ACK);
        assertThat(ack.clientId()).isEqualTo("1.5m");
        assertThat(Frame.read("not json").kind()).isEqualTo(Frame.Kind.OTHER);
    }

    @Test
    void heapInfoOfG1AndOfGenerationalCollectorsIsSummed() {
        String g1 = " garbage-first heap   total 262144K, used 20480K [0x0, 0x0)\n"
                + "  region size 1024K, 3 young (3072K), 0 survivors (0K)\n"
                + " Metaspace       used 30000K, committed 30500K, reserved 1114112K\n";
        assertThat(ServerProbe.usedHeap(g1)).contains(20480L * 1024);
        String parallel = " PSYoungGen      total 76288K, used 3932K [0x0)\n  eden space 65536K, 6% used [0x0)\n"
                + " ParOldGen       total 175104K, used 100K [0x0)\n Metaspace       used 1K\n";
        assertThat(ServerProbe.usedHeap(parallel)).contains((3932L + 100) * 1024);
    }
}
