package io.stratusmq.app;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.stratusmq.protocol.ProtocolConfig;
import io.stratusmq.session.SessionLimits;
import java.time.Duration;

/** MQTT limits and features: {@code stratus.mqtt.*}. Every entry also reads from the environment (STRATUS_MQTT_...). */
@ConfigMapping(prefix = "stratus.mqtt")
public interface MqttSettings {

    /** Largest packet accepted from a client, fixed header included, in bytes; advertised to 5.0 clients. */
    @WithDefault("1048576")
    int maxPacketSize();

    /** QoS 1/2 publishes a client may have unacknowledged; advertised to 5.0 clients, 0x93 when exceeded. */
    @WithDefault("128")
    int receiveMaximum();

    /**
     * Largest keep-alive in seconds. A 5.0 client asking for more (or for none) gets this value as Server Keep
     * Alive; a 3.1.1 client asking for more is refused. 65535 means no limit.
     */
    @WithDefault("65535")
    int maxKeepAlive();

    /**
     * Smallest keep-alive in seconds. A 5.0 client asking for less gets this value as Server Keep Alive; a 3.1.1
     * client asking for less is refused (CONNACK 0x02, as Mosquitto refuses one above the maximum). 0 means no
     * minimum. A keep-alive of 0 is governed by {@link #allowZeroKeepAlive}.
     */
    @WithDefault("0")
    int minKeepAlive();

    /**
     * Accept a keep-alive of 0 (the client never pings, so a dead connection is only noticed by TCP). Off: a 5.0
     * client asking for 0 gets the minimum (or else the maximum, or 60 s) as Server Keep Alive and a 3.1.1
     * client is refused (CONNACK 0x02). While a maximum is set, 0 is treated as above it whatever this says.
     */
    @WithDefault("true")
    boolean allowZeroKeepAlive();

    /** Topic aliases accepted from a 5.0 client; 0 turns them off. */
    @WithDefault("10")
    int topicAliasMaximum();

    /** QoS 1/2 messages in flight toward a 3.1/3.1.1 client at once (5.0 clients state their own). */
    @WithDefault("32")
    int maxInflightMessages();

    /** Messages queued per session beyond the in-flight window, online or offline. */
    @WithDefault("1000")
    int maxQueuedMessages();

    /** Keep QoS 0 messages for offline persistent sessions too. */
    @WithDefault("false")
    boolean queueQos0Offline();

    /**
     * When an online subscriber's queue is full, drop new QoS 1/2 messages for it (counted) instead of slowing
     * the publishers down. Off: acknowledged messages are delivered.
     */
    @WithDefault("false")
    boolean dropOnFullQueue();

    /** Longest client id accepted, in characters. */
    @WithDefault("65535")
    int maxClientIdLength();

    /** Longest topic name or filter, in UTF-8 bytes. */
    @WithDefault("65535")
    int maxTopicLength();

    /** Most levels in a topic name or filter; 0 means no limit. */
    @WithDefault("128")
    int maxTopicLevels();

    /** Longest Session Expiry Interval in seconds; 4294967295 means sessions may never expire. */
    @WithDefault("4294967295")
    long maxSessionExpiry();

    /** How long a new connection may take to send CONNECT. */
    @WithDefault("10s")
    Duration connectTimeout();

    /** Highest QoS granted and accepted (0, 1 or 2). */
    @WithDefault("2")
    int maximumQos();

    /** Keep retained messages. */
    @WithDefault("true")
    boolean retainAvailable();

    /** Accept shared subscriptions ($share/group/filter). */
    @WithDefault("true")
    boolean sharedSubscriptions();

    default ProtocolConfig toProtocolConfig() {
        return new ProtocolConfig(maxPacketSize(), receiveMaximum(), maxKeepAlive(), minKeepAlive(),
                allowZeroKeepAlive(), topicAliasMaximum(),
                maxInflightMessages(), maxClientIdLength(), maxTopicLength(), maxTopicLevels(), maxSessionExpiry(),
                connectTimeout(), maximumQos(), retainAvailable(), sharedSubscriptions());
    }

    default SessionLimits toSessionLimits() {
        return new SessionLimits(maxQueuedMessages(), queueQos0Offline(), dropOnFullQueue());
    }
}
