package io.stratusmq.protocol;

import io.stratusmq.codec.ConnAck;
import io.stratusmq.codec.ConnAckProperties;
import io.stratusmq.codec.ConnectReasonCode;
import io.stratusmq.codec.MalformedPacketException;
import io.stratusmq.codec.MqttVersion;
import io.stratusmq.codec.UnsupportedProtocolVersionException;

/**
 * How a protocol violation is answered [MQTT-4.13.1]: a 3.1.1-shaped CONNACK with return code 1 for a protocol
 * level we do not speak [MQTT-3.1.2-2]; a CONNACK with the reason for a faulty CONNECT that announced 5.0
 * (MQTT 5 section 4.13.1); DISCONNECT with the reason to a connected 5.0 client; otherwise a plain close. Runs
 * on the connection's event loop.
 */
final class Violations {

    private Violations() {
    }

    static void answer(MqttConnection c, MalformedPacketException e) {
        if (e instanceof UnsupportedProtocolVersionException u) {
            if (u.knownName()) {
                c.writeBytes(new byte[] {0x20, 0x02, 0x00, 0x01}); // CONNACK, return code 1
            }
            c.closeNow();
            return;
        }
        if (e.connectVersion() == MqttVersion.V5 && c.state == MqttConnection.State.AWAIT_CONNECT) {
            ConnectReasonCode code = ConnectReasonCode.of(e.reason().code());
            c.version = MqttVersion.V5;
            c.write(new ConnAck(false, code != null ? code : ConnectReasonCode.MALFORMED_PACKET,
                    ConnAckProperties.EMPTY));
            c.closeNow();
            return;
        }
        c.disconnect(e.reason(), e.getMessage());
    }
}
