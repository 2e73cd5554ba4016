package io.stratusmq.cluster;

import io.stratusmq.codec.ConnAck;
import io.stratusmq.codec.Connect;
import io.stratusmq.codec.ConnectProperties;
import io.stratusmq.codec.MalformedPacketException;
import io.stratusmq.codec.MqttDecoder;
import io.stratusmq.codec.MqttEncoder;
import io.stratusmq.codec.MqttPacket;
import io.stratusmq.codec.MqttVersion;
import io.stratusmq.codec.PubAck;
import io.stratusmq.codec.PubComp;
import io.stratusmq.codec.PubRec;
import io.stratusmq.codec.PubRel;
import io.stratusmq.codec.Publish;
import io.stratusmq.codec.SubAck;
import io.stratusmq.codec.Subscribe;
import io.stratusmq.codec.TopicSubscription;
import io.stratusmq.testing.TcpRawConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A 5.0 subscriber whose QoS 2 acknowledgements the test sends one by one, so that a node can be killed at a
 * chosen step of PUBLISH / PUBREC / PUBREL / PUBCOMP. It behaves as [MQTT-4.3.3] asks of a receiver, across
 * connections (its session state survives a reconnect): a PUBLISH whose packet identifier awaits PUBREL is a
 * resend and is not delivered again; PUBREL frees the identifier. {@link #delivered} is what its application got.
 */
final class Qos2Receiver implements AutoCloseable {

    private final String clientId;
    /** Payloads handed to the application, in order. */
    final List<String> delivered = new CopyOnWriteArrayList<>();
    /** Packet identifiers of QoS 2 messages received and not yet released (PUBREL not received). */
    final Set<Integer> awaitingRelease = ConcurrentHashMap.newKeySet();
    private TcpRawConnection connection;

    Qos2Receiver(String clientId) {
        this.clientId = clientId;
    }

    /** Connects to a node with a session that outlives the connection (Session Expiry 300 s). */
    ConnAck connect(BrokerProcess node, boolean cleanStart) {
        close();
        try {
            connection = new TcpRawConnection("127.0.0.1", node.tcpPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ConnectProperties props = new ConnectProperties(300L, null, null, null, null, null, null, null, List.of());
        send(new Connect(MqttVersion.V5, clientId, cleanStart, 60, null, null, null, props));
        return (ConnAck) next(Duration.ofSeconds(15));
    }

    void subscribe(String filter, int qos) {
        send(new Subscribe(1, List.of(TopicSubscription.of(filter, qos)), null, List.of()));
        MqttPacket p = next(Duration.ofSeconds(10));
        if (!(p instanceof SubAck)) {
            throw new AssertionError("expected SUBACK, got " + p);
        }
    }

    /** The next packet from the broker, with a QoS 2 PUBLISH or a PUBREL applied to the session state. */
    MqttPacket next(Duration timeout) {
        try {
            byte[] bytes = connection.receive(timeout);
            MqttDecoder decoder = new MqttDecoder(0);
            decoder.append(bytes);
            MqttPacket p = decoder.next(MqttVersion.V5);
            if (p instanceof Publish pub) {
                String payload = new String(pub.payload(), StandardCharsets.UTF_8);
                if (pub.qos() < 2 || awaitingRelease.add(pub.packetId())) {
                    delivered.add(payload); // new to this receiver: goes to the application
                }
            } else if (p instanceof PubRel rel) {
                awaitingRelease.remove(rel.packetId());
            }
            return p;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (MalformedPacketException e) {
            throw new AssertionError("malformed packet from the broker", e);
        }
    }

    Publish nextPublish() {
        MqttPacket p = next(Duration.ofSeconds(10));
        if (!(p instanceof Publish pub)) {
            throw new AssertionError("expected PUBLISH, got " + p);
        }
        return pub;
    }

    PubRel nextPubRel() {
        MqttPacket p = next(Duration.ofSeconds(10));
        if (!(p instanceof PubRel rel)) {
            throw new AssertionError("expected PUBREL, got " + p);
        }
        return rel;
    }

    void pubRec(int packetId) {
        send(new PubRec(packetId));
    }

    void pubComp(int packetId) {
        send(new PubComp(packetId));
    }

    /**
     * Plays the receiver's part without pausing (PUBREC for every QoS 2 PUBLISH, PUBACK for QoS 1, PUBCOMP for
     * every PUBREL) until the application has {@code count} messages and no identifier awaits PUBREL, or the
     * timeout passes.
     */
    void acknowledgeUntil(int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (delivered.size() < count || !awaitingRelease.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("receiver has " + delivered + ", awaiting PUBREL " + awaitingRelease
                        + " after " + timeout);
            }
            MqttPacket p = next(Duration.ofNanos(left));
            if (p instanceof Publish pub && pub.qos() == 2) {
                pubRec(pub.packetId());
            } else if (p instanceof Publish pub && pub.qos() == 1) {
                send(new PubAck(pub.packetId()));
            } else if (p instanceof PubRel rel) {
                pubComp(rel.packetId());
            }
        }
    }

    /**
     * Reads for the whole window; a PUBREL that arrives is applied (its PUBCOMP left for later, which a receiver
     * may do), anything else fails.
     */
    void expectNothingButPubRel(Duration window) {
        long deadline = System.nanoTime() + window.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            MqttPacket p;
            try {
                p = next(Duration.ofNanos(left));
            } catch (AssertionError e) {
                return; // nothing within the window
            }
            if (!(p instanceof PubRel)) {
                throw new AssertionError("expected nothing or PUBREL, got " + p);
            }
        }
    }

    /** Asserts that nothing more arrives within the window. */
    void expectNothing(Duration window) {
        try {
            connection.expectNothing(window);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void send(MqttPacket p) {
        try {
            connection.send(MqttEncoder.encode(p, MqttVersion.V5));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }
}
