package io.stratusmq.codec;

import static io.stratusmq.codec.MqttVersion.V5;
import static io.stratusmq.codec.Wire.concat;
import static io.stratusmq.codec.Wire.hex;
import static io.stratusmq.codec.Wire.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.assertj.core.api.recursive.comparison.RecursiveComparisonConfiguration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * [MQTT-6.0.0-2] A WebSocket frame or TCP read may hold part of a packet or several, so the decoder takes bytes
 * as they come and hands out whole packets: the way the bytes are cut must never change what comes out.
 */
class StreamingDecoderTest {

    /** A session's worth of 5.0 packets: CONNECT first, then packets decoded with the version it set. */
    static final List<MqttPacket> PACKETS = List.of(
            new Connect(V5, "stream-😀", true, 30, "u", utf8("p"), null,
                    new ConnectProperties(60L, 10, null, null, null, null, null, null, List.of())),
            new Publish("température/°C", 1, false, false, 1, utf8("21.5"),
                    V5RoundTripTest.PUBLISH_ALL),
            new PubAck(1),
            new Subscribe(2, List.of(TopicSubscription.of("a/#", 2)), 7, List.of()),
            PingReq.INSTANCE,
            new Publish("big", 2, true, false, 65_535, RoundTripTest.filled(20_000), PublishProperties.EMPTY),
            new PubRel(65_535),
            new Publish("empty", 0, false, false, 0, new byte[0], PublishProperties.EMPTY),
            Disconnect.of(DisconnectReasonCode.NORMAL_DISCONNECTION, "bye"));

    static final byte[] STREAM = concat(PACKETS.stream().map(p -> MqttEncoder.encode(p, V5))
            .toArray(byte[][]::new));

    static final RecursiveComparisonConfiguration BY_CONTENT = RecursiveComparisonConfiguration.builder()
            .withEqualsForType(Arrays::equals, byte[].class).build();

    /** Appends chunk after chunk, draining the decoder after each; the version is null until CONNECT. */
    static final class Session {
        final MqttDecoder decoder = new MqttDecoder(0);
        final List<MqttPacket> received = new ArrayList<>();
        MqttVersion version;

        /** Appends and drains; returns how many packets came out. */
        int feed(byte[] data, int offset, int length) throws MalformedPacketException {
            decoder.append(data, offset, length);
            int before = received.size();
            for (MqttPacket p = decoder.next(version); p != null; p = decoder.next(version)) {
                if (p.type() == PacketType.CONNECT) {
                    version = ((Connect) p).version();
                }
                received.add(p);
            }
            return received.size() - before;
        }
    }

    static void assertAllReceived(Session s) {
        assertThat(s.received).usingRecursiveFieldByFieldElementComparator(BY_CONTENT)
                .containsExactlyElementsOf(PACKETS);
        assertThat(s.decoder.pending()).isZero();
    }

    @Test
    @DisplayName("[MQTT-6.0.0-2] one buffer holding several packets decodes to all of them, in order")
    void severalPacketsInOneBuffer() throws Exception {
        Session s = new Session();
        assertThat(s.feed(STREAM, 0, STREAM.length)).isEqualTo(PACKETS.size());
        assertAllReceived(s);
    }

    @Test
    @DisplayName("[MQTT-6.0.0-2] the same bytes fed one byte at a time decode identically; next is null until the end")
    void oneByteAtATime() throws Exception {
        Session s = new Session();
        int[] ends = packetEnds();
        int nextEnd = 0;
        for (int i = 0; i < STREAM.length; i++) {
            int out = s.feed(new byte[] {STREAM[i]}, 0, 1);
            boolean completesPacket = i + 1 == ends[nextEnd];
            assertThat(out).as("packets after byte %d", i).isEqualTo(completesPacket ? 1 : 0);
            if (completesPacket) {
                nextEnd++;
                assertThat(s.decoder.pending()).isZero();
            } else {
                assertThat(s.decoder.pending()).isEqualTo(i + 1 - (nextEnd == 0 ? 0 : ends[nextEnd - 1]));
            }
        }
        assertAllReceived(s);
    }

    @Test
    @DisplayName("[MQTT-6.0.0-2] the bytes split at every offset into two appends decode identically")
    void everySplitInTwo() throws Exception {
        for (int cut = 0; cut <= STREAM.length; cut++) {
            Session s = new Session();
            s.feed(STREAM, 0, cut);
            s.feed(STREAM, cut, STREAM.length - cut);
            // re-encoding is exact (see RoundTripTest), and much faster than comparing 20,000 records
            byte[] again = concat(s.received.stream().map(p -> MqttEncoder.encode(p, V5)).toArray(byte[][]::new));
            if (s.received.size() != PACKETS.size() || !Arrays.equals(again, STREAM)) {
                assertAllReceived(s);
                assertThat(again).as("cut at %d", cut).isEqualTo(STREAM);
            }
            assertThat(s.decoder.pending()).isZero();
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42, 2024})
    @DisplayName("[MQTT-6.0.0-2] random cuts through one reused read buffer decode identically")
    void randomCutsThroughReusedBuffer(long seed) throws Exception {
        Random random = new Random(seed);
        byte[] readBuffer = new byte[4096]; // like a transport's read buffer, overwritten on every read
        Session s = new Session();
        int at = 0;
        while (at < STREAM.length) {
            int n = Math.min(STREAM.length - at, 1 + random.nextInt(random.nextBoolean() ? 16 : readBuffer.length));
            int offset = random.nextInt(readBuffer.length - n + 1);
            Arrays.fill(readBuffer, (byte) 0xEE);
            System.arraycopy(STREAM, at, readBuffer, offset, n);
            s.feed(readBuffer, offset, n);
            at += n;
        }
        assertAllReceived(s);
    }

    @Test
    @DisplayName("next returns null, and pending counts the bytes, until a packet is complete")
    void nullUntilComplete() throws Exception {
        byte[] publish = MqttEncoder.encode(PACKETS.get(5), V5); // 20,000-byte payload: 3-byte remaining length
        MqttDecoder decoder = new MqttDecoder(0);
        assertThat(decoder.next(V5)).isNull();
        decoder.append(publish, 0, 1); // first byte only
        assertThat(decoder.next(V5)).isNull();
        decoder.append(publish, 1, 2); // part of the remaining length
        assertThat(decoder.next(V5)).isNull();
        decoder.append(publish, 3, publish.length - 4); // all but the last byte
        assertThat(decoder.next(V5)).isNull();
        assertThat(decoder.pending()).isEqualTo(publish.length - 1);
        decoder.append(publish, publish.length - 1, 1);
        assertThat(((Publish) decoder.next(V5)).payload()).isEqualTo(RoundTripTest.filled(20_000));
        assertThat(decoder.next(V5)).isNull();
        assertThat(decoder.pending()).isZero();
    }

    @Test
    @DisplayName("a partial packet survives the caller overwriting its array once next has returned null")
    void partialPacketSurvivesArrayReuse() throws Exception {
        byte[] pubAck = MqttEncoder.encode(new PubAck(0x1234), V5);
        byte[] publish = MqttEncoder.encode(new Publish("a/b", 1, false, false, 0x4321, utf8("payload"),
                PublishProperties.EMPTY), V5);
        byte[] read = concat(pubAck, Arrays.copyOf(publish, 6)); // PUBACK whole, PUBLISH cut in its topic
        MqttDecoder decoder = new MqttDecoder(0);
        decoder.append(read);
        assertThat(decoder.next(V5)).isEqualTo(new PubAck(0x1234));
        assertThat(decoder.next(V5)).isNull(); // from here the array is the caller's again
        Arrays.fill(read, (byte) 0xFF);
        decoder.append(Arrays.copyOfRange(publish, 6, publish.length));
        Publish p = (Publish) decoder.next(V5);
        assertThat(p.topic()).isEqualTo("a/b");
        assertThat(p.packetId()).isEqualTo(0x4321);
        assertThat(p.payload()).isEqualTo(utf8("payload"));
    }

    @Test
    @DisplayName("a decoded packet owns its bytes: overwriting the caller's array later changes nothing")
    void decodedPacketDoesNotAliasTheInput() throws Exception {
        byte[] read = MqttEncoder.encode(new Publish("t", 0, false, false, 0, utf8("abc"), PublishProperties.EMPTY),
                V5);
        MqttDecoder decoder = new MqttDecoder(0);
        decoder.append(read);
        Publish p = (Publish) decoder.next(V5);
        assertThat(decoder.next(V5)).isNull();
        Arrays.fill(read, (byte) 0);
        assertThat(p.payload()).isEqualTo(utf8("abc"));
        assertThat(p.topic()).isEqualTo("t");
    }

    @Test
    @DisplayName("appending before the caller drained the decoder keeps the undrained packets")
    void appendBeforeDrain() throws Exception {
        byte[] first = concat(MqttEncoder.encode(new PubAck(1), V5), MqttEncoder.encode(new PubAck(2), V5));
        MqttDecoder decoder = new MqttDecoder(0);
        decoder.append(first);
        assertThat(decoder.next(V5)).isEqualTo(new PubAck(1));
        // PubAck(2) is still pending in the caller's array when more bytes come
        byte[] second = MqttEncoder.encode(new PubAck(3), V5);
        decoder.append(second);
        assertThat(decoder.pending()).isEqualTo(8);
        assertThat(decoder.next(V5)).isEqualTo(new PubAck(2));
        assertThat(decoder.next(V5)).isEqualTo(new PubAck(3));
        assertThat(decoder.next(V5)).isNull();
    }

    @Test
    @DisplayName("append honours offset and length within a larger array, and ignores an empty append")
    void offsetAndLength() throws Exception {
        byte[] ping = hex("c0 00");
        byte[] framed = concat(hex("ff ff ff"), ping, hex("ff ff"));
        MqttDecoder decoder = new MqttDecoder(0);
        decoder.append(framed, 3, 0);
        assertThat(decoder.pending()).isZero();
        decoder.append(framed, 3, 1);
        assertThat(decoder.next(V5)).isNull();
        decoder.append(framed, 4, 1);
        assertThat(decoder.next(V5)).isEqualTo(PingReq.INSTANCE);
        assertThat(decoder.next(V5)).isNull();
    }

    @Test
    @DisplayName("[MQTT-3.1.0-1] the version is the caller's: CONNECT decodes with null, later packets with it")
    void versionPassedPerCall() throws Exception {
        byte[] bytes = concat(MqttEncoder.encode(PACKETS.get(0), V5), MqttEncoder.encode(new PubAck(9,
                PubAckReasonCode.NO_MATCHING_SUBSCRIBERS, AckProperties.EMPTY), V5));
        MqttDecoder decoder = new MqttDecoder(0);
        decoder.append(bytes);
        assertThat(decoder.next(null)).isInstanceOf(Connect.class);
        // the same PUBACK bytes mean a reason code in 5.0 and trailing garbage in 3.1.1
        assertThat(decoder.next(V5)).isEqualTo(new PubAck(9, PubAckReasonCode.NO_MATCHING_SUBSCRIBERS,
                AckProperties.EMPTY));
    }

    /** The offset just past each packet in {@link #STREAM}. */
    private static int[] packetEnds() {
        int[] ends = new int[PACKETS.size()];
        int at = 0;
        for (int i = 0; i < ends.length; i++) {
            at += MqttEncoder.encode(PACKETS.get(i), V5).length;
            ends[i] = at;
        }
        return ends;
    }
}
