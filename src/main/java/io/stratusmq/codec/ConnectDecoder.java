package io.stratusmq.codec;

import static io.stratusmq.codec.MalformedPacketException.malformed;
import static io.stratusmq.codec.MalformedPacketException.protocolError;

/** Decodes CONNECT and CONNACK, the two packets whose layout depends on the version they announce. */
final class ConnectDecoder {

    private ConnectDecoder() {
    }

    static Connect connect(PacketReader r) throws MalformedPacketException {
        String name = r.readString();
        int level = r.readUnsignedByte();
        MqttVersion version = MqttVersion.of(name, level);
        if (version == null) {
            boolean knownName = name.equals("MQTT") || name.equals("MQIsdp");
            throw new UnsupportedProtocolVersionException(
                    "protocol " + name + " level " + level + " is not supported [MQTT-3.1.2-2]", knownName);
        }
        try {
            return connectBody(r, version);
        } catch (UnsupportedProtocolVersionException e) {
            throw e;
        } catch (MalformedPacketException e) {
            throw e.inConnect(version);
        }
    }

    private static Connect connectBody(PacketReader r, MqttVersion version) throws MalformedPacketException {
        int flags = r.readUnsignedByte();
        if ((flags & 0x01) != 0) {
            throw malformed("reserved CONNECT flag set [MQTT-3.1.2-3]");
        }
        boolean cleanStart = (flags & 0x02) != 0;
        boolean willFlag = (flags & 0x04) != 0;
        int willQos = (flags >>> 3) & 3;
        boolean willRetain = (flags & 0x20) != 0;
        boolean passwordFlag = (flags & 0x40) != 0;
        boolean usernameFlag = (flags & 0x80) != 0;
        if (willQos == 3) {
            throw malformed("will QoS 3 [MQTT-3.1.2-12]");
        }
        if (!willFlag && (willQos != 0 || willRetain)) {
            throw malformed("will QoS or will retain set without the will flag [MQTT-3.1.2-11] [MQTT-3.1.2-13]");
        }
        if (version != MqttVersion.V5 && passwordFlag && !usernameFlag) {
            throw malformed("password flag without the user name flag [MQTT-3.1.2-22]");
        }
        int keepAlive = r.readUnsignedShort();
        ConnectProperties props = version == MqttVersion.V5
                ? PropertySet.read(r, PropertySet.Where.CONNECT).toConnect()
                : ConnectProperties.EMPTY;
        if (props.authenticationData() != null && props.authenticationMethod() == null) {
            throw protocolError("authentication data without an authentication method (MQTT 5 section 3.1.2.11.10)");
        }
        String clientId = r.readString();
        Will will = null;
        if (willFlag) {
            WillProperties willProps = version == MqttVersion.V5
                    ? PropertySet.read(r, PropertySet.Where.WILL).toWill()
                    : WillProperties.EMPTY;
            String topic = r.readTopicName();
            if (topic.isEmpty()) {
                throw protocolError("empty will topic [MQTT-4.7.3-1]");
            }
            byte[] payload = r.readBinary();
            will = new Will(topic, payload, willQos, willRetain, willProps);
        }
        String username = usernameFlag ? r.readString() : null;
        byte[] password = passwordFlag ? r.readBinary() : null;
        r.expectEnd("CONNECT");
        return new Connect(version, clientId, cleanStart, keepAlive, username, password, will, props);
    }

    static ConnAck connAck(PacketReader r, MqttVersion version) throws MalformedPacketException {
        int ackFlags = r.readUnsignedByte();
        if ((ackFlags & 0xFE) != 0) {
            throw malformed("reserved CONNACK flags set [MQTT-3.2.2-1]");
        }
        int code = r.readUnsignedByte();
        ConnectReasonCode reason = version == MqttVersion.V5 ? ConnectReasonCode.of(code) : ConnectReasonCode.ofV3(code);
        MqttDecoder.reason(reason, "CONNACK");
        ConnAckProperties props = ConnAckProperties.EMPTY;
        if (version == MqttVersion.V5 && r.hasRemaining()) {
            props = PropertySet.read(r, PropertySet.Where.CONNACK).toConnAck();
        }
        r.expectEnd("CONNACK");
        return new ConnAck((ackFlags & 1) != 0, reason, props);
    }
}
