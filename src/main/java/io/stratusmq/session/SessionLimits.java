package io.stratusmq.session;

/**
 * Bounds on one session's queue.
 *
 * @param maxQueuedMessages messages waiting to be sent (beyond the in-flight window), per session
 * @param queueQos0Offline keep QoS 0 messages for offline persistent sessions too
 * @param dropWhenFull drop QoS 1/2 messages for online sessions when the queue is full, instead of slowing
 *     the publishers down; off by default: what is acknowledged is delivered
 */
public record SessionLimits(int maxQueuedMessages, boolean queueQos0Offline, boolean dropWhenFull) {

    public static final SessionLimits DEFAULT = new SessionLimits(1000, false, false);
}
