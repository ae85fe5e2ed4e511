package dev.parley.gateway.ws;

import io.netty.buffer.ByteBuf;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketFrame;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Joins a WebSocket's frames into messages, in place of Vert.x's own joining, which decodes text leniently
 * (invalid UTF-8 becomes U+FFFD). Text is decoded strictly as it arrives, fragment by fragment, so a character
 * split across fragments is whole and invalid bytes are found in the fragment that holds them. After an invalid
 * or oversized message it reads nothing more: the caller closes the connection.
 */
public final class FrameReader implements Handler<WebSocketFrame> {

    /** What the reader finds; each method runs on the connection's event loop. */
    interface Listener {

        void text(String message);

        void binary(Buffer message);

        /** A ping or a pong (Vert.x has answered the ping already). */
        void control();

        /** The message would be larger than the limit. */
        void tooBig();

        /** A text message is not valid UTF-8 (RFC 6455 asks for a close with 1007). */
        void invalidText();
    }

    private final int maxMessageBytes;
    private final Listener listener;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private boolean failed;
    /** The message being joined: text or binary, until its final frame. */
    private StringBuilder text;
    private Buffer binary;
    /** The last bytes of a text fragment that end in the middle of a character, for the next fragment. */
    private byte[] carried = new byte[0];
    private int messageBytes;

    FrameReader(int maxMessageBytes, Listener listener) {
        this.maxMessageBytes = maxMessageBytes;
        this.listener = listener;
    }

    @Override
    public void handle(WebSocketFrame frame) {
        if (failed) {
            return;
        }
        switch (frame.type()) {
            case PING, PONG -> listener.control();
            case TEXT -> startText(frame);
            case BINARY -> startBinary(frame);
            case CONTINUATION -> continueMessage(frame);
            default -> {
                // CLOSE: Vert.x answers it and reports the end of the connection.
            }
        }
    }

    private void startText(WebSocketFrame frame) {
        text = new StringBuilder();
        binary = null;
        carried = new byte[0];
        utf8.reset();
        messageBytes = 0;
        appendText(frame);
    }

    private void startBinary(WebSocketFrame frame) {
        text = null;
        binary = Buffer.buffer();
        messageBytes = 0;
        appendBinary(frame);
    }

    /** Netty refuses a continuation without a message begun; one after a refused message is ignored. */
    private void continueMessage(WebSocketFrame frame) {
        if (text != null) {
            appendText(frame);
        } else if (binary != null) {
            appendBinary(frame);
        }
    }

    private boolean withinLimit(WebSocketFrame frame) {
        messageBytes += frame.binaryData().length();
        if (messageBytes > maxMessageBytes) {
            fail();
            listener.tooBig();
            return false;
        }
        return true;
    }

    private void appendBinary(WebSocketFrame frame) {
        if (!withinLimit(frame)) {
            return;
        }
        binary.appendBuffer(frame.binaryData());
        if (frame.isFinal()) {
            Buffer message = binary;
            binary = null;
            listener.binary(message);
        }
    }

    private void appendText(WebSocketFrame frame) {
        if (!withinLimit(frame)) {
            return;
        }
        if (!decode(frame.binaryData().getByteBuf(), frame.isFinal())) {
            fail();
            listener.invalidText();
            return;
        }
        if (frame.isFinal()) {
            String message = text.toString();
            text = null;
            listener.text(message);
        }
    }

    /** Decodes a fragment after the bytes carried from the one before; false if the bytes are not UTF-8. */
    private boolean decode(ByteBuf fragment, boolean last) {
        ByteBuffer in = ByteBuffer.allocate(carried.length + fragment.readableBytes());
        in.put(carried);
        fragment.getBytes(fragment.readerIndex(), in);
        in.flip();
        CharBuffer out = CharBuffer.allocate(in.remaining() + 1);
        CoderResult result = utf8.decode(in, out, last);
        if (result.isError() || (last && utf8.flush(out).isError())) {
            return false;
        }
        // Without the last fragment, the decoder leaves a character's incomplete first bytes in the input.
        carried = new byte[in.remaining()];
        in.get(carried);
        text.append(out.flip());
        return true;
    }

    private void fail() {
        failed = true;
        text = null;
        binary = null;
    }
}
