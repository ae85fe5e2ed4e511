package dev.parley.layer;

/** A send found the channel already holding its capacity of undelivered messages. */
public final class ChannelFull extends LayerException {

    public ChannelFull(String channel, int capacity) {
        super("channel " + channel + " is full (" + capacity + " undelivered messages)");
    }
}
