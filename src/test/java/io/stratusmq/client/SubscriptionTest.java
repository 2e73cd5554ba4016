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
@DisplayName("SUBSCRIBE and UNSUBSCRIBE through real client libraries (sections 3.8, 3.10)")
class SubscriptionTest extends ClientTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.stratusmq.client.Endpoint#all")
    @DisplayName("a message matching two subscriptions of a client arrives once, at the higher granted QoS"
            + " [MQTT-3.3.4-2] (3.1.1 allows copies; this broker documents one)")
    void overlappingSubscriptionsDeliverOnceAtHighestQos(Endpoint e) throws Exception {
        String b = e.unique("overlap");
        TestClient sub = connected(e, "sub");
        sub.subscribe(b + "/+", 0);
        sub.subscribe(b + "/#", 2);
        TestClient pub = connected(e, "pub");

        pub.publish(Msg.of(b + "/x", "once", 2));
        pub.publish(Msg.of(b + "/fence", "fence", 2));

        Msg got = sub.next();
        assertThat(got.text()).isEqualTo("once");
        assertThat(got.qos()).as("QoS: the higher of the two subscriptions").isEqualTo(2);
        assertThat(sub.next().text()).as("no second copy before the fence").isEqualTo("fence");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.stratusmq.client.Endpoint#all")
    @DisplayName("after UNSUBSCRIBE no more messages arrive for that filter; other subscriptions carry on"
            + " [MQTT-3.10.4-1]")
    void unsubscribeStopsDelivery(Endpoint e) throws Exception {
        String b = e.unique("unsub");
        TestClient sub = connected(e, "sub");
        sub.subscribe(b + "/a", 1);
        sub.subscribe(b + "/b", 1);
        TestClient pub = connected(e, "pub");
        pub.publish(Msg.of(b + "/a", "before", 1));
        assertThat(sub.next().text()).isEqualTo("before");

        sub.unsubscribe(b + "/a");
        pub.publish(Msg.of(b + "/a", "after", 1));
        pub.publish(Msg.of(b + "/b", "fence", 1));

        assertThat(sub.next().text()).as("first message after UNSUBSCRIBE").isEqualTo("fence");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.stratusmq.client.Endpoint#all")
    @DisplayName("subscribing again to the same filter replaces the subscription and its QoS [MQTT-3.8.4-3]")
    void resubscribeReplacesQos(Endpoint e) throws Exception {
        String topic = e.unique("resub") + "/t";
        TestClient sub = connected(e, "sub");
        sub.subscribe(topic, 2);
        assertThat(sub.subscribe(topic, 0)).as("granted QoS").isZero();
        TestClient pub = connected(e, "pub");

        pub.publish(Msg.of(topic, "downgraded", 2));
        pub.publish(Msg.of(topic, "fence", 1));

        Msg got = sub.next();
        assertThat(got.text()).isEqualTo("downgraded");
        assertThat(got.qos()).as("QoS after the second SUBSCRIBE").isZero();
        assertThat(sub.next().text()).as("one subscription, one copy").isEqualTo("fence");
    }
}
