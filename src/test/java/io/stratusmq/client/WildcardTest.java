package io.stratusmq.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.stratusmq.testing.BrokerTestProfile;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@QuarkusTest
@TestProfile(BrokerTestProfile.class)
@DisplayName("Topic wildcards through real client libraries (section 4.7)")
class WildcardTest extends ClientTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.stratusmq.client.Endpoint#all")
    @DisplayName("'+' matches one level, '#' the parent and any levels below; overlapping filters deliver once"
            + " [MQTT-4.7.1-2] [MQTT-4.7.1-3] [MQTT-3.3.4-2]")
    void singleAndMultiLevel(Endpoint e) throws Exception {
        String b = e.unique("wild");
        TestClient sub = connected(e, "sub");
        sub.subscribe(b + "/+/temp", 1);
        sub.subscribe(b + "/kitchen/#", 1);
        TestClient pub = connected(e, "pub");

        List<String> matching = List.of(
                b + "/kitchen/temp", // both filters: one copy
                b + "/hall/temp",
                b + "//temp", // '+' matches an empty level
                b + "/kitchen", // '#' includes the parent level
                b + "/kitchen/light/ceiling");
        List<String> notMatching = List.of(
                b + "/hall/light",
                b + "/hall/temp/max", // '+' is one level only
                b + "/kitchenette/temp/x",
                b + "x/kitchen/temp");
        for (String t : notMatching) {
            pub.publish(Msg.of(t, "no", 1));
        }
        for (String t : matching) {
            pub.publish(Msg.of(t, "yes", 1));
        }
        // The broker queues one subscriber's messages in one FIFO: the fence, published last, arrives last.
        String fence = b + "/kitchen/fence";
        pub.publish(Msg.of(fence, "fence", 1));

        List<String> topics = new ArrayList<>();
        Msg got;
        while (!(got = sub.next()).topic().equals(fence)) {
            topics.add(got.topic());
        }
        assertThat(topics).containsExactlyInAnyOrderElementsOf(matching);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.stratusmq.client.Endpoint#all")
    @DisplayName("topics are UTF-8 strings compared exactly: non-ASCII characters, spaces, an empty first level"
            + " and case all count [MQTT-4.7.3-4]")
    void utf8TopicsMatchExactly(Endpoint e) throws Exception {
        String b = e.unique("utf8");
        TestClient sub = connected(e, "sub");
        sub.subscribe(b + "/K\u00fcche/+", 1);
        sub.subscribe("/" + b + "/\u6e29\u5ea6 \u2603/#", 1);
        TestClient pub = connected(e, "pub");

        List<String> matching = new ArrayList<>(List.of(
                b + "/K\u00fcche/Temperatur",
                "/" + b + "/\u6e29\u5ea6 \u2603",
                "/" + b + "/\u6e29\u5ea6 \u2603/a b/c"));
        if (e.library() != Library.PAHO_3) { // Paho 3.1.1 1.2.5 refuses surrogate pairs in its own UTF-8 check
            matching.add(b + "/K\u00fcche/\ud83c\udf21"); // beyond the Basic Multilingual Plane: 4 UTF-8 bytes
        }
        List<String> notMatching = List.of(
                b + "/Kuche/Temperatur",
                b + "/k\u00fcche/Temperatur",
                b + "/\u6e29\u5ea6 \u2603/x"); // without the leading '/'
        for (String t : notMatching) {
            pub.publish(Msg.of(t, "no", 1));
        }
        for (String t : matching) {
            pub.publish(Msg.of(t, t, 1));
        }
        String fence = b + "/K\u00fcche/fence";
        pub.publish(Msg.of(fence, "fence", 1));

        List<Msg> got = new ArrayList<>();
        Msg m;
        while (!(m = sub.next()).topic().equals(fence)) {
            got.add(m);
        }
        assertThat(got).extracting(Msg::topic).containsExactlyInAnyOrderElementsOf(matching);
        assertThat(got).allSatisfy(g -> assertThat(g.text()).as("payload names the topic").isEqualTo(g.topic()));
    }
}
