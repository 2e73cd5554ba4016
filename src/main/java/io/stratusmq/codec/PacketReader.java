package io.stratusmq.codec;

/** A cursor over one packet's bytes; every read checks bounds and throws MALFORMED_PACKET past the end. */
final class PacketReader {

    private final byte[] buf;
    private int pos;
    private final int limit;

    PacketReader(byte[] buf, int offset, int length) {
        this.buf = buf;
        this.pos = offset;
        this.limit = offset + length;
    }

    int position() {
        return pos;
    }

    int remaining() {
        return limit - pos;
    }

    boolean hasRemaining() {
        return pos < limit;
    }

    private void need(int n) throws MalformedPacketException {
        if (limit - pos < n) {
            throw MalformedPacketException.malformed("packet ends early");
        }
    }

    int readUnsignedByte() throws MalformedPacketException {
        need(1);
        return buf[pos++] & 0xFF;
    }

    int readUnsignedShort() throws MalformedPacketException {
        need(2);
        int v = ((buf[pos] & 0xFF) << 8) | (buf[pos + 1] & 0xFF);
        pos += 2;
        return v;
    }

    long readUnsignedInt() throws MalformedPacketException {
        need(4);
        long v = ((long) (buf[pos] & 0xFF) << 24) | ((buf[pos + 1] & 0xFF) << 16) | ((buf[pos + 2] & 0xFF) << 8)
                | (buf[pos + 3] & 0xFF);
        pos += 4;
        return v;
    }

    /** A Variable Byte Integer [MQTT-1.5.5]: at most four bytes, in the fewest bytes that hold it. */
    int readVarInt() throws MalformedPacketException {
        int value = 0;
        int shift = 0;
        for (int i = 0; i < 4; i++) {
            int b = readUnsignedByte();
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                if (b == 0 && i > 0) {
                    throw MalformedPacketException.malformed("variable byte integer not in its shortest form");
                }
                return value;
            }
            shift += 7;
        }
        throw MalformedPacketException.malformed("variable byte integer longer than four bytes");
    }

    /** A UTF-8 Encoded String [MQTT-1.5.4]. */
    String readString() throws MalformedPacketException {
        int len = readUnsignedShort();
        need(len);
        String s = Utf8.decode(buf, pos, len);
        pos += len;
        return s;
    }

    /** A Topic Name: a UTF-8 Encoded String without the wildcards + and # [MQTT-4.7.1-1]. */
    String readTopicName() throws MalformedPacketException {
        String topic = readString();
        if (topic.indexOf('+') >= 0 || topic.indexOf('#') >= 0) {
            throw new MalformedPacketException(DisconnectReasonCode.TOPIC_NAME_INVALID,
                    "wildcard in topic name " + topic + " [MQTT-3.3.2-2] [MQTT-4.7.1-1]");
        }
        return topic;
    }

    /** Binary Data [MQTT-1.5.6]: a two-byte length, then the bytes. */
    byte[] readBinary() throws MalformedPacketException {
        int len = readUnsignedShort();
        return readBytes(len);
    }

    byte[] readBytes(int len) throws MalformedPacketException {
        need(len);
        byte[] out = new byte[len];
        System.arraycopy(buf, pos, out, 0, len);
        pos += len;
        return out;
    }

    /** The rest of the packet, for a PUBLISH payload. */
    byte[] readRest() {
        byte[] out = new byte[limit - pos];
        System.arraycopy(buf, pos, out, 0, out.length);
        pos = limit;
        return out;
    }

    void expectEnd(String packet) throws MalformedPacketException {
        if (pos != limit) {
            throw MalformedPacketException.malformed(packet + " has " + (limit - pos) + " bytes past its end");
        }
    }
}
