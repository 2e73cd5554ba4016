package io.stratusmq.broker;

import io.stratusmq.routing.TopicFilter;
import io.stratusmq.session.Message;

/**
 * Carries messages to subscribers on other nodes and tells the cluster which filters this node serves. The
 * single-node broker uses {@link #NONE}. Implementations never block the calling event loop.
 */
public interface MessageForwarder {

    MessageForwarder NONE = new MessageForwarder() {
    };

    /** Sends the message to every other node with a matching route; returns how many nodes it went to. */
    default int forward(Message message) {
        return 0;
    }

    /** A local session subscribed to this filter. */
    default void subscribed(TopicFilter filter) {
    }

    /** A local session dropped a subscription to this filter. */
    default void unsubscribed(TopicFilter filter) {
    }
}
