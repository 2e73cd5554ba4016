package io.stratusmq.session;

import java.util.List;
import java.util.Set;

/**
 * A persistent session as the store holds it, for a node that resumes it.
 *
 * @param messages queued and in-flight messages in the order they were queued
 * @param inboundQos2 packet identifiers of QoS 2 publishes from the client awaiting PUBREL
 * @param lastQueueSequence position of the newest queued message read, to fetch later ones from
 */
public record StoredSession(String clientId, long expirySeconds, List<Subscription> subscriptions,
        List<StoredMessage> messages, Set<Integer> inboundQos2, long lastQueueSequence) {

    /**
     * One message of the session's queue.
     *
     * @param packetId the packet identifier it was sent with, or 0 when it was never sent
     * @param released true when PUBREC came for it: PUBREL is owed, not the message
     */
    public record StoredMessage(Delivery delivery, int packetId, boolean released) {
    }
}
