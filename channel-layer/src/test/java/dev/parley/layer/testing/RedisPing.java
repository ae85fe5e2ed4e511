package dev.parley.layer.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Whether a Redis server answers at an address, over a plain socket, so the check needs no Redis client. */
final class RedisPing {

    private RedisPing() {
    }

    /**
     * True if the server at host:port replies to the inline command {@code PING} within the timeout. A server
     * that wants a password ({@code -NOAUTH}) answers too: it is up, and the client's URL carries the password.
     */
    static boolean answers(String host, int port, Duration timeout) {
        int millis = (int) Math.max(1, timeout.toMillis());
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), millis);
            socket.setSoTimeout(millis);
            socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            var reply = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            String line = reply.readLine();
            return line != null && (line.startsWith("+PONG") || line.startsWith("-NOAUTH"));
        } catch (IOException | IllegalArgumentException e) { // refused, timed out, unknown host, bad port
            return false;
        }
    }
}
