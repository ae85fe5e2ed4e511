package dev.parley.gateway;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** WebSocket frames by hand (RFC 6455, 5.2), for {@link RawWebSocket}s: masked ones to send, the server's to read. */
final class RawFrames {

    static final int CONTINUATION = 0x0;
    static final int TEXT = 0x1;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;
    static final int PONG = 0xA;

    private static final byte[] MASK = {0x12, 0x34, 0x56, 0x78};

    private RawFrames() {
    }

    /** A frame as a client sends it: masked. */
    static byte[] masked(int opcode, boolean fin, byte[] payload) {
        if (payload.length > 125) {
            throw new IllegalArgumentException("only short frames here");
        }
        byte[] frame = new byte[6 + payload.length];
        frame[0] = (byte) ((fin ? 0x80 : 0) | opcode);
        frame[1] = (byte) (0x80 | payload.length);
        System.arraycopy(MASK, 0, frame, 2, 4);
        for (int i = 0; i < payload.length; i++) {
            frame[6 + i] = (byte) (payload[i] ^ MASK[i % 4]);
        }
        return frame;
    }

    /** {@code count} empty pings, back to back. */
    static byte[] pings(int count) {
        return pings(count, 0);
    }

    /** {@code count} pings of {@code payloadBytes} each (at most 125), back to back. */
    static byte[] pings(int count, int payloadBytes) {
        byte[] one = masked(PING, true, new byte[payloadBytes]);
        byte[] all = new byte[one.length * count];
        for (int i = 0; i < count; i++) {
            System.arraycopy(one, 0, all, i * one.length, one.length);
        }
        return all;
    }

    /** A frame from the server (unmasked). */
    record Frame(int opcode, boolean fin, byte[] payload) {

        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** A close frame's status code. */
        int closeCode() {
            return ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        }

        String closeReason() {
            return new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
        }
    }

    static Frame read(DataInputStream in) throws IOException {
        int first = in.readUnsignedByte();
        long length = in.readUnsignedByte() & 0x7F;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        return new Frame(first & 0x0F, (first & 0x80) != 0, in.readNBytes((int) length));
    }

    /** Reads frames until a close frame, skipping the others (pongs, chat); fails at the end of the stream. */
    static Frame readUntilClose(DataInputStream in) throws IOException {
        Frame frame = read(in);
        while (frame.opcode() != CLOSE) {
            frame = read(in);
        }
        return frame;
    }
}
