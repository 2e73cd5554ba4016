package io.stratusmq.protocol;

import java.time.Duration;

/**
 * The MQTT limits and features one connection enforces and advertises. Plain values: the application maps
 * its configuration onto this record.
 *
 * @param maxPacketSize largest packet accepted, fixed header included; advertised in CONNACK (5.0)
 * @param receiveMaximum QoS 1/2 publishes a client may have unacknowledged; advertised, 0x93 when exceeded
 * @param maxKeepAlive seconds; a larger client keep-alive is capped (5.0: Server Keep Alive); 65535 = none
 * @param minKeepAlive seconds; a smaller non-zero client keep-alive is raised (5.0) or refused (3.1.1); 0 = none
 * @param allowZeroKeepAlive whether a keep-alive of 0 (no keep-alive) is accepted while no maximum is set
 * @param topicAliasMaximum topic aliases accepted from a client; 0 disables them
 * @param maxInflightMessages QoS 1/2 messages in flight toward a 3.1/3.1.1 client (5.0 clients say theirs)
 * @param maxClientIdLength longest client id accepted
 * @param maxTopicLength longest topic name or filter, in UTF-8 bytes
 * @param maxTopicLevels most levels in a topic name or filter; 0 = no limit
 * @param maxSessionExpiry seconds; a longer Session Expiry Interval is capped and returned in CONNACK
 * @param connectTimeout how long a new connection may take to send CONNECT
 * @param maximumQos highest QoS granted to subscriptions and accepted from publishers
 * @param retainAvailable whether retained messages are kept
 * @param sharedSubscriptionsAvailable whether $share/ filters are accepted
 */
public record ProtocolConfig(int maxPacketSize, int receiveMaximum, int maxKeepAlive, int minKeepAlive,
        boolean allowZeroKeepAlive, int topicAliasMaximum,
        int maxInflightMessages, int maxClientIdLength, int maxTopicLength, int maxTopicLevels, long maxSessionExpiry,
        Duration connectTimeout, int maximumQos, boolean retainAvailable, boolean sharedSubscriptionsAvailable) {

    public static final ProtocolConfig DEFAULT = new ProtocolConfig(1_048_576, 128, 65_535, 0, true, 10, 32, 256, 65_535, 0,
            0xFFFF_FFFFL, Duration.ofSeconds(10), 2, true, true);
}
