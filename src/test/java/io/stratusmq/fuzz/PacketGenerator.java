package io.stratusmq.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Seeded generator of MQTT byte streams for fuzzing without coverage guidance: valid packets of every type and
 * version (with properties, wills, options), then mutated: bit flips, interesting bytes, truncation, rewritten
 * remaining lengths (too long, too short, non-minimal, five bytes), swapped property identifiers, spliced,
 * repeated and inserted bytes, and random packet sequences after a CONNECT or none. The same seed gives the same
 * stream, so any failure can be replayed from its seed.
 */
final class PacketGenerator {

    private static final int[] PROPERTY_IDS = {0x01, 0x02, 0x03, 0x08, 0x09, 0x0B, 0x11, 0x12, 0x13, 0x15, 0x16,
        0x17, 0x18, 0x19, 0x1A, 0x1C, 0x1F, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0x27, 0x28, 0x29, 0x2A, 0x00, 0x7F,
        0xFF};
    private static final int[] INTERESTING = {0x00, 0x01, 0x02, 0x7F, 0x80, 0xFF, 0xFE, 0x10, 0x20, 0x30, 0xC0,
        0xE0, 0xF0};
    private static final String[] TOPICS = {"a/b", "a", "#", "+/x", "$SYS/x", "", "a//b", "x/+/y/#", "$share/g/a",
        "\u0000", "\uFEFF/t", "very/long/" + "l/".repeat(20)};

    private final Random random;

    PacketGenerator(long seed) {
        this.random = new Random(seed);
    }

    /** A whole input: an optional CONNECT, packets, some of them mutated, maybe garbage. */
    byte[] stream() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int v = random.nextInt(3); // 0: 3.1, 1: 3.1.1, 2: 5.0
        int version = v == 0 ? 3 : v == 1 ? 4 : 5;
        if (random.nextInt(10) != 0) {
            out.writeBytes(maybeMutate(connect(version)));
        }
        int n = random.nextInt(12);
        for (int i = 0; i < n; i++) {
            out.writeBytes(maybeMutate(packet(version == 5)));
        }
        if (random.nextInt(8) == 0) {
            out.writeBytes(bytes(random.nextInt(64)));
        }
        byte[] b = out.toByteArray();
        return random.nextInt(6) == 0 ? mutate(b) : b;
    }

    /** Splits an input into chunks the way a network would: at random places. */
    int chunkSize() {
        return random.nextInt(4) == 0 ? 1 + random.nextInt(3) : 1 + random.nextInt(512);
    }

    Random random() {
        return random;
    }

    byte[] connect(int level) {
        boolean v5 = level == 5;
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(level == 3 ? str("MQIsdp") : str("MQTT"));
        b.write(level);
        boolean will = random.nextInt(4) == 0;
        boolean user = random.nextInt(3) == 0;
        int flags = (random.nextBoolean() ? 0x02 : 0) | (will ? 0x04 | (random.nextInt(3) << 3) : 0)
                | (will && random.nextBoolean() ? 0x20 : 0) | (user ? 0xC0 : 0);
        b.write(flags);
        b.writeBytes(u16(random.nextInt(4) == 0 ? 0 : random.nextInt(700)));
        if (v5) {
            b.writeBytes(properties());
        }
        b.writeBytes(str(random.nextInt(8) == 0 ? "" : "fuzz-" + random.nextInt(50)));
        if (will) {
            if (v5) {
                b.writeBytes(properties());
            }
            b.writeBytes(str(topic()));
            b.writeBytes(bin(bytes(random.nextInt(20))));
        }
        if (user) {
            b.writeBytes(str("user"));
            b.writeBytes(bin(bytes(random.nextInt(10))));
        }
        return packet(0x10, b.toByteArray());
    }

    /** Any packet a client might send (and some it must not). */
    byte[] packet(boolean v5) {
        int id = random.nextInt(8) == 0 ? 0 : 1 + random.nextInt(10);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        switch (random.nextInt(14)) {
            case 0, 1, 2, 3 -> { // PUBLISH
                int qos = random.nextInt(3);
                int first = 0x30 | qos << 1 | (random.nextInt(5) == 0 ? 1 : 0) | (qos > 0 && random.nextInt(6) == 0
                        ? 8 : 0);
                b.writeBytes(str(topic()));
                if (qos > 0) {
                    b.writeBytes(u16(id));
                }
                if (v5) {
                    b.writeBytes(properties());
                }
                b.writeBytes(bytes(random.nextInt(40)));
                return packet(first, b.toByteArray());
            }
            case 4, 5 -> { // SUBSCRIBE
                b.writeBytes(u16(id));
                if (v5) {
                    b.writeBytes(properties());
                }
                int n = 1 + random.nextInt(5);
                for (int i = 0; i < n; i++) {
                    b.writeBytes(str(topic()));
                    b.write(random.nextInt(4) == 0 ? random.nextInt(256) : random.nextInt(3) | random.nextInt(4) << 2
                            | random.nextInt(3) << 4);
                }
                return packet(0x82, b.toByteArray());
            }
            case 6 -> { // UNSUBSCRIBE
                b.writeBytes(u16(id));
                if (v5) {
                    b.writeBytes(properties());
                }
                b.writeBytes(str(topic()));
                return packet(0xA2, b.toByteArray());
            }
            case 7, 8 -> { // PUBACK, PUBREC, PUBREL, PUBCOMP
                int[] types = {0x40, 0x50, 0x62, 0x70};
                b.writeBytes(u16(id));
                if (v5 && random.nextBoolean()) {
                    b.write(INTERESTING[random.nextInt(INTERESTING.length)]);
                    if (random.nextBoolean()) {
                        b.writeBytes(properties());
                    }
                }
                return packet(types[random.nextInt(4)], b.toByteArray());
            }
            case 9 -> {
                return new byte[] {(byte) 0xC0, 0};
            }
            case 10 -> { // DISCONNECT
                if (v5 && random.nextBoolean()) {
                    b.write(random.nextBoolean() ? 0x04 : random.nextInt(256));
                    b.writeBytes(properties());
                }
                return packet(0xE0, b.toByteArray());
            }
            case 11 -> { // AUTH or another CONNECT
                return random.nextBoolean() ? packet(0xF0, new byte[] {0x18, 0}) : connect(v5 ? 5 : 4);
            }
            case 12 -> { // a server-only packet, or a reserved type
                int[] types = {0x20, 0x90, 0xB0, 0xD0, 0x00, 0xF0};
                return packet(types[random.nextInt(types.length)], bytes(random.nextInt(6)));
            }
            default -> {
                return packet(random.nextInt(256), bytes(random.nextInt(20)));
            }
        }
    }

    private String topic() {
        return random.nextInt(5) == 0 ? new String(bytes(random.nextInt(8)), StandardCharsets.ISO_8859_1)
                : TOPICS[random.nextInt(TOPICS.length)];
    }

    /** A 5.0 property section: mostly valid properties, some with a wrong identifier or value. */
    private byte[] properties() {
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
            int id = PROPERTY_IDS[random.nextInt(PROPERTY_IDS.length)];
            p.write(id);
            switch (id) {
                case 0x01, 0x17, 0x19, 0x24, 0x25, 0x28, 0x29, 0x2A -> p.write(random.nextInt(3));
                case 0x13, 0x21, 0x22, 0x23 -> p.writeBytes(u16(random.nextInt(4) == 0 ? 0 : random.nextInt(20)));
                case 0x02, 0x11, 0x18, 0x27 -> p.writeBytes(new byte[] {0, 0, (byte) random.nextInt(2),
                    (byte) random.nextInt(256)});
                case 0x0B -> p.writeBytes(varInt(random.nextInt(4) == 0 ? 0 : random.nextInt(300)));
                case 0x26 -> {
                    p.writeBytes(str("k"));
                    p.writeBytes(str("v"));
                }
                case 0x09, 0x16 -> p.writeBytes(bin(bytes(random.nextInt(6))));
                default -> p.writeBytes(str(topic()));
            }
        }
        byte[] body = p.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(varInt(random.nextInt(10) == 0 ? random.nextInt(300) : body.length));
        out.writeBytes(body);
        return out.toByteArray();
    }

    private byte[] maybeMutate(byte[] packet) {
        return random.nextInt(3) == 0 ? mutate(packet) : packet;
    }

    /** One or more mutations of a packet or stream. */
    byte[] mutate(byte[] in) {
        byte[] b = in.clone();
        int rounds = 1 + random.nextInt(3);
        for (int r = 0; r < rounds && b.length > 0; r++) {
            int at = random.nextInt(b.length);
            switch (random.nextInt(8)) {
                case 0 -> b[at] ^= (byte) (1 << random.nextInt(8));
                case 1 -> b[at] = (byte) INTERESTING[random.nextInt(INTERESTING.length)];
                case 2 -> b = java.util.Arrays.copyOf(b, at); // truncated
                case 3 -> b = lengthRewritten(b);
                case 4 -> { // a property identifier (or any byte) swapped
                    b[at] = (byte) PROPERTY_IDS[random.nextInt(PROPERTY_IDS.length)];
                }
                case 5 -> { // bytes inserted
                    byte[] ins = bytes(1 + random.nextInt(8));
                    byte[] n = new byte[b.length + ins.length];
                    System.arraycopy(b, 0, n, 0, at);
                    System.arraycopy(ins, 0, n, at, ins.length);
                    System.arraycopy(b, at, n, at + ins.length, b.length - at);
                    b = n;
                }
                case 6 -> { // a region repeated
                    int len = Math.min(b.length - at, 1 + random.nextInt(16));
                    byte[] n = new byte[b.length + len];
                    System.arraycopy(b, 0, n, 0, at + len);
                    System.arraycopy(b, at, n, at + len, b.length - at);
                    b = n;
                }
                default -> b[at] = (byte) random.nextInt(256);
            }
        }
        return b;
    }

    /** The remaining length replaced: too long, too short, zero, non-minimal, or five bytes long. */
    private byte[] lengthRewritten(byte[] p) {
        if (p.length < 2) {
            return p;
        }
        int i = 1;
        while (i < p.length && (p[i] & 0x80) != 0 && i < 5) {
            i++;
        }
        int bodyStart = Math.min(i + 1, p.length);
        byte[] len = switch (random.nextInt(5)) {
            case 0 -> varInt(p.length - bodyStart + 1 + random.nextInt(100));
            case 1 -> varInt(Math.max(0, p.length - bodyStart - 1 - random.nextInt(4)));
            case 2 -> new byte[] {(byte) 0x80, 0x00}; // non-minimal zero
            case 3 -> new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x7F}; // five bytes
            default -> varInt(random.nextInt(268_435_455));
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(p[0]);
        out.writeBytes(len);
        out.write(p, bodyStart, p.length - bodyStart);
        return out.toByteArray();
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    static byte[] packet(int first, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(first);
        out.writeBytes(varInt(body.length));
        out.writeBytes(body);
        return out.toByteArray();
    }

    static byte[] varInt(int v) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        do {
            int b = v & 0x7F;
            v >>>= 7;
            out.write(v > 0 ? b | 0x80 : b);
        } while (v > 0);
        return out.toByteArray();
    }

    static byte[] u16(int v) {
        return new byte[] {(byte) (v >> 8), (byte) v};
    }

    static byte[] str(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(u16(b.length));
        out.writeBytes(b);
        return out.toByteArray();
    }

    static byte[] bin(byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(u16(b.length));
        out.writeBytes(b);
        return out.toByteArray();
    }
}
