package io.stratusmq.fuzz;

import io.stratusmq.codec.Connect;
import io.stratusmq.codec.MalformedPacketException;
import io.stratusmq.codec.MqttDecoder;
import io.stratusmq.codec.MqttPacket;
import io.stratusmq.codec.MqttVersion;
import java.util.Arrays;
import java.util.function.IntSupplier;

/**
 * What every fuzz input is run through. A failure is any exception other than the one each contract allows,
 * an endless loop, or a write after close.
 */
final class FuzzTargets {

    /** The decoder's packet limit in these targets: inputs may announce more, and must be refused. */
    static final int MAX_PACKET_SIZE = 4096;

    private FuzzTargets() {
    }

    /**
     * The decoder, fed the input in chunks: it returns packets or null, or throws MalformedPacketException, and
     * nothing else; its buffer never holds more than one packet plus one chunk. The version comes from the
     * first CONNECT, as in the protocol layer.
     */
    static int decode(byte[] input, IntSupplier chunks) {
        MqttDecoder decoder = new MqttDecoder(MAX_PACKET_SIZE);
        MqttVersion version = null;
        int packets = 0;
        int at = 0;
        try {
            while (at < input.length) {
                int n = Math.min(Math.max(1, chunks.getAsInt()), input.length - at);
                decoder.append(Arrays.copyOfRange(input, at, at + n), 0, n);
                at += n;
                MqttPacket p;
                while ((p = decoder.next(version)) != null) {
                    if (p instanceof Connect c && version == null) {
                        version = c.version();
                    }
                    if (++packets > input.length) {
                        throw new AssertionError("more packets than bytes: the decoder loops");
                    }
                }
                if (decoder.pending() > MAX_PACKET_SIZE + n) {
                    throw new AssertionError("decoder holds " + decoder.pending() + " bytes");
                }
            }
        } catch (MalformedPacketException e) {
            if (e.reason() == null) {
                throw new AssertionError("MalformedPacketException without a reason code", e);
            }
        }
        return packets;
    }

    /**
     * A connection of the protocol core fed the input in chunks, then left alone long enough for its timers
     * (connect timeout, keep-alive, throttle) to fire, then closed by the peer. Nothing may escape
     * {@code received} or the timers: on a real node that would be an exception on the event loop.
     */
    static void connection(Harness h, byte[] input, IntSupplier chunks) {
        Harness.FakeTransport t = h.open();
        int at = 0;
        while (at < input.length && !t.closed) {
            int n = Math.min(Math.max(1, chunks.getAsInt()), input.length - at);
            t.receive(Arrays.copyOfRange(input, at, at + n));
            at += n;
        }
        h.advance(1_000);
        h.advance(20_000);
        t.close();
        h.runLoop();
        h.advance(60_000);
    }
}
