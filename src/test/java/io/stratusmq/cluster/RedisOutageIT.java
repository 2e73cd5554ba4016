package io.stratusmq.cluster;

import static io.stratusmq.cluster.Clients.awaitRoutes;
import static io.stratusmq.cluster.Clients.awaitSharedRoute;
import static io.stratusmq.cluster.Clients.subscribe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import io.stratusmq.codec.PublishProperties;
import io.stratusmq.session.Message;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Redis is killed (SIGKILL) under traffic and started again. It runs with an fsync-always append-only file, as
 * a production Redis that promises durability does: what it acknowledged survives the restart, and the keys
 * with a TTL (node heartbeats) lapse while it is down, as they would during a failover.
 */
class RedisOutageIT {

    /** Longer than a heartbeat key lives (node-timeout minus one heartbeat): every node looks dead afterwards. */
    private static final Duration OUTAGE = Duration.ofSeconds(4);

    @Test
    @DisplayName("Redis killed and restarted empty (no persistence): readiness comes back by itself, and every node"
            + " registers its routes again, so messages cross nodes as before")
    void redisRestartedEmpty() {
        try (Cluster cluster = Cluster.start("RedisOutageIT-empty", 3); Clients clients = new Clients()) {
            Received plain = new Received("clean-start subscriber on node-2");
            subscribe(clients.connected("empty-sub-2", cluster.node(2), plain), "empty/#", 1);
            Mqtt5AsyncClient pub = clients.connected("empty-pub-1", cluster.node(1), null);
            awaitRoutes(pub, "empty/probe", plain);

            cluster.redis().kill();
            for (BrokerProcess n : cluster.nodes()) {
                n.awaitReadiness(503, Duration.ofSeconds(5));
            }
            assertThat(Publishes.publish(pub, "empty/x", "refused", 1)).as("PUBACK while Redis is down")
                    .isGreaterThanOrEqualTo(0x80);
            cluster.redis().restart();
            for (BrokerProcess n : cluster.nodes()) {
                n.awaitReadiness(200, Duration.ofSeconds(20));
            }

            // the routes and the inbox stream went with Redis's memory; node-2 put its routes back
            assertThat(Publishes.publish(pub, "empty/x", "after-restart", 1)).as("PUBACK after the restart").isZero();
            plain.awaitAll(List.of("after-restart"), Clients.TIMEOUT);
        }
    }

    @Test
    @DisplayName("A node's inbox created anew while its connections were down (IDs below the last one read) is"
            + " read from its start after the reconnect, each entry once, and what was delivered is trimmed")
    void inboxCreatedAnewIsReadFromTheStart() {
        try (Cluster cluster = Cluster.start("RedisOutageIT-new-inbox", 2); Clients clients = new Clients()) {
            Received plain = new Received("clean-start subscriber on node-2");
            subscribe(clients.connected("anew-sub-2", cluster.node(2), plain), "anew/#", 1);
            Mqtt5AsyncClient pub = clients.connected("anew-pub-1", cluster.node(1), null);
            awaitRoutes(pub, "anew/probe", plain);
            assertThat(Publishes.publish(pub, "anew/w", "before", 1)).as("PUBACK of a first QoS 1 message").isZero();
            plain.awaitAll(List.of("before"), Clients.TIMEOUT);
            String inbox = new RedisKeys("stratus", false).inbox("node-2");
            await("the first message trimmed from node-2's inbox").atMost(Clients.TIMEOUT)
                    .untilAsserted(() -> assertThat((Long) cluster.redis().call("XLEN", inbox)).isZero());

            // Redis lost the stream and another node wrote to it anew, under IDs below those node-2 has read: its
            // blocked read (after its last ID) does not see the entry, the read after the reconnect must
            byte[] batch = ClusterCodec.encodeBatch(List.of(new Message("anew/x", utf8("in the new stream"), 1,
                    false, PublishProperties.EMPTY, "anew-pub-1", Message.NEVER)));
            cluster.redis().call(utf8("DEL"), utf8(inbox));
            cluster.redis().call(utf8("XADD"), utf8(inbox), utf8("1-1"), utf8("m"), batch);
            cluster.redis().call("CLIENT", "KILL", "TYPE", "normal", "SKIPME", "yes");
            plain.awaitAll(List.of("before", "in the new stream"), Clients.TIMEOUT);

            assertThat(Publishes.publish(pub, "anew/y", "after", 1)).as("PUBACK after the reconnect").isZero();
            plain.awaitAll(List.of("before", "in the new stream", "after"), Clients.TIMEOUT);
            assertThat(plain.counts()).as("each once").containsEntry("in the new stream", 1L)
                    .containsEntry("after", 1L);
            await("the inbox trimmed").atMost(Clients.TIMEOUT)
                    .untilAsserted(() -> assertThat((Long) cluster.redis().call("XLEN", inbox)).isZero());
        }
    }

    @Test
    @DisplayName("Shared-subscription entries Redis handed to a node in a reply the node never read (the connection"
            + " dropped) are read again from the node's pending entries and delivered once reconnected")
    void lostSharedReplyIsReadAgain() {
        try (Cluster cluster = Cluster.start("RedisOutageIT-lost-reply", 2); Clients clients = new Clients()) {
            Received member = new Received("shared member on node-2");
            subscribe(clients.connected("lost-member-2", cluster.node(2), member), "$share/g/lost/#", 1);
            Mqtt5AsyncClient pub = clients.connected("lost-pub-1", cluster.node(1), null);
            awaitSharedRoute(pub, "lost/probe", member);

            // What node-2's blocked XREADGROUP would have received, had its reply not been lost: an entry added to
            // the group's stream and read for node-2's consumer in one atomic step, so that node-2 never sees it.
            byte[] batch = ClusterCodec.encodeBatch(List.of(new Message("lost/x", utf8("in the lost reply"), 1,
                    false, PublishProperties.EMPTY, "lost-pub-1", Message.NEVER)));
            String stream = new RedisKeys("stratus", false).shared("g", "lost/#");
            cluster.redis().call(utf8("EVAL"), utf8("redis.call('XADD', KEYS[1], '*', 'm', ARGV[1]);"
                    + " return redis.call('XREADGROUP', 'GROUP', ARGV[2], ARGV[3], 'STREAMS', KEYS[1], '>')"),
                    utf8("1"), utf8(stream), batch, utf8(StreamConsumer.GROUP), utf8("node-2"));
            assertThat(cluster.redis().call("XPENDING", stream, StreamConsumer.GROUP).toString())
                    .as("the entry is pending for node-2").startsWith("[1, ");

            cluster.redis().call("CLIENT", "KILL", "TYPE", "normal", "SKIPME", "yes");
            member.awaitAll(List.of("in the lost reply"), Clients.TIMEOUT);
            await("the entry acknowledged").atMost(Clients.TIMEOUT).untilAsserted(() -> assertThat(
                    cluster.redis().call("XPENDING", stream, StreamConsumer.GROUP).toString()).startsWith("[0, "));
            assertThat(Publishes.publish(pub, "lost/y", "after", 1)).as("PUBACK after the reconnect").isZero();
            member.awaitAll(List.of("in the lost reply", "after"), Clients.TIMEOUT);
            assertThat(member.counts()).as("each once").containsEntry("in the lost reply", 1L)
                    .containsEntry("after", 1L);
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("Redis killed and restarted during traffic: readiness goes DOWN then UP by itself, QoS 1 publishes"
            + " are refused meanwhile, no acknowledged message is lost, nobody is declared dead")
    void redisKilledAndRestarted() throws Exception {
        try (Cluster cluster = Cluster.start("RedisOutageIT", 3, true, Map.of()); Clients clients = new Clients()) {
            Received plain = new Received("clean-start subscriber on node-2");
            subscribe(clients.connected("outage-sub-2", cluster.node(2), plain), "outage/#", 1);
            Received persistent = new Received("persistent subscriber on node-3");
            Mqtt5AsyncClient kept = clients.track(Clients.v5("outage-sub-3", cluster.node(3)).buildAsync());
            kept.publishes(MqttGlobalPublishFilter.ALL, persistent::add);
            kept.connectWith().cleanStart(true).sessionExpiryInterval(300).send().orTimeout(10, TimeUnit.SECONDS)
                    .join();
            subscribe(kept, "outage/#", 1);
            // a client that stays connected throughout: its will must not go out
            Received wills = new Received("wills/# on node-1");
            Mqtt5AsyncClient willWatcher = clients.connected("outage-will-watcher", cluster.node(1), wills);
            subscribe(willWatcher, "wills/#", 1);
            Mqtt5AsyncClient bystander = clients.track(Clients.v5("bystander", cluster.node(2)).willPublish()
                    .topic("wills/bystander").qos(MqttQos.AT_LEAST_ONCE)
                    .payload("bystander is gone".getBytes(StandardCharsets.UTF_8)).applyWillPublish().buildAsync());
            bystander.connect().orTimeout(10, TimeUnit.SECONDS).join();
            awaitRoutes(clients.connected("outage-prober-3", cluster.node(3), null), "wills/probe", wills);
            Mqtt5AsyncClient pub = clients.connected("outage-pub-1", cluster.node(1), null);
            awaitRoutes(pub, "outage/probe", plain, persistent);

            try (PublishLoop loop = new PublishLoop(pub, "outage/x", "o-", i -> 1)) {
                await("traffic flows").atMost(Duration.ofSeconds(20))
                        .untilAsserted(() -> assertThat(loop.acceptedCount()).as(loop::summary).isGreaterThanOrEqualTo(50));

                cluster.redis().kill();
                long killedAt = System.nanoTime();
                for (BrokerProcess n : cluster.nodes()) {
                    n.awaitReadiness(503, Duration.ofSeconds(5));
                }
                await("QoS 1 publishes refused while Redis is down").atMost(Duration.ofSeconds(5))
                        .untilAsserted(() -> assertThat(loop.refused()).as(loop::summary).isNotEmpty());
                Thread.sleep(OUTAGE.toMillis()); // the outage itself: not waiting for anything
                long restartedAt = System.nanoTime();
                cluster.redis().restart();

                for (BrokerProcess n : cluster.nodes()) {
                    n.awaitReadiness(200, Duration.ofSeconds(20));
                }
                int before = loop.acceptedCount();
                await("traffic flows again").atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                        loop.acceptedCount()).as(loop::summary).isGreaterThanOrEqualTo(before + 100));
                loop.stop();

                List<String> acknowledged = loop.acceptedPayloads();
                plain.awaitAll(acknowledged, Duration.ofSeconds(15));
                persistent.awaitAll(acknowledged, Duration.ofSeconds(15));
                long graceNanos = Duration.ofSeconds(1).toNanos();
                assertThat(loop.outcomes()).as("publishes acknowledged while Redis was down")
                        .filteredOn(o -> o.accepted() && o.atNanos() > killedAt + graceNanos && o.atNanos() < restartedAt)
                        .isEmpty();
                assertThat(loop.refused()).as("refusals carry a reason code").allMatch(o -> o.code() == 0x80);
                assertThat(bystander.getState().isConnected()).as("bystander still connected").isTrue();
                assertThat(wills.messages()).as("wills published although their clients stayed connected").isEmpty();
            }
        }
    }
}
