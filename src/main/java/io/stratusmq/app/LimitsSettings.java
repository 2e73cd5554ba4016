package io.stratusmq.app;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.stratusmq.protocol.Limits;
import java.time.Duration;

/**
 * Overload limits: {@code stratus.limits.*}. A value of 0 turns a limit off. Every entry also reads from the
 * environment (STRATUS_LIMITS_...). README, "Security", "Limits" says what a client gets at each.
 */
@ConfigMapping(prefix = "stratus.limits")
public interface LimitsSettings {

    /**
     * Open connections per node (pod), counted from the socket or WebSocket opening, before CONNECT. Beyond it
     * a CONNECT gets CONNACK 0x97 quota exceeded (5.0) or 0x03 server unavailable (3.1.1).
     */
    @WithDefault("100000")
    int maxConnections();

    /**
     * Open connections from one client address (the proxy-named one behind {@code stratus.proxy.trusted}). Beyond
     * it CONNACK 0x9F connection rate exceeded (5.0) or 0x03 (3.1.1). Off by default: behind an ingress that is
     * not a trusted proxy every client has the ingress' address.
     */
    @WithDefault("0")
    int maxConnectionsPerAddress();

    /** CONNECT packets per second from one client address (token bucket refill); beyond it CONNACK 0x9F / 0x03. */
    @WithDefault("0")
    double connectRatePerAddress();

    /** CONNECT packets one client address may send at once before its rate applies (token bucket size). */
    @WithDefault("20")
    int connectBurstPerAddress();

    /** Subscriptions one client (session) may hold; further filters get SUBACK 0x97 (5.0) or 0x80 (3.1.1). */
    @WithDefault("1000")
    int maxSubscriptionsPerClient();

    /** PUBLISH packets per second one client may send (token bucket refill). */
    @WithDefault("0")
    double publishRate();

    /** PUBLISH packets one client may send at once before its rate applies (token bucket size). */
    @WithDefault("100")
    int publishBurst();

    /**
     * What a 5.0 client over its publish rate gets: {@code pause} (its packets are read later, as EMQX and HiveMQ
     * throttle; nothing is lost) or {@code refuse} (PUBACK/PUBREC 0x97 for QoS 1/2, DISCONNECT 0x96 for QoS 0).
     * 3.1.1 clients are always paused: they have no negative acknowledgement.
     */
    @WithDefault("pause")
    Limits.PublishRateAction publishRateAction();

    /**
     * Bytes a held-back client (publish rate, congested subscribers, CONNECT being checked) may have sent beyond
     * what was read. TCP and WebSocket connections stop being read and do not get there in practice; past it a
     * client is disconnected (DISCONNECT 0x96 when over its rate, 0x97 otherwise).
     */
    @WithDefault("8388608")
    long maxUnreadBytes();

    /**
     * Bytes written to a client and not yet sent beyond which no more messages are written to it: they wait in
     * its session queue (capped by {@code stratus.mqtt.max-queued-messages}, QoS 0 dropped first).
     */
    @WithDefault("1048576")
    long slowConsumerBytes();

    /** How long the unsent bytes may stay above {@code slow-consumer-bytes} before the connection is closed. */
    @WithDefault("15s")
    Duration slowConsumerTimeout();

    default Limits toLimits() {
        return new Limits(maxConnections(), maxConnectionsPerAddress(), connectRatePerAddress(),
                connectBurstPerAddress(), maxSubscriptionsPerClient(), publishRate(), publishBurst(),
                publishRateAction(), maxUnreadBytes(), slowConsumerBytes(), slowConsumerTimeout());
    }
}
