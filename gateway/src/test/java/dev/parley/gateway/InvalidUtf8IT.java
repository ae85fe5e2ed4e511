package dev.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, finding 6: a text message that is not UTF-8 closes the connection with 1007 (RFC 6455, 8.1), checked
 * across fragments, and nothing of it is stored or sent to the room.
 */
class InvalidUtf8IT {

    private static LocalGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = LocalGateway.start(GatewayConfig.defaults());
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
    }

    @Test
    void aTextFrameThatIsNotUtf8IsClosedWith1007AndNothingIsStoredOrSent() throws Exception {
        String room = "utf8-single";
        WebSocketTestClient listener = WebSocketTestClient.connect(uri(room));
        // C3 28: a two-byte lead followed by an ASCII byte.
        byte[] payload = bytes("{\"message\":\"bad ", new byte[] {(byte) 0xC3, 0x28}, " bytes\"}");

        assertThat(closeCodeAfterSending(room, RawFrames.masked(RawFrames.TEXT, true, payload))).isEqualTo(1007);
        assertNothingPosted(room, listener);
    }

    @Test
    void invalidBytesSplitAcrossFragmentsAreClosedWith1007() throws Exception {
        String room = "utf8-fragments";
        WebSocketTestClient listener = WebSocketTestClient.connect(uri(room));
        byte[] first = RawFrames.masked(RawFrames.TEXT, false, bytes("{\"message\":\"bad ", new byte[] {(byte) 0xC3}, ""));
        byte[] last = RawFrames.masked(RawFrames.CONTINUATION, true, bytes("", new byte[] {0x28}, "\"}"));

        assertThat(closeCodeAfterSending(room, first, last)).isEqualTo(1007);
        assertNothingPosted(room, listener);
    }

    @Test
    void aMessageEndingInTheMiddleOfACharacterIsClosedWith1007() throws Exception {
        byte[] truncated = bytes("{\"message\":\"cut\"}", new byte[] {(byte) 0xE2, (byte) 0x82}, "");
        assertThat(closeCodeAfterSending("utf8-truncated", RawFrames.masked(RawFrames.TEXT, true, truncated)))
                .isEqualTo(1007);
    }

    @Test
    void aCharacterSplitAcrossFragmentsArrivesWhole() throws Exception {
        String room = "utf8-split-char";
        WebSocketTestClient listener = WebSocketTestClient.connect(uri(room));
        try (Socket socket = RawWebSocket.open(gateway.port(), "/ws/chat/" + room + "/", "", 0)) {
            // "café": é is C3 A9, cut between its two bytes.
            socket.getOutputStream().write(RawFrames.masked(RawFrames.TEXT, false,
                    bytes("{\"message\":\"caf", new byte[] {(byte) 0xC3}, "")));
            socket.getOutputStream().write(RawFrames.masked(RawFrames.CONTINUATION, true,
                    bytes("", new byte[] {(byte) 0xA9}, "\"}")));

            assertThat(listener.receiveJson().getString("message")).isEqualTo("café");
        }
    }

    @Test
    void aMessageOfManyFragmentsOverTheSizeLimitIsClosedWith1009() throws Exception {
        ByteArrayOutputStream frames = new ByteArrayOutputStream();
        int fragments = Limits.defaults().maxFrameBytes() / 100 + 1;
        frames.write(RawFrames.masked(RawFrames.TEXT, false, "x".repeat(100).getBytes(StandardCharsets.US_ASCII)));
        for (int i = 1; i < fragments; i++) {
            frames.write(RawFrames.masked(RawFrames.CONTINUATION, i == fragments - 1,
                    "x".repeat(100).getBytes(StandardCharsets.US_ASCII)));
        }
        assertThat(closeCodeAfterSending("utf8-too-big", frames.toByteArray())).isEqualTo(1009);
    }

    private static int closeCodeAfterSending(String room, byte[]... frames) throws IOException {
        try (Socket socket = RawWebSocket.open(gateway.port(), "/ws/chat/" + room + "/", "", 0)) {
            for (byte[] frame : frames) {
                socket.getOutputStream().write(frame);
            }
            RawFrames.Frame answer = RawFrames.read(new DataInputStream(socket.getInputStream()));
            assertThat(answer.opcode()).as("the answer is a close frame, not: " + answer.text())
                    .isEqualTo(RawFrames.CLOSE);
            return answer.closeCode();
        }
    }

    /** The room got nothing, and its history is empty; it still works. */
    private static void assertNothingPosted(String room, WebSocketTestClient listener) throws Exception {
        assertThat(listener.receiveJsonWithin(500)).as("nothing sent to the room").isEmpty();
        String history = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + gateway.port() + "/api/rooms/" + room + "/messages")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(new JsonObject(history).getJsonArray("messages")).as("nothing stored").isEmpty();
        listener.send(new JsonObject().put("message", "still served"));
        assertThat(listener.receiveJson().getString("message")).isEqualTo("still served");
    }

    private static byte[] bytes(String before, byte[] middle, String after) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(before.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(middle);
        out.writeBytes(after.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static URI uri(String room) {
        return URI.create("ws://127.0.0.1:" + gateway.port() + "/ws/chat/" + room + "/");
    }
}
