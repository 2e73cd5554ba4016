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
@DisplayName("Shared subscriptions through real client libraries (MQTT 5 section 4.8.2)")
class SharedSubscriptionTest extends ClientTest {

    private static final int MESSAGES = 40;

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.stratusmq.client.Endpoint#all")
    @DisplayName("each message published to a shared subscription goes to exactly one member of the group,"
            + " and the group shares the load")
    void eachMessageToExactlyOneMember(Endpoint e) throws Exception {
        String topic = e.unique("shared") + "/jobs";
        String fence = topic + "/fence";
        String shared = "$share/" + e.unique("group") + "/" + topic;
        TestClient first = connected(e, "member1");
        TestClient second = connected(e, "member2");
        for (TestClient member : List.of(first, second)) {
            member.subscribe(shared, 1);
            member.subscribe(fence, 1); // an ordinary subscription: both members get the fence
        }
        TestClient pub = connected(e, "pub");

        for (int i = 0; i < MESSAGES; i++) {
            pub.publish(Msg.of(topic, "job" + i, 1));
        }
        pub.publish(Msg.of(fence, "fence", 1));

        List<String> firstGot = untilFence(first, fence);
        List<String> secondGot = untilFence(second, fence);
        List<String> all = new ArrayList<>(firstGot);
        all.addAll(secondGot);
        assertThat(all).as("jobs received by either member").hasSize(MESSAGES).doesNotHaveDuplicates();
        for (int i = 0; i < MESSAGES; i++) {
            assertThat(all).contains("job" + i);
        }
        assertThat(firstGot).as("member 1's share").isNotEmpty();
        assertThat(secondGot).as("member 2's share").isNotEmpty();
        assertThat(firstGot).as("each member's jobs in publishing order").isSortedAccordingTo(
                (a, b) -> Integer.compare(Integer.parseInt(a.substring(3)), Integer.parseInt(b.substring(3))));
        assertThat(secondGot).isSortedAccordingTo(
                (a, b) -> Integer.compare(Integer.parseInt(a.substring(3)), Integer.parseInt(b.substring(3))));
    }

    /** Payloads received before the fence: the member's queue is one FIFO, so nothing of ours comes after it. */
    private static List<String> untilFence(TestClient member, String fence) throws InterruptedException {
        List<String> got = new ArrayList<>();
        Msg m;
        while (!(m = member.next()).topic().equals(fence)) {
            got.add(m.text());
        }
        return got;
    }
}
