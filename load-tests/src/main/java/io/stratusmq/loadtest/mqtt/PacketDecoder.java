package io.stratusmq.loadtest.mqtt;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;

/**
 * Streaming decoder for packets a broker sends to a client.
 *
 * <p>Input arrives in arbitrary chunks (TCP reads, WebSocket frames): one chunk may hold several
 * packets and one packet may span several chunks. Complete packets are decoded in place, straight
 * from the chunk when possible; only the incomplete tail of a chunk is copied into a cumulation
 * buffer. Decoding allocates nothing per packet except the rare {@link ConnAck}.
 *
 * <p>Not thread-safe: one instance per connection, used on its event loop.
 */
public final class PacketDecoder {
    private static final int INITIAL_CUMULATION = 1024;

    private final MqttVersion version;
    private final PacketListener listener;
    private final int maxPacketSize;
    private ByteBuf cumulation;

    /**
     * @param maxPacketSize largest packet (fixed header included) accepted before failing the stream
     */
    public PacketDecoder(MqttVersion version, PacketListener listener, int maxPacketSize) {
        this.version = version;
        this.listener = listener;
        this.maxPacketSize = maxPacketSize;
    }

    /** Feeds the next chunk of the byte stream. */
    public void feed(Buffer chunk) {
        feed(chunk.getByteBuf());
    }

    /** Feeds the next chunk of the byte stream; {@code in}'s reader index is advanced past it. */
    public void feed(ByteBuf in) {
        if (cumulation != null && cumulation.isReadable()) {
            cumulation.writeBytes(in);
            decodeAvailable(cumulation);
            if (cumulation.isReadable()) {
                cumulation.discardSomeReadBytes();
            } else {
                cumulation.clear();
            }
            return;
        }
        decodeAvailable(in);
        if (in.isReadable()) {
            if (cumulation == null) {
                cumulation = Unpooled.buffer(Math.max(INITIAL_CUMULATION, in.readableBytes()));
            }
            cumulation.writeBytes(in);
        }
    }

    /** Bytes received but not yet decoded (part of an incomplete packet). */
    public int pendingBytes() {
        return cumulation == null ? 0 : cumulation.readableBytes();
    }

    private void decodeAvailable(ByteBuf buf) {
        while (decodeOne(buf)) {
            // keep going while complete packets are available
        }
    }

    private boolean decodeOne(ByteBuf buf) {
        int start = buf.readerIndex();
        int end = buf.writerIndex();
        if (end - start < 2) {
            return false;
        }
        long packed = VariableByteInteger.read(buf, start + 1, end);
        if (packed == VariableByteInteger.INCOMPLETE) {
            return false;
        }
        int remaining = VariableByteInteger.value(packed);
        int bodyStart = start + 1 + VariableByteInteger.length(packed);
        if (bodyStart - start + remaining > maxPacketSize) {
            throw new MalformedPacketException("packet of " + remaining + " bytes exceeds limit " + maxPacketSize);
        }
        int bodyEnd = bodyStart + remaining;
        if (bodyEnd > end) {
            return false;
        }
        dispatch(buf.getUnsignedByte(start), buf, bodyStart, bodyEnd);
        buf.readerIndex(bodyEnd);
        return true;
    }

    private void dispatch(int header, ByteBuf buf, int start, int end) {
        int type = header >>> 4;
        int flags = header & 0x0F;
        switch (type) {
            case PacketType.PUBLISH -> decodePublish(flags, buf, start, end);
            case PacketType.PUBACK, PacketType.PUBREC, PacketType.PUBCOMP -> decodeAck(type, flags, 0, buf, start, end);
            case PacketType.PUBREL -> decodeAck(type, flags, 0x2, buf, start, end);
            case PacketType.CONNACK -> decodeConnAck(flags, buf, start, end);
            case PacketType.SUBACK -> decodeSubAck(flags, buf, start, end);
            case PacketType.UNSUBACK -> requireFlags(type, flags, 0);
            case PacketType.PINGRESP -> {
                requireFlags(type, flags, 0);
                listener.onPingResp();
            }
            case PacketType.DISCONNECT -> {
                requireFlags(type, flags, 0);
                listener.onDisconnect(end > start ? buf.getUnsignedByte(start) : 0);
            }
            default -> throw new MalformedPacketException(
                    "unexpected " + PacketType.name(type) + " from broker");
        }
    }

    private void decodePublish(int flags, ByteBuf buf, int start, int end) {
        int qos = (flags >>> 1) & 0x3;
        if (qos == 3) {
            throw new MalformedPacketException("PUBLISH with QoS 3");
        }
        boolean dup = (flags & 0x8) != 0;
        requireLength("PUBLISH", start, end, 2);
        int pos = start + 2 + buf.getUnsignedShort(start);
        int packetId = 0;
        if (qos > 0) {
            requireLength("PUBLISH", pos, end, 2);
            packetId = buf.getUnsignedShort(pos);
            if (packetId == 0) {
                throw new MalformedPacketException("PUBLISH QoS " + qos + " with packet id 0");
            }
            pos += 2;
        }
        if (version.isV5()) {
            pos = V5Properties.skip(buf, pos, end);
        }
        if (pos > end) {
            throw new MalformedPacketException("PUBLISH topic runs past the packet");
        }
        listener.onPublish(qos, dup, packetId, buf, pos, end - pos);
    }

    private void decodeAck(int type, int flags, int expectedFlags, ByteBuf buf, int start, int end) {
        requireFlags(type, flags, expectedFlags);
        requireLength(PacketType.name(type), start, end, 2);
        int packetId = buf.getUnsignedShort(start);
        int reasonCode = version.isV5() && end - start >= 3 ? buf.getUnsignedByte(start + 2) : 0;
        listener.onPublishAck(type, packetId, reasonCode);
    }

    private void decodeConnAck(int flags, ByteBuf buf, int start, int end) {
        requireFlags(PacketType.CONNACK, flags, 0);
        requireLength("CONNACK", start, end, 2);
        boolean sessionPresent = (buf.getUnsignedByte(start) & 0x1) != 0;
        int reasonCode = buf.getUnsignedByte(start + 1);
        int[] limits = {65_535, 2};
        if (version.isV5() && end - start > 2) {
            V5Properties.walk(buf, start + 2, end, (id, value) -> {
                if (id == V5Properties.RECEIVE_MAXIMUM) {
                    limits[0] = value;
                } else if (id == V5Properties.MAXIMUM_QOS) {
                    limits[1] = value;
                }
            });
        }
        listener.onConnAck(new ConnAck(sessionPresent, reasonCode, limits[0], limits[1]));
    }

    private void decodeSubAck(int flags, ByteBuf buf, int start, int end) {
        requireFlags(PacketType.SUBACK, flags, 0);
        requireLength("SUBACK", start, end, 3);
        int packetId = buf.getUnsignedShort(start);
        int pos = start + 2;
        if (version.isV5()) {
            pos = V5Properties.skip(buf, pos, end);
        }
        if (pos >= end) {
            throw new MalformedPacketException("SUBACK without reason codes");
        }
        listener.onSubAck(packetId, buf.getUnsignedByte(pos));
    }

    private static void requireFlags(int type, int flags, int expected) {
        if (flags != expected) {
            throw new MalformedPacketException(PacketType.name(type) + " with invalid header flags " + flags);
        }
    }

    private static void requireLength(String packet, int start, int end, int minimum) {
        if (end - start < minimum) {
            throw new MalformedPacketException(packet + " shorter than " + minimum + " bytes");
        }
    }
}
