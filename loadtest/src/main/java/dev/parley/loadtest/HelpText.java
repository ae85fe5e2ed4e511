package dev.parley.loadtest;

import java.util.Set;

/** What {@code --help} prints: every option, every scenario with its defaults, exit codes and examples. */
final class HelpText {

    /** Every option name the parser accepts (without the leading dashes). */
    static final Set<String> OPTIONS = Set.of("scenario", "url", "users", "room-size", "senders", "rate", "schedule",
            "duration", "ramp", "settle", "drain", "hold", "protocol", "names", "message-size", "source-addresses",
            "processes", "threads", "connect-timeout", "warm-up-connections", "server-pid", "kill-pid", "kill-after",
            "json", "html",
            "progress-interval", "run-id", "max-failures", "slice", "child");

    private HelpText() {
    }

    static String text() {
        StringBuilder help = new StringBuilder("""
                chat-loadtest: simulated users against Parley gateways (docs/protocol.md), open loop.

                Usage:
                  java -jar chat-loadtest.jar [run] [OPTIONS]
                  java -jar chat-loadtest.jar merge RESULT.json... [--json FILE] [--html FILE]
                  java -jar chat-loadtest.jar baseline-server --port N [--host H] [--event-loops N]
                  java -jar chat-loadtest.jar --help

                Users connect (as guests), join rooms named lt-RUNID-N, and send on their own schedule: a send never
                waits for a reply, and a generator that falls behind its schedule counts it. Every message carries its
                sender, a per-sender counter and its send time (epoch microseconds); receivers measure the latency
                to receipt and count deliveries and duplicates. Phases: connect (over --ramp), settle (sending, not
                counted), measure (--duration), drain (no sending; in-flight deliveries still count), summary.

                Scenarios (--scenario, default chat), with their defaults:
                """);
        for (Scenario scenario : Scenario.values()) {
            help.append(String.format("  %-10s %s%n             users %d, room size %s, senders %s, rate %s, duration %ds, "
                            + "protocol %s, names %s%n",
                    scenario.optionName(), scenario.description, scenario.users,
                    scenario.roomSize == 0 ? "all (one room)" : String.valueOf(scenario.roomSize),
                    scenario.senders == 0 ? "all" : String.valueOf(scenario.senders),
                    scenario == Scenario.CHURN ? scenario.rate + " connections/s" : scenario.rate + "/s per sender",
                    scenario.duration.toSeconds(), scenario.protocol.optionName(), scenario.names.optionName()));
        }
        help.append("""

                Targets and connections:
                  --url URL               gateway base URL, repeatable or comma-separated; users are spread over them
                                          round-robin (default ws://127.0.0.1:8080). Rooms are URL/ws/chat/ROOM/
                  --users N               simulated users, one connection each (scenario default; churn: held base)
                  --room-size N           users per room; 0 = one room of everyone (scenario default)
                  --senders N             senders per room; 0 = every member (scenario default)
                  --protocol P            tutorial (no subprotocol, as the Django Channels tutorial) or rich
                                          (parley.v1: waits for welcome, sends client_id, measures ack latency)
                  --names M               unique: a display name per user (a presence.join per connection);
                                          shared: one name per room, so joining a big room is not N^2 presence events
                  --source-addresses A    bind connections to these local addresses in turn: 127.0.0.1-127.0.0.8,
                                          a list a,b,c, or a count N (127.0.0.1..N). The kernel has ~28 000 ports per
                                          (source address, target) pair: more connections to one target need more
                                          sources (default: the kernel chooses)
                  --connect-timeout D     a connection not open by then failed (default 10s)
                  --warm-up-connections N before the users, open and close N connections (room lt-RUNID-warmup), not
                                          counted: a cold generator's first connects wait for its JIT compiler,
                                          which a connect latency should not show (default 0; 2000 for joins)

                Load:
                  --rate R                messages per second per sender (churn: new connections per second)
                  --schedule S            fixed (evenly spaced, random phase; default) or poisson
                  --message-size N        pad every message to at least N characters (default 0: about 40)
                  --hold D                churn: how long each new connection stays open (default 1s)

                Timing:
                  --ramp D                spread the connects over this long (default 2 ms per user, 1s to 30s)
                  --settle D              after everyone joined, send this long before measuring (default 2s)
                  --duration D            the measured time (scenario default)
                  --drain D               after sending stops, wait up to this long for deliveries (default 5s)
                  --progress-interval D   one progress line this often (default 1s)
                  Durations: 500ms, 30s, 2m, 1h; a bare number is seconds.

                Processes (this machine allows about 20 000 open files per process):
                  --processes N           run N child JVMs of this jar, each with a slice of the users (rooms kept
                                          whole where they fit), and merge their results (default 1). One process
                                          takes at most 19 000 sockets; more is refused with a hint.
                  --threads N             event loops per process (default: the cores, %d here)
                  --run-id ID             names the rooms lt-ID-N (default random); give runs that must share rooms,
                                          e.g. on several machines, the same ID and --slice
                  --slice I/N             simulate only part I (from 0) of N of the users (default 0/1)
                  --child                 internal: marks the children --processes starts (they report on
                                          stdout and wait for "start" on stdin before measuring)

                Measuring the server (when it runs on this machine):
                  --server-pid PID[,PID]  the server's processes (both gateways, or gateways, Redis and Postgres),
                                          repeatable: their CPU and RSS (/proc) every interval, each one's share of
                                          the CPU while measuring, and the server's CPU us per message sent and per
                                          delivery; in the idle scenario also the heap after a full GC (jcmd PID
                                          GC.run, GC.heap_info) before and after connecting, so heap and RSS per
                                          connection
                  --kill-pid PID          reconnect: SIGKILL this process (a gateway) --kill-after into the measure
                  --kill-after D          default 10s

                Output:
                  --json FILE             results: connections, sent, expected_deliveries, delivered, duplicates,
                                          refused (by code), latency_ms {p50,p90,p99,p999,max}, ack and connect
                                          latency, generator (cpu_us_per_frame) and server (cpu_us_per_message,
                                          cpu_us_per_delivery, processes) figures, encoded histograms (to merge)
                  --html FILE             a self-contained report: latency over time, percentile plot, summary
                  --max-failures PCT      connection failures above this percent of attempts fail the run (default 0)

                The bare broadcaster (the limit to hold a server against, on the same machine in the same sitting):
                  baseline-server --port N [--host H] [--event-loops N]
                                          a Vert.x room broadcaster on /ws/chat/ROOM/ speaking the tutorial protocol:
                                          each {"message": ...} goes to every member of the room, sender included, as
                                          Parley's chat.message object (seq per room, user guest-xxxxxx, sent_at),
                                          encoded once; no layer, no store, no limits. Host 127.0.0.1 and 1 event
                                          loop by default; prints one line when listening, runs until stopped.

                Exit codes:
                  0  the run completed: no loss, no duplicates, failures within --max-failures
                  1  the run completed but lost or duplicated messages, or too many connections failed
                  2  bad options (a one-line message says which)
                  3  the run could not be done: no connection held, a child process failed, a file not written

                The generator flags itself as the bottleneck (generator_saturated) when its CPU was near all its
                cores, its event-loop lag p99 was over 50 ms, or over 1%% of sends left later than 50 ms behind
                schedule (all while measuring): distrust such a run's latency. It reports its own cost, us of
                CPU per frame sent or received, in the progress line, the summary and the JSON
                (generator.cpu_us_per_frame); it is cheapest with -XX:+UseParallelGC
                (java -XX:+UseParallelGC -jar chat-loadtest.jar ...).

                A send the server refuses with an error frame (rate_limited, unavailable...) was not posted: it
                counts as refused, by code, and its deliveries are not expected. Rich clients send it again with
                the same client_id after a short backoff (0.25 s, doubling to 2 s, 8 tries), as the web UI does.

                Examples:
                  java -jar chat-loadtest.jar --scenario chat --url ws://127.0.0.1:8080 --users 2000 --rate 0.5 \\
                      --duration 30s --json chat.json --html chat.html
                  java -jar chat-loadtest.jar --scenario idle --users 10000 --server-pid $(pgrep -f chat-gateway)
                  java -jar chat-loadtest.jar --scenario chat --room-size 100 --url ws://127.0.0.1:8081,ws://127.0.0.1:8082
                  java -jar chat-loadtest.jar --scenario idle --users 40000 --processes 3 --source-addresses 127.0.0.1-127.0.0.4
                  java -jar chat-loadtest.jar merge a.json b.json --json all.json --html all.html
                """.formatted(Runtime.getRuntime().availableProcessors()));
        return help.toString();
    }
}
