package io.stratusmq.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.stratusmq.testing.BrokerTestProfile;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@QuarkusTest
@TestProfile(BrokerTestProfile.class)
@DisplayName("QoS 0, 1 and 2 publish and delivery through real client libraries (section 4.3)")
class QosDeliveryTest extends ClientTest {

    /** Payloads at the edges of the encoding: empty, a NUL, every byte value, a Remaining Length step, large. */
    private static final Map<String, byte[]> PAYLOADS = payloads();

    private static Map<String, byte[]> payloads() {
        Map<String, byte[]> p = new LinkedHashMap<>();
        p.put("empty", new byte[0]);
        p.put("nul", new byte[] {0});
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        p.put("every-byte", all);
        p.put("varint-step", random(16_384, 1)); // the Remaining Length takes a third byte here
        p.put("large", random(300_000, 2));
        return p;
    }

    private static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.stratusmq.client.Endpoint#all")
    @DisplayName("each message arrives once, at the lower of its QoS and the granted QoS, with its payload byte"
            + " for byte [MQTT-3.8.4-6]")
    void everyQosBothWays(Endpoint e) throws Exception {
        String base = e.unique("qos");
        List<TestClient> subscribers = List.of(connected(e, "sub0"), connected(e, "sub1"), connected(e, "sub2"));
        for (int granted = 0; granted <= 2; granted++) {
            assertThat(subscribers.get(granted).subscribe(base + "/#", granted)).as("granted QoS").isEqualTo(granted);
        }
        TestClient publisher = connected(e, "pub");

        Map<String, Msg> sent = new LinkedHashMap<>();
        for (int qos = 0; qos <= 2; qos++) {
            for (Map.Entry<String, byte[]> payload : PAYLOADS.entrySet()) {
                Msg m = Msg.of(base + "/q" + qos + "/" + payload.getKey(), payload.getValue(), qos);
                publisher.publish(m);
                sent.put(m.topic(), m);
            }
        }

        for (int granted = 0; granted <= 2; granted++) {
            TestClient sub = subscribers.get(granted);
            Map<String, Msg> received = new HashMap<>();
            for (Msg got : sub.next(sent.size())) {
                assertThat(received.put(got.topic(), got)).as("a second copy of %s", got).isNull();
            }
            for (Msg m : sent.values()) {
                Msg got = received.get(m.topic());
                assertThat(got).as("%s at granted QoS %d", m.topic(), granted).isNotNull();
                assertThat(got.qos()).as("QoS of %s at granted QoS %d", m.topic(), granted)
                        .isEqualTo(Math.min(m.qos(), granted));
                assertThat(got.payload()).as("payload of %s", m.topic()).isEqualTo(m.payload());
                assertThat(got.retain()).as("retain flag of %s", m.topic()).isFalse();
            }
        }
    }
}
