package io.stratusmq.cluster;

import static io.stratusmq.cluster.Publishes.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import io.stratusmq.codec.ConnAck;
import io.stratusmq.codec.ConnectReasonCode;
import io.stratusmq.codec.Publish;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * QoS 2 exactly once across a node crash: the subscriber's node is killed (SIGKILL) in the middle of the
 * PUBREC / PUBREL / PUBCOMP exchanges of several messages, and the client resumes its session on another node.
 */
class SubscriberPodKilledIT {

    @Test
    @DisplayName("A QoS 2 message is delivered once when the subscriber's node is killed mid-exchange and the client"
            + " resumes on another node")
    void qos2ExactlyOnceAcrossNodeCrash() throws Exception {
        try (Cluster cluster = Cluster.start("SubscriberPodKilledIT", 3);
                Clients clients = new Clients();
                Qos2Receiver receiver = new Qos2Receiver("q2-receiver")) {
            ConnAck first = receiver.connect(cluster.node(2), true);
            assertThat(first.reasonCode()).isEqualTo(ConnectReasonCode.SUCCESS);
            receiver.subscribe("q2/#", 2);
            Mqtt5AsyncClient pub = clients.connected("q2-publisher", cluster.node(1), null);
            // the route is known on node-1 once a QoS 2 publish is accepted for a subscriber (not 0x10)
            await("route to the receiver known on node-1").atMost(Clients.TIMEOUT).pollInterval(Duration.ofMillis(50))
                    .until(() -> publish(pub, "q2/warm-up", "warm-up", 2) == 0);
            receiver.acknowledgeUntil(1, Clients.TIMEOUT);
            receiver.delivered.clear();

            List<String> expected = new ArrayList<>();
            for (int i = 1; i <= 10; i++) {
                expected.add("m" + i);
                assertThat(publish(pub, "q2/a", "m" + i, 2)).as("PUBREC to m" + i).isZero();
            }
            int[] ids = new int[11];
            for (int i = 1; i <= 10; i++) {
                Publish p = receiver.nextPublish();
                assertThat(p.qos()).isEqualTo(2);
                ids[i] = p.packetId();
            }
            // m1..m3: whole exchange done
            for (int i = 1; i <= 3; i++) {
                receiver.pubRec(ids[i]);
                assertThat(receiver.nextPubRel().packetId()).isEqualTo(ids[i]);
                receiver.pubComp(ids[i]);
            }
            // m4, m5: PUBREL received, PUBCOMP not sent yet
            for (int i = 4; i <= 5; i++) {
                receiver.pubRec(ids[i]);
                assertThat(receiver.nextPubRel().packetId()).isEqualTo(ids[i]);
            }
            // m6, m7: PUBREC sent while Redis holds every write, so node-2 cannot record it before it dies: it must
            // not answer with PUBREL before the PUBREC is stored, or the resumed session would not know the
            // receiver released these identifiers and would send the messages again as new ones
            cluster.redis().call("CLIENT", "PAUSE", "1500", "WRITE");
            receiver.pubRec(ids[6]);
            receiver.pubRec(ids[7]);
            receiver.expectNothingButPubRel(Duration.ofMillis(300));
            // m8..m10: PUBLISH received, nothing sent back
            cluster.node(2).kill();

            for (int i = 11; i <= 15; i++) {
                expected.add("m" + i);
                assertThat(publish(pub, "q2/a", "m" + i, 2)).as("PUBREC to m" + i).isZero();
            }
            ConnAck resumed = receiver.connect(cluster.node(3), false);
            assertThat(resumed.reasonCode()).isEqualTo(ConnectReasonCode.SUCCESS);
            assertThat(resumed.sessionPresent()).as("session present on node-3").isTrue();
            receiver.acknowledgeUntil(expected.size(), Duration.ofSeconds(15));
            receiver.expectNothing(Duration.ofSeconds(1));

            assertThat(receiver.delivered).as("messages the application got, in order, each once")
                    .containsExactlyElementsOf(expected);
        }
    }
}
