package io.stratusmq.protocol;

import io.stratusmq.codec.AckProperties;
import io.stratusmq.codec.ConnAck;
import io.stratusmq.codec.ConnAckProperties;
import io.stratusmq.codec.Disconnect;
import io.stratusmq.codec.DisconnectProperties;
import io.stratusmq.codec.MqttPacket;
import io.stratusmq.codec.PubAck;
import io.stratusmq.codec.PubComp;
import io.stratusmq.codec.PubRec;
import io.stratusmq.codec.PubRel;
import io.stratusmq.codec.SubAck;
import io.stratusmq.codec.UnsubAck;
import java.util.List;

/**
 * The parts of a packet the broker may leave out, Reason String and User Properties, dropped when the packet
 * would otherwise be larger than the client's Maximum Packet Size [MQTT-3.1.2-24]: the sender must not add
 * them beyond that size (e.g. [MQTT-3.4.2-2] for PUBACK, [MQTT-3.14.2-3] for DISCONNECT). Stateless.
 */
final class ProblemInformation {

    private ProblemInformation() {
    }

    /** The packet without Reason String and User Properties; the packet itself when it carries neither. */
    static MqttPacket without(MqttPacket p) {
        switch (p.type()) {
            case CONNACK -> {
                ConnAck a = (ConnAck) p;
                ConnAckProperties q = a.properties();
                return new ConnAck(a.sessionPresent(), a.reasonCode(), new ConnAckProperties(
                        q.sessionExpiryInterval(), q.receiveMaximum(), q.maximumQos(), q.retainAvailable(),
                        q.maximumPacketSize(), q.assignedClientIdentifier(), q.topicAliasMaximum(), null, List.of(),
                        q.wildcardSubscriptionAvailable(), q.subscriptionIdentifiersAvailable(),
                        q.sharedSubscriptionAvailable(), q.serverKeepAlive(), q.responseInformation(),
                        q.serverReference(), q.authenticationMethod(), q.authenticationData()));
            }
            case PUBACK -> {
                PubAck a = (PubAck) p;
                return new PubAck(a.packetId(), a.reasonCode(), AckProperties.EMPTY);
            }
            case PUBREC -> {
                PubRec a = (PubRec) p;
                return new PubRec(a.packetId(), a.reasonCode(), AckProperties.EMPTY);
            }
            case PUBREL -> {
                PubRel a = (PubRel) p;
                return new PubRel(a.packetId(), a.reasonCode(), AckProperties.EMPTY);
            }
            case PUBCOMP -> {
                PubComp a = (PubComp) p;
                return new PubComp(a.packetId(), a.reasonCode(), AckProperties.EMPTY);
            }
            case SUBACK -> {
                SubAck a = (SubAck) p;
                return new SubAck(a.packetId(), a.reasonCodes(), AckProperties.EMPTY);
            }
            case UNSUBACK -> {
                UnsubAck a = (UnsubAck) p;
                return new UnsubAck(a.packetId(), a.reasonCodes(), AckProperties.EMPTY);
            }
            case DISCONNECT -> {
                Disconnect d = (Disconnect) p;
                DisconnectProperties q = d.properties();
                return new Disconnect(d.reasonCode(),
                        new DisconnectProperties(q.sessionExpiryInterval(), null, List.of(), q.serverReference()));
            }
            default -> {
                return p;
            }
        }
    }
}
