package io.stratusmq.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.stratusmq.testing.BrokerTestProfile;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@QuarkusTest
@TestProfile(BrokerTestProfile.class)
@DisplayName("MQTT 5.0 subscription options through real client libraries (section 3.8.3.1)")
class Mqtt5SubscriptionOptionsTest extends ClientTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.stratusmq.client.Endpoint#v5")
    @DisplayName("No Local: a client's own messages are not sent back to it [MQTT-3.8.3-3]")
    void noLocal(Endpoint e) throws Exception {
        String topic = e.unique("no-local") + "/t";
        TestClient self = connected(e, "self");
        self.subscribe(topic, SubscribeOptions.qos(1).withNoLocal());
        TestClient other = connected(e, "other");

        self.publish(Msg.of(topic, "own", 1));
        other.publish(Msg.of(topic, "other's", 1));

        assertThat(self.next().text()).as("first message received").isEqualTo("other's");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.stratusmq.client.Endpoint#v5")
    @DisplayName("Retain As Published: RETAIN is kept on messages to an established subscription"
            + " [MQTT-3.3.1-12] [MQTT-3.3.1-13]")
    void retainAsPublished(Endpoint e) throws Exception {
        String topic = e.unique("rap") + "/t";
        TestClient kept = connected(e, "kept");
        kept.subscribe(topic, SubscribeOptions.qos(1).withRetainAsPublished());
        TestClient cleared = connected(e, "cleared");
        cleared.subscribe(topic, SubscribeOptions.qos(1));
        TestClient pub = connected(e, "pub");

        pub.publish(Msg.of(topic, "state", 1).retained());
        pub.publish(Msg.of(topic, "plain", 1));

        assertThat(kept.next(2)).extracting(Msg::retain).containsExactly(true, false);
        assertThat(cleared.next(2)).extracting(Msg::retain).containsExactly(false, false);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.stratusmq.client.Endpoint#v5")
    @DisplayName("Retain Handling 1 sends retained messages only for a new subscription, 2 never"
            + " [MQTT-3.3.1-9] [MQTT-3.3.1-10] [MQTT-3.3.1-11]")
    void retainHandling(Endpoint e) throws Exception {
        String topic = e.unique("rh") + "/t";
        TestClient pub = connected(e, "pub");
        pub.publish(Msg.of(topic, "state", 1).retained());

        TestClient ifNew = connected(e, "if-new");
        ifNew.subscribe(topic, SubscribeOptions.qos(1).withRetainHandling(1));
        assertThat(ifNew.next().text()).as("retained message for the new subscription").isEqualTo("state");
        ifNew.subscribe(topic, SubscribeOptions.qos(1).withRetainHandling(1)); // exists already: none
        TestClient never = connected(e, "never");
        never.subscribe(topic, SubscribeOptions.qos(1).withRetainHandling(2));
        TestClient always = connected(e, "always");
        always.subscribe(topic, SubscribeOptions.qos(1));
        always.subscribe(topic, SubscribeOptions.qos(1)); // Retain Handling 0: sent on every SUBSCRIBE

        pub.publish(Msg.of(topic, "fence", 1));

        assertThat(ifNew.next().text()).as("after re-subscribing with Retain Handling 1").isEqualTo("fence");
        assertThat(never.next().text()).as("with Retain Handling 2").isEqualTo("fence");
        assertThat(always.next(3)).extracting(Msg::text).containsExactly("state", "state", "fence");
    }
}
