package dev.parley.loadtest;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The named workloads, each with the defaults it runs with unless an option overrides them. */
enum Scenario {
    IDLE("hold N connections and send nothing; with --server-pid, the server's heap and RSS per connection",
            1000, 10, 0, 0.0, Duration.ofSeconds(20), Protocol.TUTORIAL, NameMode.UNIQUE),
    CHAT("rooms of --room-size users (10; try 100), every user sends one message every few seconds",
            1000, 10, 0, 0.2, Duration.ofSeconds(30), Protocol.TUTORIAL, NameMode.UNIQUE),
    BROADCAST("one big room of every user; a few --senders (5) post, everyone receives",
            1000, 0, 5, 1.0, Duration.ofSeconds(30), Protocol.TUTORIAL, NameMode.SHARED),
    CHURN("--rate new connections per second (not per user), each held for --hold, then closed",
            0, 10, 0, 50.0, Duration.ofSeconds(30), Protocol.RICH, NameMode.UNIQUE),
    RECONNECT("rich chat whose clients resume (?after=SEQ) on the next --url when their node dies; counts by seq",
            200, 10, 0, 0.5, Duration.ofSeconds(60), Protocol.RICH, NameMode.UNIQUE);

    final String description;
    final int users;
    /** 0: one room holding every user. */
    final int roomSize;
    /** 0: every member of a room sends. */
    final int senders;
    /** Messages per second per sender; for churn, connections per second. */
    final double rate;
    final Duration duration;
    final Protocol protocol;
    final NameMode names;

    Scenario(String description, int users, int roomSize, int senders, double rate, Duration duration,
             Protocol protocol, NameMode names) {
        this.description = description;
        this.users = users;
        this.roomSize = roomSize;
        this.senders = senders;
        this.rate = rate;
        this.duration = duration;
        this.protocol = protocol;
        this.names = names;
    }

    String optionName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<Scenario> named(String name) {
        return Arrays.stream(values()).filter(s -> s.optionName().equals(name)).findFirst();
    }

    /** Which wire mode the simulated users speak (docs/protocol.md). */
    enum Protocol {
        /** No subprotocol: the Django Channels tutorial chat. */
        TUTORIAL,
        /** {@code parley.v1}: welcome, acks (so ack latency), resume by seq. */
        RICH;

        String optionName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Display names: one per user (a presence.join per connection), or one per room (one presence entry). */
    enum NameMode {
        UNIQUE, SHARED;

        String optionName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
