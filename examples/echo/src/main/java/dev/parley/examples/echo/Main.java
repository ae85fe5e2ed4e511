package dev.parley.examples.echo;

import dev.parley.gateway.App;
import dev.parley.gateway.ParleyServer;

/**
 * The echo server: {@code ws://localhost:8080/ws/echo/?name=ada} answers each JSON object with itself. Configured by
 * the {@code CHAT_*} environment variables ({@code --help} lists them).
 */
public final class Main {

    /** The app's routes: one WebSocket path, served by a new {@link EchoConsumer} per connection. */
    public static final App ECHO = (routes, services) -> routes.websocket("/ws/echo/", EchoConsumer::new);

    private Main() {
    }

    public static void main(String[] args) {
        ParleyServer.create().app(ECHO).run(args);
    }
}
