package io.stratusmq.broker;

import io.stratusmq.session.Message;
import io.stratusmq.session.Session;
import io.stratusmq.session.StoreTicket;
import io.stratusmq.session.Subscription;

/**
 * What the broker asks of the cluster: carry messages to subscribers on other nodes and to durable sessions,
 * announce this node's routes, and serve shared subscriptions cluster-wide. The single-node broker uses
 * {@link #LOCAL}, which does none of it. Implementations never block the calling event loop.
 */
public interface ClusterBridge {

    ClusterBridge LOCAL = new ClusterBridge() {
    };

    /**
     * True when this session's subscriptions and QoS 1/2 messages live in the cluster store, reached from every
     * node, rather than in this node's subscription trie.
     */
    default boolean isDurable(Session session) {
        return false;
    }

    /** True when shared subscriptions are served cluster-wide by the bridge, not by this node alone. */
    default boolean servesSharedGroups() {
        return false;
    }

    /**
     * Sends the message to every other node with a matching route, to durable sessions and to shared groups;
     * registers with the receipt every write the publisher's acknowledgement must wait for.
     *
     * @param receipt null for QoS 0 and for messages nobody waits on
     * @return how many destinations it went to
     */
    default int forward(Message message, PublishReceipt receipt) {
        return 0;
    }

    /**
     * A local session subscribed (for a durable session: store the subscription cluster-wide). The ticket
     * completes once the subscription is stored and the other nodes were told, and fails if it could not be.
     */
    default StoreTicket subscribed(Session session, Subscription subscription) {
        return StoreTicket.completed();
    }

    /** A local session dropped a subscription. */
    default void unsubscribed(Session session, Subscription subscription) {
    }

    /** A session ended for good; a durable one's subscriptions and queue go too. */
    default void sessionEnded(Session session) {
    }

    /**
     * A will is due. The cluster makes sure it goes out once even if another node also believes it is due;
     * {@code publish} runs when this node won.
     */
    default void willDue(String clientId, Runnable publish) {
        publish.run();
    }
}
