package dev.parley.loadtest;

import dev.parley.loadtest.ReceiptLedger.Receipt;
import dev.parley.loadtest.Scenario.Protocol;
import dev.parley.loadtest.UserPlan.PlannedUser;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * One simulated user: one WebSocket to its room, sending through its {@link Outbox} if it is one of the room's
 * senders, and checking every message it receives. Everything it does runs on its own event loop ({@code loop}).
 * The frames that come by the thousand (chat messages, acks) are read from their bytes by the loop's
 * {@link FrameScanner}; the rest are parsed in full ({@link Frame}).
 */
final class SimulatedUser implements Outbox.Connection {

    /** How long a gap in the seqs may stay open before the client asks for what is missing, as clients should. */
    static final long GAP_WAIT_MILLIS = 1000;

    private final PlannedUser plan;
    private final UserPlan userPlan;
    private final Options options;
    private final GeneratorLoop loop;
    private final Context context;
    private final LoopStats counts;
    private final Connector connector;
    private final RunStats stats;
    private final PhaseClock clock;
    private final ReceiptLedger receipts;
    private final SeqLedger seqs = new SeqLedger();
    private final Optional<Outbox> outbox;
    private final Promise<Void> firstAttempt = Promise.promise();
    private final boolean resumes;
    private final boolean rich;

    private WebSocket socket;
    private Buffer fragments;
    private boolean joined;
    private boolean closing;
    private int targetIndex;
    private int retries;
    private boolean gapCheckPending;

    /** Opens a WebSocket from the right source address; one per source address, shared by every user. */
    interface Connector {
        Future<WebSocket> connect(int sourceIndex, WebSocketConnectOptions options);
    }

    SimulatedUser(PlannedUser plan, UserPlan userPlan, Options options, GeneratorLoop loop, Connector connector,
                  RunStats stats, PhaseClock clock) {
        this.plan = plan;
        this.userPlan = userPlan;
        this.options = options;
        this.loop = loop;
        this.context = loop.context();
        this.counts = loop.stats();
        this.connector = connector;
        this.stats = stats;
        this.clock = clock;
        this.receipts = new ReceiptLedger(plan.room().senders());
        this.resumes = options.scenario() == Scenario.RECONNECT;
        this.rich = options.protocol() == Protocol.RICH;
        this.outbox = plan.senderSlot() >= 0 && options.rate() > 0 && options.scenario() != Scenario.CHURN
                ? Optional.of(new Outbox(plan, options, loop, stats, clock, this)) : Optional.empty();
        this.targetIndex = options.urls().indexOf(plan.target());
    }

    /** Connects; the future completes when the user has joined its room or the first attempt failed. */
    Future<Void> start() {
        context.runOnContext(v -> connect(-1));
        return firstAttempt.future();
    }

    /** Starts the send schedule at {@code startNanos} (System.nanoTime), with a random phase; if a sender. */
    void startSending(long startNanos) {
        outbox.ifPresent(box -> context.runOnContext(v -> box.start(startNanos)));
    }

    void stopSending() {
        outbox.ifPresent(box -> context.runOnContext(v -> box.stop()));
    }

    /** Closes the connection as a user leaving: not counted as dropped, never reconnected. */
    Future<Void> close() {
        Promise<Void> closed = Promise.promise();
        context.runOnContext(v -> {
            closing = true;
            outbox.ifPresent(Outbox::stop);
            if (socket == null || socket.isClosed()) {
                closed.complete();
            } else {
                socket.close().onComplete(done -> closed.complete());
            }
        });
        return closed.future();
    }

    @Override
    public boolean joined() {
        return joined;
    }

    @Override
    public boolean closing() {
        return closing;
    }

    @Override
    public void write(String frame) {
        socket.writeTextMessage(frame);
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
        if (rich) {
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
        webSocket.frameHandler(frame -> frame(frame, startNanos, resumed));
        if (!rich) {
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

    /** Text frames, whole or in fragments (a long history); control frames are Vert.x's business. */
    private void frame(WebSocketFrame frame, long startNanos, boolean resumed) {
        if (!frame.isText() && !frame.isBinary() && !frame.isContinuation()) {
            return;
        }
        Buffer data = frame.binaryData();
        if (!frame.isFinal() || fragments != null) {
            fragments = fragments == null ? Buffer.buffer().appendBuffer(data) : fragments.appendBuffer(data);
            if (!frame.isFinal()) {
                return;
            }
            data = fragments;
            fragments = null;
        }
        received(data, startNanos, resumed);
    }

    private void received(Buffer data, long startNanos, boolean resumed) {
        counts.receivedAll.increment();
        FrameScanner scan = loop.scanner();
        if (!scan.scan(data)) {
            parsed(Frame.read(data.toString(StandardCharsets.UTF_8)), startNanos, resumed);
            return;
        }
        switch (scan.type) {
            case CHAT_MESSAGE -> {
                boolean ours = scan.payload();
                chatMessage(scan.seq, SeqLedger.Source.LIVE, ours, scan.slot, scan.counter, scan.sentMicros,
                        scan.measured);
            }
            case ACK -> {
                boolean ours = scan.clientId();
                acked(scan.seq, ours, scan.counter, scan.sentMicros, scan.measured);
            }
            case ERROR -> {
                boolean ours = scan.clientId();
                error(scan.code(), ours ? scan.counter : -1);
            }
            case WELCOME -> join(startNanos, resumed);
            default -> { } // Presence, typing, and frame types added later: not the generator's business.
        }
    }

    /** A frame the scanner does not read (a history, or text with escapes), parsed in full. */
    private void parsed(Frame frame, long startNanos, boolean resumed) {
        switch (frame.kind()) {
            case CHAT_MESSAGE -> chatMessage(frame.seq(), frame.message(), SeqLedger.Source.LIVE);
            case ACK -> {
                ChatPayload payload = ChatPayload.fromClientId(plan.senderSlot(), frame.clientId()).orElse(null);
                if (payload == null) {
                    acked(frame.seq(), false, 0, 0, 0);
                } else {
                    acked(frame.seq(), true, payload.counter(), payload.sentMicros(), payload.measured() ? 1 : 0);
                }
            }
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
            case ERROR -> error(frame.code(), ChatPayload.fromClientId(plan.senderSlot(), frame.clientId())
                    .map(ChatPayload::counter).orElse(-1));
            default -> { }
        }
    }

    private void chatMessage(long seq, String text, SeqLedger.Source source) {
        ChatPayload payload = ChatPayload.decode(text).orElse(null);
        if (payload == null) {
            chatMessage(seq, source, false, 0, 0, 0, 0);
        } else {
            chatMessage(seq, source, true, payload.senderSlot(), payload.counter(), payload.sentMicros(),
                    payload.measured() ? 1 : 0);
        }
    }

    /** A chat message; {@code ours}: its text is one the generator sent, with these fields (measured: 1 or 0). */
    private void chatMessage(long seq, SeqLedger.Source source, boolean ours, int slot, int count, long sentMicros,
                             int measured) {
        boolean live = source == SeqLedger.Source.LIVE;
        if (resumes) {
            plan.room().sawSeq(seq);
            if (seqs.accept(seq, source)) {
                counts.delivered.increment(); // For progress only: the summary counts each client's seqs.
            } else if (!live) {
                return; // A resume starts after the first gap, so it may bring again what came after the gap.
            }
            if (live && seqs.hasGap() && !gapCheckPending) {
                gapCheckPending = true;
                context.owner().setTimer(GAP_WAIT_MILLIS, id -> fillGap());
            }
        }
        if (!ours || clock.phase() == Phase.DONE) {
            return;
        }
        if (!rich && live && slot == plan.senderSlot() && outbox.isPresent()) {
            outbox.get().confirmed(count); // a tutorial sender's echo: the server took it
        }
        LoopStats into = loop.stats(measured); // warm-up ones take the same path into unread counters
        if (!resumes) {
            // Warm-up messages too, so that the first measured one leaves no gap behind it in the ledger.
            if (receipts.accept(slot, count) == Receipt.DUPLICATE) {
                into.duplicates.increment();
                return;
            }
            into.delivered.increment();
        }
        if (live) {
            into.latency.recordValue(Math.max(0, PhaseClock.epochMicros() - sentMicros));
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

    private void acked(long seq, boolean ours, int count, long sentMicros, int measured) {
        if (resumes) {
            plan.room().sawSeq(seq);
        }
        if (!ours) {
            return;
        }
        if (outbox.isPresent()) {
            outbox.get().confirmed(count);
        }
        LoopStats into = loop.stats(measured);
        into.acked.increment();
        into.ackLatency.recordValue(Math.max(0, PhaseClock.epochMicros() - sentMicros));
    }

    /** An error frame; {@code count} is the refused send's counter when its client_id names one of ours, or -1. */
    private void error(String code, int count) {
        stats.errorFrame(code);
        outbox.ifPresent(box -> box.refused(code, count));
    }
}
