package dev.parley.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * An HTTP client on a plain socket, for clients no library would be: one that drips a request a byte at a time,
 * sends a request framed two ways, or comes from a chosen local address. Closing it closes the socket.
 */
final class RawHttp implements AutoCloseable {

    private final Socket socket;
    private final long openedAt;
    private Thread dripper;

    private RawHttp(Socket socket) {
        this.socket = socket;
        this.openedAt = System.nanoTime();
    }

    /** Connects to the gateway on 127.0.0.1 from {@code localAddress} (any of 127/8 works on Linux). */
    static RawHttp connect(int port, String localAddress) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        return new RawHttp(socket);
    }

    static RawHttp connect(int port) throws IOException {
        return connect(port, "127.0.0.1");
    }

    RawHttp send(String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        return this;
    }

    /** Sends {@code piece} every {@code interval} from another thread, until the gateway closes or this is closed. */
    RawHttp drip(String piece, Duration interval) {
        dripper = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(interval.toMillis());
                    send(piece);
                }
            } catch (IOException | InterruptedException e) {
                // closed by the gateway, or by the test
            }
        }, "dripper");
        dripper.setDaemon(true);
        dripper.start();
        return this;
    }

    /** Reads one response's head and its body by Content-Length; fails at the end of the stream. */
    String readResponse() throws IOException {
        socket.setSoTimeout(10_000);
        InputStream in = socket.getInputStream();
        String head = RawWebSocket.readHead(in);
        String lower = head.toLowerCase(java.util.Locale.ROOT);
        int at = lower.indexOf("content-length:");
        int length = at < 0 ? 0 : Integer.parseInt(lower.substring(at + 15, lower.indexOf("\r\n", at)).trim());
        return head + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    /**
     * Reads until the gateway ends the connection or {@code giveUp} has passed since it was opened; says what came
     * and when it ended. Reading all along keeps an answer from being lost to a reset caused by the dripper.
     */
    Ending readToTheEnd(Duration giveUp) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        InputStream in = socket.getInputStream();
        long giveUpAt = openedAt + giveUp.toNanos();
        boolean ended = false;
        while (!ended) {
            long left = Duration.ofNanos(giveUpAt - System.nanoTime()).toMillis();
            if (left <= 0) {
                break;
            }
            socket.setSoTimeout((int) left);
            try {
                int read = in.read(buffer);
                if (read < 0) {
                    ended = true;
                } else {
                    received.write(buffer, 0, read);
                }
            } catch (SocketTimeoutException e) {
                break;
            } catch (IOException e) {
                ended = true; // reset by the gateway: ended too
            }
        }
        return new Ending(ended, Duration.ofNanos(System.nanoTime() - openedAt),
                received.toString(StandardCharsets.ISO_8859_1));
    }

    @Override
    public void close() throws IOException {
        if (dripper != null) {
            dripper.interrupt();
        }
        socket.close();
    }

    /**
     * How a connection ended.
     *
     * @param closed   whether the gateway closed it (else the test gave up first)
     * @param after    how long after opening it ended, or the test gave up
     * @param received everything the gateway sent
     */
    record Ending(boolean closed, Duration after, String received) {
    }
}
