package io.stratusmq.cluster;

import io.stratusmq.codec.MalformedPacketException;
import io.stratusmq.codec.MqttDecoder;
import io.stratusmq.codec.MqttEncoder;
import io.stratusmq.codec.MqttPacket;
import io.stratusmq.codec.MqttVersion;
import io.stratusmq.codec.Publish;
import io.stratusmq.session.Delivery;
import io.stratusmq.session.Message;
import io.stratusmq.session.SubscriptionOptions;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The bytes messages take between nodes and in the session store. A message travels as its identity, expiry
 * and publisher, followed by an MQTT 5 PUBLISH packet that carries topic, QoS, retain flag, properties and
 * payload, so the codec's rules apply to it unchanged. Pure functions.
 */
final class ClusterCodec {

    private static final int FORMAT = 1;

    private ClusterCodec() {
    }

    /** Several messages in one payload: a count, then each message length-prefixed. */
    static byte[] encodeBatch(List<Message> messages) {
        Out out = new Out(64 * messages.size());
        out.int32(messages.size());
        for (Message m : messages) {
            byte[] one = encodeMessage(m);
            out.int32(one.length);
            out.bytes(one);
        }
        return out.toByteArray();
    }

    static void decodeBatch(byte[] batch, Consumer<Message> each) {
        ByteBuffer in = ByteBuffer.wrap(batch);
        int n = in.getInt();
        for (int i = 0; i < n; i++) {
            byte[] one = new byte[in.getInt()];
            in.get(one);
            each.accept(decodeMessage(one));
        }
    }

    static byte[] encodeMessage(Message m) {
        byte[] publish = MqttEncoder.encode(new Publish(m.topic(), m.qos(), m.retain(), false, m.qos() > 0 ? 1 : 0,
                m.payload(), m.properties()), MqttVersion.V5);
        Out out = new Out(publish.length + 48);
        out.byte8(FORMAT);
        out.int64(m.origin());
        out.int64(m.sequence());
        out.int64(m.expiresAtMillis());
        out.string(m.publisherId());
        out.int32(publish.length);
        out.bytes(publish);
        return out.toByteArray();
    }

    static Message decodeMessage(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(bytes))) {
            int format = in.readUnsignedByte();
            if (format != FORMAT) {
                throw new IllegalArgumentException("message format " + format);
            }
            long origin = in.readLong();
            long sequence = in.readLong();
            long expiresAt = in.readLong();
            String publisher = readString(in);
            byte[] packet = new byte[in.readInt()];
            in.readFully(packet);
            MqttDecoder decoder = new MqttDecoder(0);
            decoder.append(packet);
            MqttPacket decoded = decoder.next(MqttVersion.V5);
            Publish p = (Publish) decoded;
            return new Message(origin, sequence, p.topic(), p.payload(), p.qos(), p.retain(), p.properties(),
                    publisher, expiresAt);
        } catch (IOException | MalformedPacketException e) {
            throw new IllegalArgumentException("corrupt cluster message", e);
        }
    }

    /** A message queued for one session: the QoS and retain flag it goes out with, its subscription ids. */
    static byte[] encodeDelivery(Delivery d) {
        byte[] message = encodeMessage(d.message());
        Out out = new Out(message.length + 16);
        out.byte8(d.qos());
        out.byte8(d.retain() ? 1 : 0);
        int[] ids = d.subscriptionIds();
        out.int32(ids == null ? 0 : ids.length);
        if (ids != null) {
            for (int id : ids) {
                out.int32(id);
            }
        }
        out.bytes(message);
        return out.toByteArray();
    }

    static Delivery decodeDelivery(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        int qos = in.get();
        boolean retain = in.get() != 0;
        int n = in.getInt();
        int[] ids = n == 0 ? null : new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = in.getInt();
        }
        byte[] message = new byte[in.remaining()];
        in.get(message);
        return new Delivery(decodeMessage(message), qos, retain, ids);
    }

    static String encodeOptions(SubscriptionOptions o) {
        return o.qos() + "," + (o.noLocal() ? 1 : 0) + "," + (o.retainAsPublished() ? 1 : 0) + ","
                + o.retainHandling() + "," + o.subscriptionId();
    }

    static SubscriptionOptions decodeOptions(String s) {
        String[] f = s.split(",");
        return new SubscriptionOptions(Integer.parseInt(f[0]), f[1].equals("1"), f[2].equals("1"),
                Integer.parseInt(f[3]), Integer.parseInt(f[4]));
    }

    /** Splits "a\nb\nc" control payloads. */
    static List<String> fields(byte[] payload) {
        List<String> out = new ArrayList<>(4);
        String s = new String(payload, StandardCharsets.UTF_8);
        int start = 0;
        for (int i = 0; i <= s.length(); i++) {
            if (i == s.length() || s.charAt(i) == '\n') {
                out.add(s.substring(start, i));
                start = i + 1;
            }
        }
        return out;
    }

    static byte[] control(String... fields) {
        return String.join("\n", fields).getBytes(StandardCharsets.UTF_8);
    }

    private static String readString(DataInputStream in) throws IOException {
        int len = in.readUnsignedShort();
        if (len == 0xFFFF) {
            return null;
        }
        byte[] b = new byte[len];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    /** A DataOutputStream that cannot fail. */
    private static final class Out {
        private final ByteArrayOutputStream bytes;
        private final DataOutputStream data;

        Out(int size) {
            bytes = new ByteArrayOutputStream(size);
            data = new DataOutputStream(bytes);
        }

        void byte8(int v) {
            try {
                data.writeByte(v);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void int32(int v) {
            try {
                data.writeInt(v);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void int64(long v) {
            try {
                data.writeLong(v);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void bytes(byte[] b) {
            try {
                data.write(b);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void string(String s) {
            if (s == null) {
                byte8(0xFF);
                byte8(0xFF);
                return;
            }
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            byte8(b.length >>> 8);
            byte8(b.length);
            bytes(b);
        }

        byte[] toByteArray() {
            return bytes.toByteArray();
        }
    }
}
