package io.stratusmq.client;

import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttClientBuilder;
import com.hivemq.client.mqtt.MqttClientState;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.lifecycle.MqttDisconnectSource;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.datatypes.Mqtt5UserProperties;
import com.hivemq.client.mqtt.mqtt5.datatypes.Mqtt5UserPropertiesBuilder;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5DisconnectException;
import com.hivemq.client.mqtt.mqtt5.message.connect.Mqtt5ConnectBuilder;
import com.hivemq.client.mqtt.mqtt5.message.connect.Mqtt5ConnectRestrictionsBuilder;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishBuilder;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5RetainHandling;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The HiveMQ MQTT client speaking MQTT 5.0. It uses topic aliases toward the broker by itself (up to the
 * broker's Topic Alias Maximum) and hides subscription identifiers, which it assigns and consumes internally.
 */
final class HiveMq5Client implements TestClient {

    private final String clientId;
    private final Mqtt5AsyncClient client;
    private final BlockingQueue<Msg> inbox = new LinkedBlockingQueue<>();
    private final CompletableFuture<ConnectionLost> lost = new CompletableFuture<>();
    /** QoS 1/2 messages received and not yet acknowledged, when the test acknowledges them itself. */
    private final BlockingQueue<Mqtt5Publish> unacknowledged = new LinkedBlockingQueue<>();
    private final boolean manualAcknowledgement;

    HiveMq5Client(String clientId, Transport transport, int port) {
        this(clientId, transport, port, false);
    }

    /**
     * @param manualAcknowledgement when true, QoS 1/2 messages are acknowledged (PUBACK, PUBREC) only through
     *        {@link #acknowledgeReceived()}
     */
    HiveMq5Client(String clientId, Transport transport, int port, boolean manualAcknowledgement) {
        this.clientId = clientId;
        this.manualAcknowledgement = manualAcknowledgement;
        MqttClientBuilder builder = MqttClient.builder().identifier(clientId).serverHost("127.0.0.1")
                .serverPort(port)
                .addDisconnectedListener(ctx -> {
                    if (ctx.getSource() != MqttDisconnectSource.USER) {
                        Integer reason = ctx.getCause() instanceof Mqtt5DisconnectException d
                                ? d.getMqttMessage().getReasonCode().getCode() : null;
                        lost.complete(new ConnectionLost(reason, String.valueOf(ctx.getCause())));
                    }
                });
        if (transport == Transport.WEBSOCKET) {
            builder = builder.webSocketConfig().serverPath("mqtt").subprotocol("mqtt").applyWebSocketConfig();
        }
        this.client = builder.useMqttVersion5().buildAsync();
        client.publishes(MqttGlobalPublishFilter.ALL, this::received, manualAcknowledgement);
    }

    private void received(Mqtt5Publish p) {
        if (manualAcknowledgement && p.getQos().getCode() > 0) {
            unacknowledged.add(p);
        }
        List<Map.Entry<String, String>> props = p.getUserProperties().asList().stream()
                .map(u -> Map.entry(u.getName().toString(), u.getValue().toString())).toList();
        inbox.add(new Msg(p.getTopic().toString(), p.getPayloadAsBytes(), p.getQos().getCode(), p.isRetain(), props,
                p.getResponseTopic().map(Object::toString).orElse(null),
                p.getCorrelationData().map(HiveMq5Client::bytes).orElse(null),
                p.getMessageExpiryInterval().isPresent() ? p.getMessageExpiryInterval().getAsLong() : null,
                List.of()));
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    @Override
    public String clientId() {
        return clientId;
    }

    @Override
    public Library library() {
        return Library.HIVEMQ_5;
    }

    @Override
    public boolean connect(ConnectOptions options) throws Exception {
        // after a lost connection the library tells its listeners before it is ready to connect again
        await("HiveMQ client back in state DISCONNECTED").atMost(TIMEOUT)
                .until(() -> client.getState() == MqttClientState.DISCONNECTED);
        Mqtt5ConnectBuilder.Send<CompletableFuture<Mqtt5ConnAck>> connect = client.connectWith()
                .cleanStart(options.cleanStart()).sessionExpiryInterval(options.sessionExpirySeconds())
                .keepAlive(options.keepAliveSeconds());
        Mqtt5ConnectRestrictionsBuilder.Nested<? extends Mqtt5ConnectBuilder.Send<CompletableFuture<Mqtt5ConnAck>>> r =
                connect.restrictions();
        if (options.topicAliasMaximum() > 0) {
            r = r.topicAliasMaximum(options.topicAliasMaximum());
        }
        if (options.receiveMaximum() > 0) {
            r = r.receiveMaximum(options.receiveMaximum());
        }
        if (options.maximumPacketSize() > 0) {
            r = r.maximumPacketSize(options.maximumPacketSize());
        }
        connect = r.applyRestrictions();
        Msg w = options.will();
        if (w != null) {
            connect = connect.willPublish().topic(w.topic()).payload(w.payload()).qos(MqttQos.fromCode(w.qos()))
                    .retain(w.retain()).delayInterval(options.willDelaySeconds()).applyWillPublish();
        }
        Mqtt5ConnAck ack = connect.send().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        return ack.isSessionPresent();
    }

    @Override
    public int subscribe(String filter, SubscribeOptions o) throws Exception {
        Mqtt5SubAckReasonCode code = client.subscribeWith().topicFilter(filter).qos(MqttQos.fromCode(o.qos()))
                .noLocal(o.noLocal()).retainAsPublished(o.retainAsPublished())
                .retainHandling(Mqtt5RetainHandling.fromCode(o.retainHandling())).send()
                .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).getReasonCodes().get(0);
        if (code.isError()) {
            throw new AssertionError("SUBACK for " + filter + ": " + code);
        }
        return code.getCode();
    }

    @Override
    public void unsubscribe(String filter) throws Exception {
        client.unsubscribeWith().topicFilter(filter).send().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void publish(Msg m) throws Exception {
        Mqtt5PublishBuilder.Complete b = Mqtt5Publish.builder().topic(m.topic()).payload(m.payload())
                .qos(MqttQos.fromCode(m.qos())).retain(m.retain());
        if (!m.userProperties().isEmpty()) {
            Mqtt5UserPropertiesBuilder props = Mqtt5UserProperties.builder();
            m.userProperties().forEach(e -> props.add(e.getKey(), e.getValue()));
            b = b.userProperties(props.build());
        }
        if (m.responseTopic() != null) {
            b = b.responseTopic(m.responseTopic());
        }
        if (m.correlationData() != null) {
            b = b.correlationData(m.correlationData());
        }
        if (m.messageExpiry() != null) {
            b = b.messageExpiryInterval(m.messageExpiry());
        }
        Mqtt5PublishResult result = client.publish(b.build()).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (result.getError().isPresent()) {
            throw new AssertionError("publish to " + m.topic() + " failed", result.getError().get());
        }
    }

    /** Acknowledges the QoS 1/2 messages received so far; returns how many. */
    int acknowledgeReceived() {
        int n = 0;
        Mqtt5Publish p;
        while ((p = unacknowledged.poll()) != null) {
            p.acknowledge();
            n++;
        }
        return n;
    }

    @Override
    public void disconnect() throws Exception {
        client.disconnect().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public boolean isConnected() {
        return client.getState().isConnected();
    }

    @Override
    public CompletableFuture<ConnectionLost> lost() {
        return lost;
    }

    @Override
    public BlockingQueue<Msg> inbox() {
        return inbox;
    }

    @Override
    public void close() {
        if (client.getState().isConnected()) {
            client.disconnect().orTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).exceptionally(e -> null).join();
        }
    }

    @Override
    public String toString() {
        return clientId + " (" + library() + ")";
    }
}
