package io.stratusmq.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.stratusmq.testing.BrokerTestProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

@QuarkusTest
@TestProfile(BrokerTestProfile.class)
@DisplayName("MQTT 5.0 publish properties through real client libraries (section 3.3.2.3)")
class Mqtt5PropertiesTest extends ClientTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.stratusmq.client.Endpoint#v5")
    @DisplayName("user properties reach the subscriber unchanged, in order, repeated names included"
            + " [MQTT-3.3.2-17] [MQTT-3.3.2-18]")
    void userProperties(Endpoint e) throws Exception {
        String topic = e.unique("user-props") + "/t";
        TestClient sub = connected(e, "sub");
        sub.subscribe(topic, 1);
        TestClient pub = connected(e, "pub");

        pub.publish(Msg.of(topic, "with properties", 1)
                .withUserProperty("region", "eu-west")
                .withUserProperty("trace", "4bf92f35")
                .withUserProperty("region", "eu-central")
                .withUserProperty("empty", "")
                .withUserProperty("unicode", "k\u00f6ln \u2603"));

        Msg got = sub.next();
        assertThat(got.text()).isEqualTo("with properties");
        assertThat(got.userProperties()).containsExactly(
                Map.entry("region", "eu-west"),
                Map.entry("trace", "4bf92f35"),
                Map.entry("region", "eu-central"),
                Map.entry("empty", ""),
                Map.entry("unicode", "k\u00f6ln \u2603"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.stratusmq.client.Endpoint#v5")
    @DisplayName("response topic and correlation data make a request/response round trip (section 4.10)")
    void requestResponse(Endpoint e) throws Exception {
        String requests = e.unique("rpc") + "/requests";
        String responses = e.unique("rpc") + "/responses";
        byte[] correlation = {0x00, (byte) 0xFF, 0x10, 0x7F, 0x42};
        TestClient responder = connected(e, "responder");
        responder.subscribe(requests, 1);
        TestClient requester = connected(e, "requester");
        requester.subscribe(responses, 1);

        requester.publish(Msg.of(requests, "2+3", 1).withResponse(responses, correlation));

        Msg request = responder.next();
        assertThat(request.responseTopic()).isEqualTo(responses);
        assertThat(request.correlationData()).isEqualTo(correlation);
        String[] operands = request.text().split("\\+");
        String answer = String.valueOf(Integer.parseInt(operands[0]) + Integer.parseInt(operands[1]));
        responder.publish(Msg.of(request.responseTopic(), answer, 1)
                .withResponse(null, request.correlationData()));

        Msg response = requester.next();
        assertThat(response.topic()).isEqualTo(responses);
        assertThat(response.text()).isEqualTo("5");
        assertThat(response.correlationData()).isEqualTo(correlation);
        assertThat(response.responseTopic()).as("none was set on the response").isNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.stratusmq.client.Endpoint#v5")
    @DisplayName("a message waiting for an offline session, or retained, is dropped once its expiry interval has"
            + " passed, and one still alive arrives with the time it has left [MQTT-3.3.2-5] [MQTT-3.3.2-6]")
    void messageExpiry(Endpoint e) throws Exception {
        String id = e.unique("expiry");
        String topic = e.unique("expiry") + "/t";
        TestClient sub = client(e, id);
        sub.connect(ConnectOptions.persistent());
        sub.subscribe(topic, 1);
        sub.disconnect();
        TestClient pub = connected(e, "pub");

        pub.publish(Msg.of(topic, "short-lived", 1).withExpiry(1));
        pub.publish(Msg.of(topic, "long-lived", 1).withExpiry(120));
        String retained = e.unique("expiry-retained");
        pub.publish(Msg.of(retained + "/short", "short-lived", 1).withExpiry(1).retained());
        pub.publish(Msg.of(retained + "/long", "long-lived", 1).withExpiry(120).retained());
        long published = System.nanoTime();
        // Expiry is the passage of time itself: there is no event to wait for, so let 1.5 s go by.
        Thread.sleep(1_500);

        TestClient resumed = client(e, id);
        assertThat(resumed.connect(ConnectOptions.persistent())).isTrue();
        Msg got = resumed.next();
        long waitedSeconds = (System.nanoTime() - published) / 1_000_000_000L;
        assertThat(got.text()).as("the expired message is not delivered").isEqualTo("long-lived");
        assertThat(got.messageExpiry()).as("Message Expiry Interval on delivery").isNotNull()
                .isBetween(120 - waitedSeconds - 2, 120 - waitedSeconds);
        assertThat(got.messageExpiry()).as("the time spent waiting is taken off").isLessThan(120);
        pub.publish(Msg.of(topic, "fence", 1));
        assertThat(resumed.next().text()).isEqualTo("fence");

        TestClient late = connected(e, "late");
        late.subscribe(retained + "/+", 1);
        Msg kept = late.next();
        assertThat(kept.topic()).as("the expired retained message is not sent").isEqualTo(retained + "/long");
        assertThat(kept.retain()).isTrue();
        assertThat(kept.messageExpiry()).as("Message Expiry Interval of the retained message").isLessThan(120);
        pub.publish(Msg.of(retained + "/fence", "fence", 1));
        assertThat(late.next().text()).as("nothing retained after the live one").isEqualTo("fence");
    }

    @ParameterizedTest(name = "Paho 5.0 over {0}")
    @EnumSource(Transport.class)
    @DisplayName("a message matching several subscriptions of a client arrives once with every matching"
            + " subscription identifier [MQTT-3.3.4-2] [MQTT-3.3.4-3]; a subscription without one adds none")
    void subscriptionIdentifiers(Transport transport) throws Exception {
        Endpoint e = new Endpoint(Library.PAHO_5, transport);
        String b = e.unique("subid");
        Paho5Client sub = (Paho5Client) connected(e, "sub");
        sub.subscribe(b + "/+/temp", 1, 7);
        sub.subscribe(b + "/kitchen/#", 1, 268_435_455); // the largest identifier (MQTT 5 section 3.8.2.1.2)
        sub.subscribe(b + "/hall/#", 1);
        TestClient pub = connected(e, "pub");

        pub.publish(Msg.of(b + "/kitchen/temp", "both", 1));
        pub.publish(Msg.of(b + "/garden/temp", "first", 1));
        pub.publish(Msg.of(b + "/kitchen/light", "second", 1));
        pub.publish(Msg.of(b + "/hall/light", "none", 1));

        Msg both = sub.next();
        assertThat(both.text()).isEqualTo("both");
        assertThat(both.subscriptionIds()).containsExactlyInAnyOrder(7, 268_435_455);
        assertThat(sub.next().subscriptionIds()).containsExactly(7);
        assertThat(sub.next().subscriptionIds()).containsExactly(268_435_455);
        Msg none = sub.next();
        assertThat(none.text()).isEqualTo("none");
        assertThat(none.subscriptionIds()).isEmpty();
    }

    /**
     * HiveMQ only: Paho 5.0 1.2.5 takes the empty Topic Name of an alias-only PUBLISH as a new mapping to ""
     * (eclipse-paho/paho.mqtt.java#866), so it cannot receive aliased messages from any broker.
     */
    @ParameterizedTest(name = "HiveMQ 5.0 over {0}")
    @EnumSource(Transport.class)
    @DisplayName("with a Topic Alias Maximum announced, the broker's aliases resolve to the right topics, also"
            + " when more topics than aliases take turns [MQTT-3.3.2-8] [MQTT-3.3.2-12]")
    void topicAliasesTowardClient(Transport transport) throws Exception {
        Endpoint e = new Endpoint(Library.HIVEMQ_5, transport);
        String b = e.unique("alias");
        int maximum = 3;
        TestClient sub = client(e, e.unique("sub"));
        sub.connect(ConnectOptions.clean().withTopicAliasMaximum(maximum));
        sub.subscribe(b + "/#", 1);
        TestClient pub = connected(e, "pub");

        List<String> sent = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            for (int t = 0; t < 5; t++) { // five topics take turns at three aliases: aliases are reassigned
                sent.add(b + "/sensor" + t);
            }
            sent.add(b + "/sensor4"); // the same topic twice in a row: the alias alone
        }
        for (int i = 0; i < sent.size(); i++) {
            pub.publish(Msg.of(sent.get(i), sent.get(i) + " #" + i, 1));
        }

        List<Msg> got = sub.next(sent.size());
        for (int i = 0; i < sent.size(); i++) {
            assertThat(got.get(i).text()).as("message %d in order", i).isEqualTo(sent.get(i) + " #" + i);
            assertThat(got.get(i).topic()).as("topic of message %d", i).isEqualTo(sent.get(i));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.stratusmq.client.Endpoint#v5")
    @DisplayName("the aliases a client sets on its own publishes (both libraries do so up to the broker's Topic"
            + " Alias Maximum) are resolved by the broker [MQTT-3.3.2-10] [MQTT-3.3.2-11]")
    void topicAliasesFromClient(Endpoint e) throws Exception {
        String b = e.unique("alias-in");
        TestClient sub = connected(e, "sub");
        sub.subscribe(b + "/#", 1);
        TestClient pub = connected(e, "pub");

        int topics = 12; // more than the broker's ten aliases: some topics go without one
        for (int i = 0; i < 3 * topics; i++) {
            String topic = b + "/t" + (i % topics);
            pub.publish(Msg.of(topic, topic, i % 3));
        }

        for (Msg m : sub.next(3 * topics)) {
            assertThat(m.topic()).as("topic of the message published to %s", m.text()).isEqualTo(m.text());
        }
    }
}
