package dev.parley.gateway.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One plain HTTP connection, watched from its opening until it closes or becomes a WebSocket. It must send its first
 * request head within the handshake time-out, and every request whole, head and body, within the request time-out
 * from its first byte (the first request from the opening); a later request's time starts with its first byte, so a
 * kept-alive connection may wait between requests until the idle time-out. It counts against its client address's
 * HTTP cap; a WebSocket gives its place back when it switches protocols, and counts against the WebSocket caps alone.
 * A request whose framing another hop could read differently ({@link TransferCodings}) is answered and the connection
 * closed, and nothing after it on the connection is served.
 *
 * <p>Two Netty handlers do the watching: one before the HTTP decoder sees the bytes of a request begin (a head that
 * drips yields no decoded message, so only the bytes tell), one after it sees each request's head and end, and the
 * responses going out. When something is refused or too slow it is answered with a short sentence if every earlier
 * request has been answered (else it is only closed), then closed. Everything happens on the connection's event loop.
 */
public final class GuardedConnection {

    private static final Runnable NOTHING = () -> {
    };

    private final HttpConnectionGuard.Settings settings;
    private final String peerHost;
    private final BytesIn bytesIn = new BytesIn();
    private final Messages messages = new Messages();
    private ChannelHandlerContext context;
    private ScheduledFuture<?> headTimer;
    private ScheduledFuture<?> requestTimer;
    private Optional<String> countedAs = Optional.empty();
    private Runnable giveBackPlace = NOTHING;
    private boolean inRequest;
    private boolean headArrived;
    private int requestsStarted;
    private int requestsAnswered;
    private boolean finished;

    GuardedConnection(HttpConnectionGuard.Settings settings, String peerHost) {
        this.settings = settings;
        this.peerHost = peerHost;
    }

    /** Puts the watchers around the pipeline's HTTP decoder and starts the clocks; may refuse at once (the cap). */
    void watch(ChannelPipeline pipeline) {
        ChannelHandlerContext decoder = pipeline.context(HttpRequestDecoder.class);
        ChannelHandlerContext encoder = pipeline.context(HttpResponseEncoder.class);
        if (decoder == null || encoder == null) {
            throw new IllegalStateException("no HTTP/1 decoder and encoder in the connection's pipeline: "
                    + pipeline.names());
        }
        pipeline.addBefore(decoder.name(), "parley-request-bytes", bytesIn);
        pipeline.addAfter(encoder.name(), "parley-requests", messages);
        headTimer = schedule(settings.handshakeTimeout().toMillis(), this::tooSlow);
        startRequest();
        if (!settings.trustProxy()) {
            admit(peerHost);
        }
    }

    private void startRequest() {
        inRequest = true;
        headArrived = false;
        requestTimer = schedule(settings.requestTimeout().toMillis(), this::tooSlow);
    }

    private void endRequest() {
        inRequest = false;
        cancel(requestTimer);
    }

    /** A request head: the first stops the handshake clock; framing and the cap may refuse it. */
    private boolean admitted(HttpRequest request) {
        cancel(headTimer);
        if (!inRequest) {
            startRequest(); // pipelined: it began in the read that ended the one before
        }
        headArrived = true;
        requestsStarted++;
        if (!request.decoderResult().isSuccess()) {
            return true; // Vert.x answers a request it could not decode with 400 and closes
        }
        HttpHeaders headers = request.headers();
        Optional<TransferCodings.Refusal> framing = TransferCodings.check(
                headers.getAll(HttpHeaderNames.TRANSFER_ENCODING), headers.contains(HttpHeaderNames.CONTENT_LENGTH));
        if (framing.isPresent()) {
            refuse(framing.get().status(), framing.get().reason());
            return false;
        }
        // Behind a proxy the client's address comes with each request. A handshake is counted by the WebSocket caps.
        boolean handshake = headers.containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true);
        if (settings.trustProxy() && !handshake) {
            return admit(ClientAddress.of(peerHost, Optional.ofNullable(headers.get("x-forwarded-for")), true));
        }
        return true;
    }

    /** Counts this connection against {@code address} (moving it there from another), or refuses it with 429. */
    private boolean admit(String address) {
        if (countedAs.filter(address::equals).isPresent()) {
            return true;
        }
        giveBackPlace();
        Optional<Runnable> place = settings.caps().admit(address, Optional.empty());
        if (place.isEmpty()) {
            refuse(429, "Too many connections from your address; close some and try again");
            return false;
        }
        giveBackPlace = place.get();
        countedAs = Optional.of(address);
        return true;
    }

    private void tooSlow() {
        if (finished) {
            return;
        }
        settings.onTimeout().run();
        refuse(408, "The request did not arrive whole in time");
    }

    /** Answers the request now being read, if every earlier one has been answered, and closes. */
    private void refuse(int status, String sentence) {
        int unanswered = requestsStarted - requestsAnswered;
        boolean answerable = headArrived ? unanswered == 1 : unanswered == 0;
        finish();
        if (!answerable) {
            context.close();
            return;
        }
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(status), Unpooled.copiedBuffer(sentence + "\n", StandardCharsets.UTF_8));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                .set(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes())
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE)
                .set("x-content-type-options", "nosniff");
        context.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    /** Stops the clocks and gives the place back; from now on nothing read is passed on. */
    private void finish() {
        finished = true;
        stopWatching();
    }

    private void stopWatching() {
        cancel(headTimer);
        cancel(requestTimer);
        giveBackPlace();
    }

    private void giveBackPlace() {
        giveBackPlace.run();
        giveBackPlace = NOTHING;
        countedAs = Optional.empty();
    }

    /** Switched to WebSocket: the WebSocket caps and time-outs take over, and the watchers leave the pipeline. */
    private void becameWebSocket(ChannelPipeline pipeline) {
        stopWatching();
        pipeline.remove(bytesIn);
        pipeline.remove(messages);
    }

    private ScheduledFuture<?> schedule(long millis, Runnable task) {
        return context.executor().schedule(task, millis, TimeUnit.MILLISECONDS);
    }

    private static void cancel(ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    /** Before the decoder: any byte while no request is being read begins one. */
    private final class BytesIn extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!inRequest && !finished) {
                startRequest();
            }
            ctx.fireChannelRead(msg);
        }
    }

    /** After the decoder: request heads and ends coming in, responses going out. */
    private final class Messages extends ChannelDuplexHandler {
        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            context = ctx;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (finished || msg instanceof HttpRequest request && !admitted(request)) {
                ReferenceCountUtil.release(msg);
                return;
            }
            if (msg instanceof LastHttpContent) {
                endRequest();
            }
            ctx.fireChannelRead(msg);
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            if (msg instanceof HttpResponse response) {
                int status = response.status().code();
                if (status == HttpResponseStatus.SWITCHING_PROTOCOLS.code()) {
                    ctx.write(msg, promise);
                    becameWebSocket(ctx.pipeline());
                    return;
                }
                if (status >= 200) {
                    requestsAnswered++;
                }
            }
            ctx.write(msg, promise);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            finish();
            ctx.fireChannelInactive();
        }

        @Override
        public void handlerRemoved(ChannelHandlerContext ctx) {
            stopWatching(); // also when the channel closes and Netty empties its pipeline
        }
    }
}
