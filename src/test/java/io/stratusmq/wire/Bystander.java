package io.stratusmq.wire;

import static io.stratusmq.wire.Fixtures.publish311;
import static io.stratusmq.wire.Fixtures.subscribe311;

import io.stratusmq.testing.RawConnection;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A well-behaved client, connected and subscribed before a test misbehaves on another connection, which
 * proves afterwards that the broker still serves it: one bad connection closes alone [MQTT-4.13].
 */
public final class Bystander implements AutoCloseable {

    private static final AtomicInteger COUNT = new AtomicInteger();

    private final RawConnection c;
    private final String topic;

    private Bystander(RawConnection c, String topic) {
        this.c = c;
        this.topic = topic;
    }

    /** Connects a 3.1.1 client and subscribes it to a topic of its own at QoS 0. */
    public static Bystander connect(String transport) throws Exception {
        int n = COUNT.incrementAndGet();
        String topic = "bystander/" + n;
        RawConnection c = Clients.v311(transport, "bystander-" + n);
        c.send(subscribe311(1, topic, 0));
        c.expect("90 03 00 01 00"); // SUBACK, packet id 1, granted QoS 0
        return new Bystander(c, topic);
    }

    /** Publishes QoS 1 to its own topic and gets the PUBACK, then the message back at the granted QoS 0. */
    public void assertStillServed() throws Exception {
        c.send(publish311(1, false, 7, topic, "still here"));
        c.expect("40 02 00 07"); // PUBACK 7
        c.expect(publish311(0, false, 0, topic, "still here"));
    }

    @Override
    public void close() {
        c.close();
    }
}
