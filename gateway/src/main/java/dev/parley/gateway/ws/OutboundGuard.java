package dev.parley.gateway.ws;

import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.impl.WebSocketInternal;

/**
 * Watches what waits to be sent to one client, in the connection's Netty pipeline: since when the outbound queue
 * has been full (above the channel's high-water mark, 64 KiB, whatever the frames: chat, pongs, errors), and no
 * pong while it is full; and it can drop the connection.
 *
 * <p>Vert.x answers every ping by itself as it reads it, and a client that sends pings and never reads would
 * otherwise pile up pongs in the server's memory without bound. RFC 6455 (5.5.3) lets an endpoint that has not yet
 * sent the pongs of earlier pings answer only the most recent one: while the queue is full the pongs are dropped,
 * and the latest is sent once the queue has drained.
 *
 * <p>Vert.x 4.5 offers no public hook for either, so this reaches the pipeline through its
 * {@link WebSocketInternal} view of the socket; a Vert.x without it fails every handshake's test at once.
 */
public final class OutboundGuard extends ChannelDuplexHandler {

    private static final String NAME = "parley-outbound-guard";

    private final Channel channel;
    /** Since when (System.nanoTime) the queue has been full; 0 while it is not. Read from other threads. */
    private volatile long fullSince;
    /** The pong dropped last while the queue was full, to send when it drains. */
    private PongWebSocketFrame latestDropped;
    /** A close frame has been sent: nothing may follow it, not even the latest pong. */
    private boolean closeSent;

    private OutboundGuard(Channel channel) {
        this.channel = channel;
    }

    /**
     * Puts a guard in front of the socket's Vert.x handler, or finds the one already there; call it before the
     * handshake completes.
     */
    static OutboundGuard install(ServerWebSocket socket) {
        if (!(socket instanceof WebSocketInternal internal)) {
            throw new IllegalStateException("this Vert.x gives no access to a WebSocket's pipeline ("
                    + socket.getClass().getName() + "); the outbound guard cannot be installed");
        }
        ChannelHandlerContext vertx = internal.channelHandlerContext();
        if (vertx.pipeline().get(NAME) instanceof OutboundGuard earlier) {
            return earlier; // a handshake refused before, on the same kept-alive connection
        }
        OutboundGuard guard = new OutboundGuard(vertx.channel());
        vertx.pipeline().addBefore(vertx.name(), NAME, guard);
        if (!vertx.channel().isWritable()) {
            guard.fullSince = System.nanoTime();
        }
        return guard;
    }

    /** Whether the queue has been full for longer than {@code limitNanos}: the client does not read. */
    boolean fullLongerThan(long limitNanos, long now) {
        long since = fullSince;
        return since != 0 && now - since > limitNanos;
    }

    /**
     * Drops the connection without waiting any longer for the client to answer a close frame. Vert.x waits for
     * the answer only once its close frame has been written, which for a client that does not read is never.
     */
    void abort() {
        if (channel.isOpen()) {
            channel.close();
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object message, ChannelPromise promise) {
        if (message instanceof PongWebSocketFrame pong && (closeSent || !ctx.channel().isWritable())) {
            releaseDropped();
            if (closeSent) {
                pong.release();
            } else {
                latestDropped = pong;
            }
            promise.trySuccess();
            return;
        }
        if (message instanceof CloseWebSocketFrame) {
            closeSent = true;
            releaseDropped();
        }
        ctx.write(message, promise);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            fullSince = 0;
            if (latestDropped != null) {
                PongWebSocketFrame pong = latestDropped;
                latestDropped = null;
                ctx.writeAndFlush(pong, ctx.voidPromise());
            }
        } else if (fullSince == 0) {
            fullSince = System.nanoTime();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        releaseDropped();
    }

    private void releaseDropped() {
        if (latestDropped != null) {
            latestDropped.release();
            latestDropped = null;
        }
    }
}
