package io.stratusmq.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.stratusmq.testing.BrokerTestProfile;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@QuarkusTest
@TestProfile(BrokerTestProfile.class)
@DisplayName("Retained messages through real client libraries (section 3.3.1.3)")
class RetainedMessageTest extends ClientTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.stratusmq.client.Endpoint#all")
    @DisplayName("retained messages are set, replaced and cleared, and a new subscription gets the current one"
            + " with RETAIN 1 [MQTT-3.3.1-5] [MQTT-3.3.1-8] [MQTT-3.3.1-10] [MQTT-3.3.1-11]")
    void setReplaceClear(Endpoint e) throws Exception {
        String b = e.unique("retained");
        String a = b + "/a";
        TestClient pub = connected(e, "pub");
        pub.publish(Msg.of(a, "a1", 1).retained());
        pub.publish(Msg.of(b + "/b", "b1", 0).retained());

        // set: a new subscription gets both, flagged retained, at the lower of the two QoS
        TestClient live = connected(e, "live");
        live.subscribe(b + "/+", 1);
        List<Msg> initial = live.next(2).stream().sorted(Comparator.comparing(Msg::topic)).toList();
        assertThat(initial).extracting(Msg::topic).containsExactly(a, b + "/b");
        assertThat(initial).extracting(Msg::text).containsExactly("a1", "b1");
        assertThat(initial).extracting(Msg::retain).containsExactly(true, true);
        assertThat(initial).extracting(Msg::qos).containsExactly(1, 0);

        // replace: the established subscription gets it with RETAIN 0 [MQTT-3.3.1-9] [MQTT-3.3.1-12]
        pub.publish(Msg.of(a, "a2", 1).retained());
        Msg replaced = live.next();
        assertThat(replaced.text()).isEqualTo("a2");
        assertThat(replaced.retain()).as("RETAIN on an established subscription").isFalse();

        TestClient late = connected(e, "late");
        late.subscribe(a, 1);
        Msg current = late.next();
        assertThat(current.text()).as("only the latest retained message is kept").isEqualTo("a2");
        assertThat(current.retain()).isTrue();
        pub.publish(Msg.of(a, "plain", 1));
        assertThat(late.next().text()).as("no second retained message before the live one").isEqualTo("plain");
        assertThat(live.next().text()).isEqualTo("plain");

        // clear: an empty retained message is delivered as usual, then nothing is retained any more
        pub.publish(Msg.of(a, new byte[0], 1).retained());
        Msg cleared = live.next();
        assertThat(cleared.payload()).isEmpty();
        assertThat(cleared.retain()).isFalse();

        TestClient afterClear = connected(e, "after-clear");
        afterClear.subscribe(b + "/+", 1);
        Msg stillRetained = afterClear.next();
        assertThat(stillRetained.topic()).as("the other topic keeps its retained message").isEqualTo(b + "/b");
        assertThat(stillRetained.retain()).isTrue();
        pub.publish(Msg.of(a, "fence", 1));
        Msg next = afterClear.next();
        assertThat(next.text()).as("nothing retained on the cleared topic").isEqualTo("fence");
        assertThat(next.retain()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.stratusmq.client.Endpoint#all")
    @DisplayName("a new wildcard subscription gets every matching retained message, more than the per-client queue"
            + " limit (1000) included [MQTT-3.3.1-6] [MQTT-3.8.4-4]")
    void allRetainedMessagesBeyondQueueLimit(Endpoint e) throws Exception {
        String b = e.unique("fleet");
        int topics = 1_500;
        TestClient pub = connected(e, "pub");
        for (int i = 0; i < topics; i++) {
            pub.publish(Msg.of(b + "/sensor" + i, "v" + i, 0).retained());
        }
        pub.publish(Msg.of(b + "/sensor0", "v0", 1).retained()); // acknowledged after the QoS 0 ones before it

        for (int qos = 0; qos <= 1; qos++) {
            TestClient dashboard = connected(e, "dashboard" + qos);
            dashboard.subscribe(b + "/#", qos);
            Set<String> got = new HashSet<>();
            for (Msg m : dashboard.next(topics)) {
                assertThat(m.retain()).isTrue();
                got.add(m.topic() + "=" + m.text());
            }
            assertThat(got).as("distinct retained messages at subscription QoS %d", qos).hasSize(topics);
        }
    }
}
