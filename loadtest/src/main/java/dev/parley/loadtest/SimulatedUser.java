package dev.parley.loadtest;

import dev.parley.loadtest.Options.Schedule;
import dev.parley.loadtest.ReceiptLedger.Receipt;
import dev.parley.loadtest.Scenario.Protocol;
import dev.parley.loadtest.UserPlan.PlannedUser;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One simulated user: one WebSocket to its room, sending on its own open-loop schedule (a send never waits for a
 * reply) and checking every message it receives. Everything it does runs on its own event loop ({@code context}).
 */
final class SimulatedUser {

    /** How long a gap in the seqs may stay open before the client asks for what is missing, as clients should. */
    static final long GAP_WAIT_MILLIS = 1000;

    private final PlannedUser plan;
    private final UserPlan userPlan;
    private final Options options;
    private final Context context;
    private final Connector connector;
    private final RunStats stats;
    private final PhaseClock clock;
    private final ReceiptLedger receipts;
    private final SeqLedger seqs = new SeqLedger();
    private final Promise<Void> firstAttempt = Promise.promise();
    private final boolean resumes;

    private WebSocket socket;
    private boolean joined;
    private boolean closing;
    private boolean sending;
    private int counter;
    private int targetIndex;
    private int retries;
    private boolean gapCheckPending;

    /** Opens a WebSocket from the right source address; one per source address, shared by every user. */
    interface Connector {
        Future<WebSocket> connect(int sourceIndex, WebSocketConnectOptions options);
    }

    SimulatedUser(PlannedUser plan, UserPlan userPlan, Options options, Context context, Connector connector,
                  RunStats stats, PhaseClock clock) {
        this.plan = plan;
        this.userPlan = userPlan;
        this.options = options;
        this.context = context;
        this.connector = connector;
        this.stats = stats;
        this.clock = clock;
        this.receipts = new ReceiptLedger(plan.room().senders());
        this.resumes = options.scenario() == Scenario.RECONNECT;
        this.targetIndex = options.urls().indexOf(plan.target());
    }

    /** Connects; the future completes when the user has joined its room or the first attempt failed. */
    Future<Void> start() {
        context.runOnContext(v -> connect(-1));
        return firstAttempt.future();
    }

    /** Starts the send schedule at {@code startNanos} (System.nanoTime), with a random phase. */
    void startSending(long startNanos) {
        if (plan.senderSlot() < 0 || options.rate() <= 0 || options.scenario() == Scenario.CHURN) {
            return;
        }
        context.runOnContext(v -> {
            sending = true;
            long interval = (long) (1e9 / options.rate());
            schedule(startNanos + ThreadLocalRandom.current().nextLong(Math.max(1, interval)));
        });
    }

    void stopSending() {
        context.runOnContext(v -> sending = false);
    }

    /** Closes the connection as a user leaving: not counted as dropped, never reconnected. */
    Future<Void> close() {
        Promise<Void> closed = Promise.promise();
        context.runOnContext(v -> {
            closing = true;
            sending = false;
            if (socket == null || socket.isClosed()) {
                closed.complete();
            } else {
                socket.close().onComplete(done -> closed.complete());
            }
        });
        return closed.future();
    }

    boolean joined() {
        return joined;
    }

    PlannedUser plan() {
        return plan;
    }

    SeqLedger seqs() {
        return seqs;
    }

    private void connect(long resumeAfter) {
        if (closing) {
            return;
        }
        stats.attempted.increment();
        long startNanos = System.nanoTime();
        URI target = options.urls().get(targetIndex);
        boolean secure = "wss".equals(target.getScheme());
        WebSocketConnectOptions connect = new WebSocketConnectOptions()
                .setHost(target.getHost())
                .setPort(target.getPort() > 0 ? target.getPort() : secure ? 443 : 80)
                .setSsl(secure)
                .setURI(userPlan.uriFor(plan, resumeAfter))
                .setTimeout(options.connectTimeout().toMillis())
                .setConnectTimeout(options.connectTimeout().toMillis());
        if (options.protocol() == Protocol.RICH) {
            connect.setSubProtocols(List.of("parley.v1"));
        }
        connector.connect(plan.sourceIndex(), connect).onComplete(result -> {
            if (result.failed()) {
                failed();
            } else {
                opened(result.result(), startNanos, resumeAfter >= 0);
            }
        });
    }

    private void opened(WebSocket webSocket, long startNanos, boolean resumed) {
        socket = webSocket;
        webSocket.exceptionHandler(e -> { }); // The close handler follows and decides what to do.
        webSocket.closeHandler(v -> closed(webSocket));
        webSocket.textMessageHandler(text -> received(text, startNanos, resumed));
        if (options.protocol() == Protocol.TUTORIAL) {
            join(startNanos, resumed);
        }
    }

    private void join(long startNanos, boolean resumed) {
        joined = true;
        retries = 0;
        plan.room().connected().incrementAndGet();
        stats.connectionHeld();
        RunStats.record(stats.connectLatency, (System.nanoTime() - startNanos) / 1000);
        if (resumed) {
            stats.reconnects.increment();
        }
        firstAttempt.tryComplete();
    }

    private void failed() {
        stats.failed.increment();
        firstAttempt.tryComplete();
        reconnectLater();
    }

    private void closed(WebSocket webSocket) {
        if (webSocket != socket) {
            return;
        }
        if (!joined) {
            failed();
            return;
        }
        joined = false;
        plan.room().connected().decrementAndGet();
        stats.connectionLost();
        if (!closing) {
            stats.dropped.increment();
            reconnectLater();
        }
    }

    /** Reconnect scenario: resume on the next target after what this user holds, backing off a little. */
    private void reconnectLater() {
        if (!resumes || closing || clock.phase() == Phase.DONE) {
            return;
        }
        targetIndex = (targetIndex + 1) % options.urls().size();
        retries++;
        long delay = Math.min(2000, 100L * retries);
        context.owner().setTimer(delay, id -> connect(seqs.contiguous()));
    }

    private void received(String text, long startNanos, boolean resumed) {
        stats.receivedAll.increment();
        Frame frame = Frame.read(text);
        switch (frame.kind()) {
            case CHAT_MESSAGE -> chatMessage(frame.seq(), frame.message(), SeqLedger.Source.LIVE);
            case ACK -> acked(frame);
            case WELCOME -> join(startNanos, resumed);
            case HISTORY -> {
                if (frame.reset()) {
                    seqs.reset();
                }
                for (Object message : frame.history()) {
                    if (message instanceof JsonObject json) {
                        chatMessage(json.getLong("seq", 0L), json.getString("message", ""),
                                frame.gapFill() ? SeqLedger.Source.GAP_FILL : SeqLedger.Source.RESUME);
                    }
                }
            }
            case ERROR -> stats.errorFrame(frame.code());
            default -> { } // Presence, typing, and frame types added later: not the generator's business.
        }
    }

    private void chatMessage(long seq, String text, SeqLedger.Source source) {
        boolean live = source == SeqLedger.Source.LIVE;
        if (resumes) {
            plan.room().sawSeq(seq);
            if (seqs.accept(seq, source)) {
                stats.delivered.increment(); // For progress only: the summary counts each client's seqs.
            } else if (!live) {
                return; // A resume starts after the first gap, so it may bring again what came after the gap.
            }
            if (live && seqs.hasGap() && !gapCheckPending) {
                gapCheckPending = true;
                context.owner().setTimer(GAP_WAIT_MILLIS, id -> fillGap());
            }
        }
        ChatPayload payload = ChatPayload.decode(text).orElse(null);
        if (payload == null || !payload.measured() || clock.phase() == Phase.DONE) {
            return;
        }
        if (!resumes) {
            if (receipts.accept(payload.senderSlot(), payload.counter()) == Receipt.DUPLICATE) {
                stats.duplicates.increment();
                return;
            }
            stats.delivered.increment();
        }
        if (live) {
            RunStats.record(stats.latency, PhaseClock.epochMicros() - payload.sentMicros());
        }
    }

    /**
     * Reconnect scenario: a gap still open after {@link #GAP_WAIT_MILLIS} (a message that is late, or that a gateway
     * stored and died before sending) is asked for with {@code history.after}, as docs/protocol.md tells clients to.
     */
    private void fillGap() {
        gapCheckPending = false;
        if (!joined || !seqs.hasGap()) {
            return; // closed or arrived meanwhile; a resume asks from the first gap anyway
        }
        socket.writeTextMessage(new JsonObject().put("type", "history.after").put("after", seqs.contiguous())
                .put("limit", 200).encode());
        stats.gapFills.increment();
    }

    private void acked(Frame frame) {
        if (resumes) {
            plan.room().sawSeq(frame.seq());
        }
        ChatPayload.fromClientId(plan.senderSlot(), frame.clientId()).filter(ChatPayload::measured).ifPresent(p -> {
            stats.acked.increment();
            RunStats.record(stats.ackLatency, PhaseClock.epochMicros() - p.sentMicros());
        });
    }

    private void schedule(long plannedNanos) {
        long delayMillis = Math.max(1, (plannedNanos - System.nanoTime()) / 1_000_000);
        context.owner().setTimer(delayMillis, id -> sendDue(plannedNanos));
    }

    private void sendDue(long plannedNanos) {
        if (!sending) {
            return;
        }
        long lateMicros = (System.nanoTime() - plannedNanos) / 1000;
        if (lateMicros > RunStats.LATE_SEND_MICROS) {
            stats.lateSends.increment();
        }
        send();
        schedule(plannedNanos + nextInterval());
    }

    private long nextInterval() {
        double mean = 1e9 / options.rate();
        if (options.schedule() == Schedule.POISSON) {
            return (long) (-Math.log(1 - ThreadLocalRandom.current().nextDouble()) * mean);
        }
        return (long) mean;
    }

    private void send() {
        if (!joined) {
            stats.skippedSends.increment();
            return;
        }
        boolean measured = clock.phase() == Phase.MEASURE;
        ChatPayload payload = new ChatPayload(plan.senderSlot(), ++counter, PhaseClock.epochMicros(), measured);
        String message = payload.encode(options.messageSize());
        String frame = options.protocol() == Protocol.RICH
                ? "{\"type\":\"chat.send\",\"message\":\"" + message + "\",\"client_id\":\"" + payload.clientId() + "\"}"
                : "{\"message\":\"" + message + "\"}";
        socket.writeTextMessage(frame);
        stats.sentAll.increment();
        if (measured) {
            stats.sent.increment();
            if (!resumes) {
                stats.expected.add(plan.room().connected().get());
            }
            if (plan.room().shared()) {
                plan.room().sentMeasured().increment();
            }
        }
    }
}
