package io.stratusmq.client;

import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttClientBuilder;
import com.hivemq.client.mqtt.MqttClientState;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.lifecycle.MqttDisconnectSource;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.message.connect.Mqtt3ConnectBuilder;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAck;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.suback.Mqtt3SubAckReturnCode;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The HiveMQ MQTT client speaking MQTT 3.1.1. */
final class HiveMq3Client implements TestClient {

    private final String clientId;
    private final Mqtt3AsyncClient client;
    private final BlockingQueue<Msg> inbox = new LinkedBlockingQueue<>();
    private final CompletableFuture<ConnectionLost> lost = new CompletableFuture<>();

    HiveMq3Client(String clientId, Transport transport, int port) {
        this.clientId = clientId;
        MqttClientBuilder builder = MqttClient.builder().identifier(clientId).serverHost("127.0.0.1")
                .serverPort(port)
                .addDisconnectedListener(ctx -> {
                    if (ctx.getSource() != MqttDisconnectSource.USER) {
                        lost.complete(new ConnectionLost(null, String.valueOf(ctx.getCause())));
                    }
                });
        if (transport == Transport.WEBSOCKET) {
            builder = builder.webSocketConfig().serverPath("mqtt").subprotocol("mqtt").applyWebSocketConfig();
        }
        this.client = builder.useMqttVersion3().buildAsync();
        client.publishes(MqttGlobalPublishFilter.ALL, this::received);
    }

    private void received(Mqtt3Publish p) {
        inbox.add(new Msg(p.getTopic().toString(), p.getPayloadAsBytes(), p.getQos().getCode(), p.isRetain(),
                List.of(), null, null, null, List.of()));
    }

    @Override
    public String clientId() {
        return clientId;
    }

    @Override
    public Library library() {
        return Library.HIVEMQ_3;
    }

    @Override
    public boolean connect(ConnectOptions options) throws Exception {
        // after a lost connection the library tells its listeners before it is ready to connect again
        await("HiveMQ client back in state DISCONNECTED").atMost(TIMEOUT)
                .until(() -> client.getState() == MqttClientState.DISCONNECTED);
        Mqtt3ConnectBuilder.Send<CompletableFuture<Mqtt3ConnAck>> connect = client.connectWith()
                .cleanSession(options.cleanStart()).keepAlive(options.keepAliveSeconds());
        Msg w = options.will();
        if (w != null) {
            connect = connect.willPublish().topic(w.topic()).payload(w.payload()).qos(MqttQos.fromCode(w.qos()))
                    .retain(w.retain()).applyWillPublish();
        }
        return connect.send().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).isSessionPresent();
    }

    @Override
    public int subscribe(String filter, SubscribeOptions options) throws Exception {
        if (!options.qosOnly()) {
            throw new UnsupportedOperationException("MQTT 3.1.1 has no subscription options but QoS");
        }
        int qos = options.qos();
        Mqtt3SubAckReturnCode code = client.subscribeWith().topicFilter(filter).qos(MqttQos.fromCode(qos)).send()
                .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).getReturnCodes().get(0);
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
        client.publishWith().topic(m.topic()).payload(m.payload()).qos(MqttQos.fromCode(m.qos()))
                .retain(m.retain()).send().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
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
