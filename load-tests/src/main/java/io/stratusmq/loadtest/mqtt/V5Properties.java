package io.stratusmq.loadtest.mqtt;

import io.netty.buffer.ByteBuf;

/**
 * Walks MQTT 5.0 property blocks. The generator sends no properties and only needs a few values out of
 * CONNACK; everything else is skipped by type.
 */
final class V5Properties {
    static final int MAXIMUM_QOS = 0x24;
    static final int RECEIVE_MAXIMUM = 0x21;

    /** Receives each property whose value is an integer; other types are skipped silently. */
    interface IntPropertyVisitor {
        void visit(int id, int value);
    }

    private V5Properties() {
    }

    /**
     * Reads the property block starting at {@code index} (its length prefix included).
     *
     * @return the index just after the block
     */
    static int walk(ByteBuf buf, int index, int end, IntPropertyVisitor visitor) {
        long packed = VariableByteInteger.read(buf, index, end);
        if (packed == VariableByteInteger.INCOMPLETE) {
            throw new MalformedPacketException("truncated property length");
        }
        int pos = index + VariableByteInteger.length(packed);
        int blockEnd = pos + VariableByteInteger.value(packed);
        if (blockEnd > end) {
            throw new MalformedPacketException("property block runs past the packet");
        }
        while (pos < blockEnd) {
            int id = buf.getUnsignedByte(pos++);
            switch (id) {
                case 0x01, 0x17, 0x19, 0x24, 0x25, 0x28, 0x29, 0x2A -> {
                    visitor.visit(id, buf.getUnsignedByte(pos));
                    pos += 1;
                }
                case 0x13, 0x21, 0x22, 0x23 -> {
                    visitor.visit(id, buf.getUnsignedShort(pos));
                    pos += 2;
                }
                case 0x02, 0x11, 0x18, 0x27 -> {
                    visitor.visit(id, buf.getInt(pos));
                    pos += 4;
                }
                case 0x0B -> {
                    long v = VariableByteInteger.read(buf, pos, blockEnd);
                    if (v == VariableByteInteger.INCOMPLETE) {
                        throw new MalformedPacketException("truncated subscription identifier");
                    }
                    visitor.visit(id, VariableByteInteger.value(v));
                    pos += VariableByteInteger.length(v);
                }
                case 0x03, 0x08, 0x09, 0x12, 0x15, 0x16, 0x1A, 0x1C, 0x1F -> pos += 2 + buf.getUnsignedShort(pos);
                case 0x26 -> {
                    pos += 2 + buf.getUnsignedShort(pos);
                    pos += 2 + buf.getUnsignedShort(pos);
                }
                default -> throw new MalformedPacketException("unknown property id 0x" + Integer.toHexString(id));
            }
        }
        if (pos != blockEnd) {
            throw new MalformedPacketException("property overruns its block");
        }
        return blockEnd;
    }

    /** Index just after the property block at {@code index}, without looking inside it. */
    static int skip(ByteBuf buf, int index, int end) {
        long packed = VariableByteInteger.read(buf, index, end);
        if (packed == VariableByteInteger.INCOMPLETE) {
            throw new MalformedPacketException("truncated property length");
        }
        int after = index + VariableByteInteger.length(packed) + VariableByteInteger.value(packed);
        if (after > end) {
            throw new MalformedPacketException("property block runs past the packet");
        }
        return after;
    }
}
