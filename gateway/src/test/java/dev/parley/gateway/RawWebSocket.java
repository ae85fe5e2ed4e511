package dev.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A WebSocket opened by hand on a plain socket, for clients no library would be: one that never reads, never
 * answers a ping, or sends bytes that are not UTF-8. The caller owns the socket afterwards.
 */
public final class RawWebSocket {

    private RawWebSocket() {
    }

    /**
     * Sends the handshake for {@code path} with these extra header lines ({@code "Name: value\r\n"} each), reads
     * the answer up to its blank line and checks it is 101. {@code receiveBuffer} 0 leaves the system's size.
     */
    static Socket open(int port, String path, String extraHeaders, int receiveBuffer) throws IOException {
        return open(port, path, extraHeaders, receiveBuffer, "127.0.0.1");
    }

    /** The same, from {@code localAddress} (any of 127/8 works on Linux), as a client of that address. */
    static Socket open(int port, String path, String extraHeaders, int receiveBuffer, String localAddress)
            throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(java.net.InetAddress.getByName(localAddress), 0));
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(5000);
        socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n" + extraHeaders + "\r\n").getBytes(StandardCharsets.US_ASCII));
        assertThat(readHead(socket.getInputStream())).startsWith("HTTP/1.1 101");
        return socket;
    }

    /** Reads an HTTP response's status line and headers, up to and with the blank line; fails at the end. */
    public static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (head.length() < 4 || !head.substring(head.length() - 4).equals("\r\n\r\n")) {
            int next = in.read();
            assertThat(next).as("an HTTP answer, so far: " + head).isNotEqualTo(-1);
            head.append((char) next);
        }
        return head.toString();
    }
}
