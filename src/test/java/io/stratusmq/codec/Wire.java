package io.stratusmq.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/** Test helpers: hex fixtures, packet bodies built field by field, and one-shot decoding. */
final class Wire {

    private Wire() {
    }

    /** Bytes from hex groups such as {@code "10 1a", "00 04"}; whitespace is ignored. */
    static byte[] hex(String... groups) {
        return HexFormat.of().parseHex(String.join("", groups).replaceAll("\\s", ""));
    }

    /** Lower-case hex with a space between bytes, for readable failure messages. */
    static String hex(byte[] bytes) {
        return HexFormat.ofDelimiter(" ").formatHex(bytes);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** Every packet in the bytes, decoded in one append; fails if bytes are left over. */
    static List<MqttPacket> decodeAll(byte[] bytes, MqttVersion version) throws MalformedPacketException {
        MqttDecoder decoder = new MqttDecoder(0);
        decoder.append(bytes);
        List<MqttPacket> packets = new ArrayList<>();
        for (MqttPacket p = decoder.next(version); p != null; p = decoder.next(version)) {
            packets.add(p);
        }
        assertThat(decoder.pending()).as("bytes left after decoding %s", hex(bytes)).isZero();
        return packets;
    }

    /** The one packet the bytes hold. */
    static MqttPacket decode(byte[] bytes, MqttVersion version) throws MalformedPacketException {
        List<MqttPacket> packets = decodeAll(bytes, version);
        assertThat(packets).as("packets in %s", hex(bytes)).hasSize(1);
        return packets.get(0);
    }

    /**
     * Encodes, decodes and re-encodes: asserts the decoded record equals the original field by field (arrays by
     * content) and that the second encoding is byte for byte the first. Returns the decoded packet.
     */
    static MqttPacket roundTrip(MqttPacket packet, MqttVersion version) throws MalformedPacketException {
        byte[] first = MqttEncoder.encode(packet, version);
        // CONNECT is the packet that decides the version, so it is decoded before one is known
        MqttPacket decoded = decode(first, packet.type() == PacketType.CONNECT ? null : version);
        assertThat(decoded.type()).isEqualTo(packet.type());
        assertThat(decoded).usingRecursiveComparison().withEqualsForType(Arrays::equals, byte[].class)
                .isEqualTo(packet);
        byte[] second = MqttEncoder.encode(decoded, version);
        if (!Arrays.equals(second, first)) {
            assertThat(hex(second)).isEqualTo(hex(first));
        }
        return decoded;
    }

    /** Asserts that decoding fails with the reason and a message, and returns the exception. */
    static MalformedPacketException rejected(byte[] bytes, MqttVersion version, DisconnectReasonCode reason) {
        MalformedPacketException e = catchThrowableOfType(MalformedPacketException.class,
                () -> decodeAll(bytes, version));
        assertThat(e).as("decoding %s must fail", hex(bytes)).isNotNull();
        assertThat(e.reason()).as("reason for %s (%s)", hex(bytes), e.getMessage()).isEqualTo(reason);
        assertThat(e.getMessage()).isNotBlank();
        return e;
    }

    /** A packet body written field by field; {@link #packet} adds the fixed header with the right length. */
    static Body body() {
        return new Body();
    }

    static final class Body {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Body bytes(int... values) {
            for (int v : values) {
                out.write(v);
            }
            return this;
        }

        Body raw(byte[] b) {
            out.writeBytes(b);
            return this;
        }

        Body u16(int v) {
            return bytes(v >>> 8, v & 0xFF);
        }

        Body u32(long v) {
            return bytes((int) (v >>> 24) & 0xFF, (int) (v >>> 16) & 0xFF, (int) (v >>> 8) & 0xFF, (int) v & 0xFF);
        }

        Body varInt(int v) {
            do {
                int b = v & 0x7F;
                v >>>= 7;
                out.write(v > 0 ? b | 0x80 : b);
            } while (v > 0);
            return this;
        }

        /** A UTF-8 Encoded String: two-byte length, then the bytes. */
        Body str(String s) {
            return bin(utf8(s));
        }

        /** Binary Data, or a string given as raw (possibly invalid) bytes. */
        Body bin(byte[] b) {
            u16(b.length);
            return raw(b);
        }

        /** A property section holding the given property bytes. */
        Body props(Body properties) {
            byte[] p = properties.toBytes();
            varInt(p.length);
            return raw(p);
        }

        byte[] toBytes() {
            return out.toByteArray();
        }

        /** The whole packet: first byte, remaining length, this body. */
        byte[] packet(int firstByte) {
            byte[] b = toBytes();
            return new Body().bytes(firstByte).varInt(b.length).raw(b).toBytes();
        }
    }
}
