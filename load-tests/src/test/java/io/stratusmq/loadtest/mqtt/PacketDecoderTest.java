package io.stratusmq.loadtest.mqtt;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PacketDecoderTest {

    private static Buffer hex(String hex) {
        return Buffer.buffer(ByteBufUtil.decodeHexDump(hex.replace(" ", "")));
    }

    private static RecordingListener decode(MqttVersion version, Buffer... chunks) {
        RecordingListener listener = new RecordingListener();
        PacketDecoder decoder = new PacketDecoder(version, listener, 1 << 20);
        for (Buffer chunk : chunks) {
            decoder.feed(chunk);
        }
        return listener;
    }

    @Test
    void decodesSeveralPacketsFromOneChunk() {
        RecordingListener l = decode(MqttVersion.V3_1_1, hex("20020000 40020007 d000 9003000101"));
        assertEquals(List.of("CONNACK rc=0 rm=65535", "PUBACK id=7 rc=0", "PINGRESP", "SUBACK id=1 rc=1"), l.events);
    }

    @Test
    void decodesAPacketSplitAcrossEveryByte() {
        Buffer whole = hex("32 0c 0003 612f62 0005 cafebabe01");
        RecordingListener listener = new RecordingListener();
        PacketDecoder decoder = new PacketDecoder(MqttVersion.V3_1_1, listener, 1 << 20);
        for (int i = 0; i < whole.length(); i++) {
            decoder.feed(whole.getBuffer(i, i + 1));
            if (i < whole.length() - 1) {
                assertEquals(List.of(), listener.events);
            }
        }
        assertEquals(List.of("PUBLISH qos=1 id=5 payload=cafebabe01"), listener.events);
        assertEquals(0, decoder.pendingBytes());
    }

    @Test
    void decodesPacketsStraddlingChunkBoundaries() {
        RecordingListener l = decode(MqttVersion.V3_1_1, hex("40 02 00"), hex("01 40 02 00 02 40"), hex("02 00 03"));
        assertEquals(List.of("PUBACK id=1 rc=0", "PUBACK id=2 rc=0", "PUBACK id=3 rc=0"), l.events);
    }

    @Test
    void decodesMultiByteRemainingLength() {
        int payload = 20_000; // remaining length needs three bytes
        PublishTemplate template = new PublishTemplate(MqttVersion.V3_1_1, "t", 0, false, payload);
        Buffer packet = template.newPacket(0);
        packet.setByte(template.payloadOffset() + payload - 1, (byte) 0x7f);
        RecordingListener l = decode(MqttVersion.V3_1_1, packet.getBuffer(0, 100), packet.getBuffer(100, packet.length()));
        assertEquals(1, l.events.size());
        assertEquals(true, l.events.get(0).endsWith("007f"));
        assertEquals(1 + 3 + 2 + 1 + payload, packet.length(), "fixed header, 3-byte length, topic, payload");
    }

    @Test
    void skipsV5PublishPropertiesAndReadsAckReasonCodes() {
        // PUBLISH QoS 1, topic "a", id 9, properties (payload format indicator = 1), payload 0xAB
        RecordingListener l = decode(MqttVersion.V5,
                hex("32 09 0001 61 0009 02 0101 ab"),
                hex("40 03 0009 10"),
                hex("50 04 000a 87 00"));
        assertEquals(List.of("PUBLISH qos=1 id=9 payload=ab", "PUBACK id=9 rc=16", "PUBREC id=10 rc=135"), l.events);
    }

    @Test
    void readsReceiveMaximumFromV5ConnAck() {
        // session present 0, rc 0, properties: receive maximum 20, maximum QoS 1, assigned client id "x"
        RecordingListener l = decode(MqttVersion.V5, hex("20 0c 00 00 09 210014 2401 12 0001 78"));
        assertEquals(20, l.connAck.receiveMaximum());
        assertEquals(1, l.connAck.maximumQos());
    }

    @Test
    void decodesV5DisconnectAndSubAckWithProperties() {
        RecordingListener l = decode(MqttVersion.V5, hex("90 04 0001 00 80"), hex("e0 01 8e"));
        assertEquals(List.of("SUBACK id=1 rc=128", "DISCONNECT rc=142"), l.events);
    }

    @Test
    void rejectsMalformedPackets() {
        assertThrows(MalformedPacketException.class, () -> decode(MqttVersion.V3_1_1, hex("36 03 0000 00")));
        assertThrows(MalformedPacketException.class, () -> decode(MqttVersion.V3_1_1, hex("60 02 0001")));
        assertThrows(MalformedPacketException.class, () -> decode(MqttVersion.V3_1_1, hex("10 00")));
        assertThrows(MalformedPacketException.class, () -> decode(MqttVersion.V3_1_1, hex("30 ff ff ff ff 01")));
    }

    @Test
    void rejectsPacketsAboveTheLimit() {
        PacketDecoder decoder = new PacketDecoder(MqttVersion.V3_1_1, new RecordingListener(), 64);
        assertThrows(MalformedPacketException.class, () -> decoder.feed(Unpooled.wrappedBuffer(
                ByteBufUtil.decodeHexDump("30c801"))));
    }
}
