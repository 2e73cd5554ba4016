package io.stratusmq.loadtest.mqtt;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

import java.util.ArrayList;
import java.util.List;

/** Test listener that turns decoded packets into readable strings. */
final class RecordingListener implements PacketListener {
    final List<String> events = new ArrayList<>();
    ConnAck connAck;

    @Override
    public void onConnAck(ConnAck connAck) {
        this.connAck = connAck;
        events.add("CONNACK rc=" + connAck.reasonCode() + " rm=" + connAck.receiveMaximum());
    }

    @Override
    public void onPublish(int qos, boolean dup, int packetId, ByteBuf buf, int payloadOffset, int payloadLength) {
        events.add("PUBLISH qos=" + qos + " id=" + packetId + " payload="
                + ByteBufUtil.hexDump(buf, payloadOffset, payloadLength));
    }

    @Override
    public void onPublishAck(int packetType, int packetId, int reasonCode) {
        events.add(PacketType.name(packetType) + " id=" + packetId + " rc=" + reasonCode);
    }

    @Override
    public void onSubAck(int packetId, int reasonCode) {
        events.add("SUBACK id=" + packetId + " rc=" + reasonCode);
    }

    @Override
    public void onPingResp() {
        events.add("PINGRESP");
    }

    @Override
    public void onDisconnect(int reasonCode) {
        events.add("DISCONNECT rc=" + reasonCode);
    }
}
