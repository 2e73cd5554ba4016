package io.stratusmq.loadtest.mqtt;

import io.netty.buffer.ByteBufUtil;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PacketEncoderTest {

    private static String hex(Buffer buffer) {
        return ByteBufUtil.hexDump(buffer.getBytes());
    }

    @Test
    void encodesConnect311() {
        assertEquals("10" + "0e" + "00044d515454" + "04" + "02" + "003c" + "0002" + "6964",
                hex(PacketEncoder.connect(MqttVersion.V3_1_1, "id", 60, true, 100)));
    }

    @Test
    void encodesConnect5WithReceiveMaximum() {
        assertEquals("10" + "12" + "00044d515454" + "05" + "02" + "001e" + "03" + "210064" + "0002" + "6964",
                hex(PacketEncoder.connect(MqttVersion.V5, "id", 30, true, 100)));
        assertEquals("10" + "0f" + "00044d515454" + "05" + "00" + "0000" + "00" + "0002" + "6964",
                hex(PacketEncoder.connect(MqttVersion.V5, "id", 0, false, 0)));
    }

    @Test
    void encodesSubscribe() {
        assertEquals("82" + "08" + "0001" + "0003" + "612f62" + "01",
                hex(PacketEncoder.subscribe(MqttVersion.V3_1_1, 1, "a/b", 1)));
        assertEquals("82" + "09" + "0001" + "00" + "0003" + "612f62" + "02",
                hex(PacketEncoder.subscribe(MqttVersion.V5, 1, "a/b", 2)));
    }

    @Test
    void encodesAcknowledgementsAndControlPackets() {
        assertEquals("40020102", hex(PacketEncoder.publishAck(PacketType.PUBACK, 258)));
        assertEquals("50020001", hex(PacketEncoder.publishAck(PacketType.PUBREC, 1)));
        assertEquals("62020001", hex(PacketEncoder.publishAck(PacketType.PUBREL, 1)));
        assertEquals("70020001", hex(PacketEncoder.publishAck(PacketType.PUBCOMP, 1)));
        assertEquals("c000", hex(PacketEncoder.pingReq()));
        assertEquals("e000", hex(PacketEncoder.disconnect()));
        assertThrows(IllegalArgumentException.class, () -> PacketEncoder.publishAck(PacketType.CONNECT, 1));
    }

    @Test
    void publishTemplateRoundTripsThroughTheDecoder() {
        for (MqttVersion version : MqttVersion.values()) {
            for (int qos = 0; qos <= 2; qos++) {
                PublishTemplate template = new PublishTemplate(version, "x/y", qos, false, 4);
                Buffer packet = template.newPacket(300);
                packet.setInt(template.payloadOffset(), 0x01020304);
                RecordingListener listener = new RecordingListener();
                new PacketDecoder(version, listener, 1024).feed(packet);
                assertEquals(List.of("PUBLISH qos=" + qos + " id=" + (qos == 0 ? 0 : 300) + " payload=01020304"),
                        listener.events, version + " QoS " + qos);
                assertEquals(template.packetSize(), packet.length());
            }
        }
    }

    @Test
    void publishTemplateGivesIndependentBuffers() {
        PublishTemplate template = new PublishTemplate(MqttVersion.V3_1_1, "t", 1, false, 8);
        Buffer first = template.newPacket(1);
        first.setLong(template.payloadOffset(), -1L);
        Buffer second = template.newPacket(2);
        assertEquals(0L, second.getLong(template.payloadOffset()));
    }
}
