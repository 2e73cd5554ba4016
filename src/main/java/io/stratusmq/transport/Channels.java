package io.stratusmq.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;

/** What the transports do to a Netty channel underneath Vert.x. */
public final class Channels {

    private Channels() {
    }

    /**
     * Closes the channel with a reset (SO_LINGER 0), which also frees the kernel's send buffer: for a peer that
     * reads nothing, whose orderly close would wait behind its backlog.
     */
    public static void reset(Channel channel) {
        channel.config().setOption(ChannelOption.SO_LINGER, 0);
        channel.close();
    }
}
