package io.stratusmq.cluster;

import static io.stratusmq.cluster.Clients.awaitRoutes;
import static io.stratusmq.cluster.Clients.subscribe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAckReturnCode;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5DisconnectException;
import com.hivemq.client.mqtt.mqtt5.lifecycle.Mqtt5ClientConnectedContext;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Issue 4: SIGTERM drains a node under traffic, and its clients carry on elsewhere. */
class DrainIT {

    /** A persistent subscriber on the node that drains; it moves to another node when told to. */
    private static final class Mover {
        final String id;
        final int qos;
        final Received inbox;
        final List<Throwable> disconnects = new CopyOnWriteArrayList<>();
        final List<Boolean> sessionPresent = new CopyOnWriteArrayList<>();
        final AtomicLong shutdownNoticeAt = new AtomicLong();
        Mqtt5AsyncClient client;

        Mover(String id, int qos) {
            this.id = id;
            this.qos = qos;
            this.inbox = new Received(id);
        }
    }

    @Test
    @DisplayName("SIGTERM to one of three nodes under traffic: its readiness goes DOWN first, a new CONNECT gets"
            + " CONNACK 0x9C, its clients get DISCONNECT 0x8B, resume their sessions on the other nodes, and no acknowledged message is lost")
    void drainUnderTraffic() throws Exception {
        try (Cluster cluster = Cluster.start("DrainIT", 3); Clients clients = new Clients()) {
            BrokerProcess draining = cluster.node(2);
            List<BrokerProcess> others = List.of(cluster.node(1), cluster.node(3));
            Received wills = new Received("wills/# on node-1");
            subscribe(clients.connected("drain-will-watcher", cluster.node(1), wills), "wills/#", 1);

            List<Mover> movers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Mover m = new Mover("mover-" + i, i < 2 ? 1 : 2);
                BrokerProcess next = others.get(i % 2);
                m.client = clients.track(Clients.v5(m.id, draining)
                        .willPublish().topic("wills/" + m.id).qos(MqttQos.AT_LEAST_ONCE)
                        .payload((m.id + " is gone").getBytes(StandardCharsets.UTF_8)).applyWillPublish()
                        .addConnectedListener(ctx -> {
                            m.sessionPresent.add(((Mqtt5ClientConnectedContext) ctx).getConnAck().isSessionPresent());
                        })
                        .addDisconnectedListener(ctx -> {
                            m.disconnects.add(ctx.getCause());
                            if (ctx.getCause() instanceof Mqtt5DisconnectException d && d.getMqttMessage()
                                    .getReasonCode() == Mqtt5DisconnectReasonCode.SERVER_SHUTTING_DOWN) {
                                m.shutdownNoticeAt.compareAndSet(0, System.nanoTime());
                            }
                            if (m.disconnects.size() == 1) { // move once, to another node, as a load balancer would
                                ctx.getReconnector().reconnect(true).delay(50, TimeUnit.MILLISECONDS)
                                        .transportConfig().serverHost("127.0.0.1").serverPort(next.tcpPort())
                                        .applyTransportConfig();
                            }
                        })
                        .buildAsync());
                m.client.publishes(MqttGlobalPublishFilter.ALL, m.inbox::add);
                m.client.connectWith().cleanStart(false).sessionExpiryInterval(300).send()
                        .orTimeout(10, TimeUnit.SECONDS).join();
                subscribe(m.client, "drain/#", m.qos);
                movers.add(m);
            }
            Mqtt5AsyncClient pub = clients.connected("drain-pub-1", cluster.node(1), null);
            awaitRoutes(pub, "drain/probe", movers.stream().map(m -> m.inbox).toArray(Received[]::new));

            AtomicLong readinessDownAt = new AtomicLong();
            Thread readinessWatch = new Thread(() -> {
                while (readinessDownAt.get() == 0 && draining.isAlive()) {
                    if (draining.readiness() != 200) {
                        readinessDownAt.compareAndSet(0, System.nanoTime());
                    }
                    LockSupport.parkNanos(Duration.ofMillis(10).toNanos()); // poll interval
                }
            }, "readiness-watch");
            readinessWatch.setDaemon(true);

            try (PublishLoop loop = new PublishLoop(pub, "drain/x", "d-", i -> 1 + i % 2)) {
                await("traffic flows").atMost(Duration.ofSeconds(20)).until(() -> loop.acceptedCount() >= 50);
                readinessWatch.start();
                draining.terminate();

                await("readiness DOWN").atMost(Duration.ofSeconds(5)).until(() -> readinessDownAt.get() != 0);
                // a client the load balancer still sends here is told to go elsewhere, not taken in
                Throwable lateComer = Clients.v5("late-comer", draining).buildAsync().connect()
                        .handle((ack, error) -> error).orTimeout(10, TimeUnit.SECONDS).join();
                assertThat(lateComer).as("CONNECT to the draining node").isInstanceOf(Mqtt5ConnAckException.class);
                assertThat(((Mqtt5ConnAckException) lateComer).getMqttMessage().getReasonCode())
                        .as("CONNACK reason").isEqualTo(Mqtt5ConnAckReasonCode.USE_ANOTHER_SERVER);
                Throwable lateComer3 = Clients.v3("late-comer-3", draining).buildAsync().connect()
                        .handle((ack, error) -> error).orTimeout(10, TimeUnit.SECONDS).join();
                assertThat(lateComer3).as("3.1.1 CONNECT to the draining node").isInstanceOf(Mqtt3ConnAckException.class);
                assertThat(((Mqtt3ConnAckException) lateComer3).getMqttMessage().getReturnCode())
                        .as("CONNACK return code").isEqualTo(Mqtt3ConnAckReturnCode.SERVER_UNAVAILABLE);

                for (Mover m : movers) {
                    await(m.id + " resumed on another node").atMost(Duration.ofSeconds(20))
                            .until(() -> m.sessionPresent.size() >= 2);
                }
                assertThat(draining.awaitExit(Duration.ofSeconds(20))).as("drained node exits").isTrue();
                int before = loop.acceptedCount();
                await("traffic flows after the drain").atMost(Duration.ofSeconds(20))
                        .until(() -> loop.acceptedCount() >= before + 50);
                loop.stop();

                long firstNotice = movers.stream().mapToLong(m -> m.shutdownNoticeAt.get()).filter(t -> t != 0).min()
                        .orElse(Long.MAX_VALUE);
                assertThat(readinessDownAt.get()).as("readiness DOWN observed").isNotZero();
                assertThat(readinessDownAt.get()).as("readiness DOWN before the first client is disconnected")
                        .isLessThan(firstNotice);
                List<String> acknowledged = loop.acceptedPayloads();
                List<String> acknowledgedQos2 = loop.accepted().stream().filter(o -> o.qos() == 2)
                        .map(PublishLoop.Outcome::payload).toList();
                for (Mover m : movers) {
                    assertThat(m.disconnects.get(0)).as(m.id + " disconnected by DISCONNECT")
                            .isInstanceOf(Mqtt5DisconnectException.class);
                    assertThat(((Mqtt5DisconnectException) m.disconnects.get(0)).getMqttMessage().getReasonCode())
                            .as(m.id + " reason").isEqualTo(Mqtt5DisconnectReasonCode.SERVER_SHUTTING_DOWN);
                    assertThat(m.sessionPresent).as(m.id + " session present on the new node").containsExactly(false,
                            true);
                    // connected to another node: the drained one has exited, and the client was not moved again
                    assertThat(m.disconnects).as(m.id + " disconnects").hasSize(1);
                    assertThat(m.client.getState().isConnected()).as(m.id + " connected").isTrue();
                    m.inbox.awaitAll(acknowledged, Duration.ofSeconds(15));
                    if (m.qos == 2) {
                        Map<String, Long> counts = m.inbox.counts();
                        assertThat(acknowledgedQos2).as(m.id + ": QoS 2 messages delivered more than once")
                                .filteredOn(p -> counts.get(p) != 1).isEmpty();
                    }
                }
                assertThat(wills.messages()).as("wills published for a drain").isEmpty();
            }
        }
    }
}
