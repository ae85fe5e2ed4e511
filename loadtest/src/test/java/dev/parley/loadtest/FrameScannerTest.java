package dev.parley.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

class FrameScannerTest {

    private final FrameScanner scan = new FrameScanner();

    private boolean scan(String frame) {
        return scan.scan(Buffer.buffer(frame));
    }

    @Test
    void aChatMessageGivesItsSeqAndTheGeneratorsFields() {
        assertThat(scan("{\"type\":\"chat.message\",\"room\":\"lt-a-1\",\"seq\":42,\"user\":\"lt-u7\","
                + "\"message\":\"lt 3 17 1790000000123456 m~~~~\",\"sent_at\":\"2026-12-06T04:05:06.789Z\"}")).isTrue();
        assertThat(scan.type).isEqualTo(FrameScanner.Type.CHAT_MESSAGE);
        assertThat(scan.seq).isEqualTo(42);
        assertThat(scan.payload()).isTrue();
        assertThat(scan.slot).isEqualTo(3);
        assertThat(scan.counter).isEqualTo(17);
        assertThat(scan.sentMicros).isEqualTo(1_790_000_000_123_456L);
        assertThat(scan.measured).isEqualTo(1);
        assertThat(scan.clientId()).isFalse();
    }

    @Test
    void keysComeInAnyOrderWithSpacesAndUnreadFieldsMayHoldAnything() {
        assertThat(scan("{ \"message\" : \"lt 0 1 5 w\", \"user\": \"a \\\"quoted\\\" ñame\", \"seq\": 7,"
                + " \"n\": -1.5e3, \"guest\": true, \"x\": null, \"type\": \"chat.message\" }")).isTrue();
        assertThat(scan.type).isEqualTo(FrameScanner.Type.CHAT_MESSAGE);
        assertThat(scan.seq).isEqualTo(7);
        assertThat(scan.payload()).isTrue();
        assertThat(scan.measured).as("w: warm-up").isZero();
    }

    @Test
    void whatItCannotReadIsLeftToTheFullParse() {
        assertThat(scan("{\"type\":\"chat.message\",\"seq\":1,\"message\":\"say \\\"hi\\\"\"}"))
                .as("an escape in the message").isFalse();
        assertThat(scan("{\"type\":\"history\",\"messages\":[{\"seq\":1}],\"has_more\":false}"))
                .as("an array").isFalse();
        assertThat(scan("{\"type\":\"chat.message\",\"seq\":1,\"message\":\"lt 0 1 5 m\"")).as("cut short").isFalse();
        assertThat(scan("not json")).isFalse();
    }

    @Test
    void textsTheGeneratorDidNotWriteAreNotItsPayload() {
        for (String text : new String[] {"hello", "lt 1 2", "lt a b c m", "lt 1 2 3", "lt 1 99999999999 3 m"}) {
            assertThat(scan("{\"type\":\"chat.message\",\"seq\":1,\"message\":\"" + text + "\"}")).isTrue();
            assertThat(scan.payload()).as(text).isFalse();
        }
    }

    @Test
    void acksAndErrorsGiveTheirClientIdAndCode() {
        assertThat(scan("{\"type\":\"chat.ack\",\"client_id\":\"12.1790000000000001m\",\"seq\":9,"
                + "\"sent_at\":\"x\"}")).isTrue();
        assertThat(scan.type).isEqualTo(FrameScanner.Type.ACK);
        assertThat(scan.seq).isEqualTo(9);
        assertThat(scan.clientId()).isTrue();
        assertThat(scan.counter).isEqualTo(12);
        assertThat(scan.sentMicros).isEqualTo(1_790_000_000_000_001L);
        assertThat(scan.measured).isEqualTo(1);

        assertThat(scan("{\"type\":\"error\",\"code\":\"unavailable\",\"message\":\"Error: try again\","
                + "\"client_id\":\"3.5w\"}")).isTrue();
        assertThat(scan.type).isEqualTo(FrameScanner.Type.ERROR);
        assertThat(scan.code()).isEqualTo("unavailable");
        assertThat(scan.clientId()).isTrue();
        assertThat(scan.counter).isEqualTo(3);
        assertThat(scan.measured).isZero();

        assertThat(scan("{\"type\":\"error\",\"code\":\"rate_limited\",\"message\":\"slow down\"}")).isTrue();
        assertThat(scan.clientId()).isFalse();
        assertThat(scan("{\"type\":\"chat.ack\",\"client_id\":\"c-0a1b\",\"seq\":1}")).isTrue();
        assertThat(scan.clientId()).as("a browser's client_id").isFalse();
    }

    @Test
    void welcomeAndOtherFlatFramesAreTold() {
        assertThat(scan("{\"type\":\"welcome\",\"protocol\":\"parley.v1\",\"guest\":true,\"max_message_length\":4000}"))
                .isTrue();
        assertThat(scan.type).isEqualTo(FrameScanner.Type.WELCOME);
        assertThat(scan("{\"type\":\"presence.join\",\"room\":\"r\",\"user\":\"carol\"}")).isTrue();
        assertThat(scan.type).isEqualTo(FrameScanner.Type.OTHER);
        assertThat(scan.seq).isEqualTo(-1);
    }

    @Test
    void theMeasuredFlagAndItsLetterRoundTrip() {
        assertThat(ChatPayload.flag(1)).isEqualTo('m');
        assertThat(ChatPayload.flag(0)).isEqualTo('w');
        assertThat(ChatPayload.measuredOf((byte) 'm')).isEqualTo(1);
        assertThat(ChatPayload.measuredOf((byte) 'w')).isZero();
    }
}
