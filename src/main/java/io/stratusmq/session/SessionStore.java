package io.stratusmq.session;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Where persistent sessions live beyond this node's memory: the cluster's shared store. It speaks in changes,
 * one call per change of a session's state, so that a client can resume on any node. The single-node broker
 * uses {@link #MEMORY}: the in-memory {@link Session} is the whole truth there.
 *
 * <p>Only persistent sessions (Clean Start 0 with a Session Expiry Interval, or 3.1.1 Clean Session 0) are
 * stored. Calls never block; writes of one node reach the store in the order they were made.
 */
public interface SessionStore {

    SessionStore MEMORY = new SessionStore() {
        @Override
        public boolean isDurable() {
            return false;
        }
    };

    /** False for the in-memory store: nothing else is called then. */
    boolean isDurable();

    /** Queues a QoS 1/2 message for the session; the ticket completes once stored (or refused as over quota). */
    default StoreTicket enqueue(String clientId, Delivery delivery) {
        return StoreTicket.completed();
    }

    /** The message went out to the client with this packet identifier. */
    default StoreTicket sent(String clientId, Message message, int packetId) {
        return StoreTicket.completed();
    }

    /**
     * The client's PUBREC came: PUBREL is owed for this packet identifier. The PUBREL waits for the ticket, so
     * that a session resumed after a crash sends PUBREL again rather than the message.
     */
    default StoreTicket released(String clientId, Message message, int packetId) {
        return StoreTicket.completed();
    }

    /** The client acknowledged the message for good (PUBACK, PUBCOMP, or a refusing PUBREC). */
    default void completed(String clientId, Message message) {
    }

    /** A QoS 2 PUBLISH from the client was accepted: its packet identifier awaits PUBREL. */
    default StoreTicket inboundQos2(String clientId, int packetId) {
        return StoreTicket.completed();
    }

    /** PUBREL came for an inbound QoS 2 packet identifier. */
    default void inboundQos2Released(String clientId, int packetId) {
    }

    /** A persistent session subscribed; the ticket completes once the subscription is stored. */
    default StoreTicket subscribed(String clientId, Subscription subscription) {
        return StoreTicket.completed();
    }

    default void unsubscribed(String clientId, String filterText) {
    }

    /**
     * A connection now owns the session on this node: record it, with the will the cluster must publish if this
     * node dies, and start bringing the session messages queued after {@code lastQueueSequence}. The CONNACK
     * waits for the ticket, so that a node dying right after it leaves the session and the will behind.
     */
    default StoreTicket connected(Session session, Message will, long willDelaySeconds, long lastQueueSequence) {
        return StoreTicket.completed();
    }

    /** The session's expiry interval changed (5.0 DISCONNECT). */
    default void sessionUpdated(String clientId, long expirySeconds) {
    }

    /**
     * A connection with Clean Start claimed the client id: forget everything stored about the previous session
     * [MQTT-3.1.2-4], unless another connection claimed the id since.
     *
     * @param ownerToken the claim of the connection that starts afresh
     */
    default void ended(String clientId, String ownerToken) {
    }

    /** Everything stored about a session, or null when there is none. */
    default CompletionStage<StoredSession> load(String clientId) {
        return CompletableFuture.completedFuture(null);
    }
}
