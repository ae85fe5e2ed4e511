package dev.parley.gateway;

import dev.parley.gateway.chat.ChatApp;

/** Starts the Parley chat: {@code java -jar chat-gateway.jar}; configured by {@code CHAT_*} environment variables. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        ParleyServer.create().app(new ChatApp()).run(args);
    }
}
