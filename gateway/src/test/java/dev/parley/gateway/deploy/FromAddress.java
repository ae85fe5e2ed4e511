package dev.parley.gateway.deploy;

import dev.parley.gateway.RawWebSocket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Requests from a chosen loopback address (127.0.0.2, 127.0.0.3, ...), as from different machines: what a load
 * balancer must pass on to the gateways as the client's address. HTTP/1.1 written by hand on a bound socket, since
 * Java's clients cannot choose their source address.
 */
final class FromAddress {

    private static final int TIMEOUT_MILLIS = 10_000;

    private final String local;

    /** Requests from {@code local}, e.g. {@code 127.0.0.2} (all of 127/8 is this machine on Linux). */
    FromAddress(String local) {
        this.local = local;
    }

    /** An answer's status code, head (status line and headers) and body. */
    record Reply(int status, String head, String body) {
    }

    /**
     * Asks to open a WebSocket on {@code path} from a page at {@code origin}. On 101 the socket stays open (the
     * caller closes it); on any other answer it is closed. Returns the status and the socket.
     */
    Handshake openWebSocket(int port, String path, String origin) throws IOException {
        Socket socket = connect(port);
        write(socket, "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nOrigin: " + origin + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n");
        String head = RawWebSocket.readHead(socket.getInputStream());
        int status = status(head);
        if (status != 101) {
            socket.close();
        }
        return new Handshake(status, socket);
    }

    /** A WebSocket handshake's outcome; {@code socket} is open only when {@code status} is 101. */
    record Handshake(int status, Socket socket) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** {@code POST path} with a JSON body, from a page at {@code origin}; reads the whole answer. */
    Reply postJson(int port, String path, String origin, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = connect(port)) {
            write(socket, "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nOrigin: " + origin + "\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n");
            socket.getOutputStream().write(body);
            String head = RawWebSocket.readHead(socket.getInputStream());
            ByteArrayOutputStream rest = new ByteArrayOutputStream();
            socket.getInputStream().transferTo(rest);
            return new Reply(status(head), head, rest.toString(StandardCharsets.UTF_8));
        }
    }

    private Socket connect(int port) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(local, 0));
        socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
        socket.setSoTimeout(TIMEOUT_MILLIS);
        return socket;
    }

    private static void write(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
    }

    private static int status(String head) {
        return Integer.parseInt(head.substring(head.indexOf(' ') + 1, head.indexOf(' ') + 4));
    }
}
