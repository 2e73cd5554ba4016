package io.stratusmq.protocol;

import java.time.Duration;

/**
 * Overload limits of one node: how many connections, from where and how fast, and how much one client may
 * subscribe, publish and leave unread. Plain values: the application maps its configuration onto this record.
 * A value of 0 turns the limit off.
 *
 * @param maxConnections open network connections per node; beyond it CONNACK 0x97 (5.0) / 0x03 (3.1.1)
 * @param maxConnectionsPerAddress open connections from one client address; beyond it CONNACK 0x9F / 0x03
 * @param connectRatePerAddress CONNECT packets per second from one client address (token bucket refill)
 * @param connectBurstPerAddress CONNECT packets one address may send at once (token bucket size)
 * @param maxSubscriptionsPerClient subscriptions one session may hold; further filters get SUBACK 0x97 / 0x80
 * @param publishRate PUBLISH packets per second one client may send (token bucket refill)
 * @param publishBurst PUBLISH packets one client may send at once (token bucket size)
 * @param publishRateAction what a 5.0 client over its rate gets (3.1.1 clients are always paused)
 * @param maxUnreadBytes bytes a held-back connection may have sent beyond what was read (what was in flight
 *     when reading stopped, or sent over a transport that cannot stop reading); beyond it DISCONNECT 0x96
 *     (rate) or 0x97 (congestion) and close
 * @param slowConsumerBytes bytes written to a client and not yet sent beyond which no more messages are
 *     written to it (they wait in its capped queue)
 * @param slowConsumerTimeout how long the unsent bytes may stay above {@code slowConsumerBytes} before the
 *     connection is closed
 */
public record Limits(int maxConnections, int maxConnectionsPerAddress, double connectRatePerAddress,
        int connectBurstPerAddress, int maxSubscriptionsPerClient, double publishRate, int publishBurst,
        PublishRateAction publishRateAction, long maxUnreadBytes, long slowConsumerBytes,
        Duration slowConsumerTimeout) {

    /** What a 5.0 client publishing faster than its rate gets. */
    public enum PublishRateAction {
        /** Its packets are not read until its rate allows them, as EMQX and HiveMQ throttle: nothing is lost. */
        PAUSE,
        /** QoS 1/2: PUBACK / PUBREC 0x97 (quota exceeded), QoS 0: DISCONNECT 0x96 (message rate too high). */
        REFUSE
    }

    /** Limits with every overload limit off but the unread-input and slow-consumer guards. */
    public static final Limits NONE = new Limits(0, 0, 0, 0, 0, 0, 0, PublishRateAction.PAUSE, 8L << 20, 1L << 20,
            Duration.ofSeconds(15));
}
